using Reporting.Core.Analysis;
using Reporting.Core.Metrics;
using Reporting.Pdf.SharedSections;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.TrialSections;

/// <summary>A site in the site table; <see cref="Flagged"/> when it is outside the funnel plot's 99.8% limits.</summary>
internal sealed record SiteTableRow(SiteResult Site, bool Flagged);

/// <summary>Every site's setting, engagement, fidelity, classes and case role, with the pooled row.</summary>
internal sealed record SiteTableModel(IReadOnlyList<SiteTableRow> Rows, SiteEngagement? Pooled, int SiteCount, ClassificationInfo Classification)
{
    /// <summary>After the charts' page; a run without engagement has no charts, and the table follows the text.</summary>
    public bool StartsOnNewPage => Pooled is not null;

    public static SiteTableModel From(RunModel run) => new(
        run.Sites.Select(s => new SiteTableRow(s, s.FunnelPosition is FunnelPosition.Above998 or FunnelPosition.Below998)).ToList(),
        run.Pooled.Engagement,
        run.Sites.Count,
        run.Classification);
}

/// <summary>Formats <see cref="SiteTableModel"/>.</summary>
internal static class SiteTableSection
{
    public static IEnumerable<Block> Compose(SiteTableModel m)
    {
        if (m.StartsOnNewPage)
        {
            yield return new PageBreak();
        }

        yield return new Heading(2, TrialReportDocument.Sections.SiteTable);
        yield return new Paragraph(
            "Every site with its setting (locality, employer), engagement (engaged of offered, with the Wilson 95% interval and those still pending), " +
            "fidelity score, class on each axis (engagement / fidelity) and case role. Sites outside the funnel plot’s 99.8% limits are highlighted; the pooled row is in bold.");
        if (m.Pooled is null)
        {
            yield return new Paragraph(ReportText.EngagementUnavailable);
        }

        var rows = m.Rows.Select(r =>
        {
            var s = r.Site;
            var e = s.Engagement;
            return new TableRow(
                [
                    s.SiteId,
                    s.SiteName,
                    $"{F.Locality(s.Locality)}, {F.Employer(s.Employer)}",
                    e is null ? F.Missing : F.Count(e.Offered),
                    e is null ? F.Missing : F.Count(e.Engaged),
                    e is null ? F.Missing : F.Percent(e.Proportion.Value),
                    e is null ? F.Missing : F.Interval(e.Proportion),
                    e is null ? F.Missing : F.Count(e.Pending),
                    F.Score(s.Fidelity?.Score),
                    $"{F.Level(s.EngagementClass?.Level)} / {F.Level(s.FidelityClass?.Level)}",
                    F.Role(s.Role),
                ],
                r.Flagged ? RowEmphasis.Highlight : RowEmphasis.None);
        }).ToList();

        if (m.Pooled is { } p)
        {
            rows.Add(new TableRow(
                [
                    new TableCell($"Pooled ({F.Plural(m.SiteCount, "site", "sites")})", 3),
                    F.Count(p.Offered), F.Count(p.Engaged), F.Percent(p.Proportion.Value), F.Interval(p.Proportion), F.Count(p.Pending),
                    new TableCell(string.Empty, 3),
                ],
                RowEmphasis.Bold));
        }

        yield return new Table(
            [
                new TableColumn(27), new TableColumn(49), new TableColumn(50),
                new TableColumn(40, ColumnAlignment.Right), new TableColumn(43, ColumnAlignment.Right), new TableColumn(32, ColumnAlignment.Right),
                new TableColumn(56, ColumnAlignment.Right), new TableColumn(41, ColumnAlignment.Right), new TableColumn(32, ColumnAlignment.Right),
                new TableColumn(48, ColumnAlignment.Center), new TableColumn(62),
            ],
            [
                new TableRow([new TableCell("Site", 3), new TableCell("Engagement", 5), new TableCell("Fidelity and case", 3)]),
                new TableRow(["Id", "Name", "Setting", "Offered", "Engaged", "%", "95% CI", "Pending", "Score", "Class E / F", "Role"]),
            ],
            rows) { RowHeaders = true };

        if (m.Classification is { Engagement: { } et, Fidelity: { } ft })
        {
            yield return new Paragraph($"Classes use these thresholds: {F.Thresholds(et, ft)}. Thresholds are inclusive.");
        }
    }
}
