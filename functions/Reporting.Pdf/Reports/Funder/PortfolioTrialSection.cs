using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.FunderSections;

/// <summary>
/// One trial of the portfolio: its latest run, change, flagged sites and site figures. <see cref="ReportLink"/> is the
/// trial report's address when it is an absolute http(s) address (the report then links to it).
/// </summary>
internal sealed record PortfolioTrialModel(PortfolioTrial Trial, IReadOnlySet<string> FlaggedSiteIds, Uri? ReportLink)
{
    public static PortfolioTrialModel From(PortfolioTrial t) => new(
        t,
        t.Flagged.Select(f => f.SiteId).ToHashSet(StringComparer.Ordinal),
        Uri.TryCreate(t.TrialReportUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null);
}

/// <summary>Formats <see cref="PortfolioTrialModel"/>.</summary>
internal static class PortfolioTrialSection
{
    public static IEnumerable<Block> Compose(PortfolioTrialModel m)
    {
        var t = m.Trial;
        yield return new Heading(2, $"{t.TrialId}: {t.Title}");
        var items = new List<KeyValue>();
        if (t.Registration is { Length: > 0 } registration)
        {
            items.Add(new("Registration", registration));
        }

        items.Add(new("Latest run", $"{t.RunId}, data cut-off {F.Date(t.DataCutOff)}"));
        items.Add(new("Sites and participants", $"{F.Count(t.Sites)} sites, {F.Count(t.Participants)} participants randomised"));
        items.Add(new("Pooled engagement", t.Pooled is { } p ? F.ProportionLong(p.Proportion) : "not available (no contacts)"));
        items.Add(new("Change since previous period", t.EngagementChange is { } c
            ? $"{F.PointsChange(c)} (from {F.Percent(t.PreviousEngagement)} in run {t.PreviousRunId}, cut-off {F.Date(t.PreviousDataCutOff)})"
            : t.PreviousRunId is null ? "not available: no run at the previous period" : $"not available (previous run {t.PreviousRunId} has no engagement figure)"));
        items.Add(new("Engagement against fidelity", t.Spearman is { } s ? "Spearman’s " + F.Spearman(s) : "not available"));
        items.Add(new("Latest trial report", t.TrialReportUrl ?? "no link supplied") { Link = m.ReportLink });
        yield return new KeyValuePanel(items) { KeyWidthFraction = 0.3 };

        yield return new Heading(3, "Sites flagged");
        if (t.Flagged.Count == 0)
        {
            yield return new Paragraph("No site is flagged: none is an outlier case or outside the funnel plot’s 99.8% limits.");
        }
        else
        {
            yield return new BulletList(t.Flagged.Select(f => new Paragraph([TextRun.Bold($"{f.SiteId} {f.SiteName}: "), f.Reason])).ToList());
        }

        yield return new Heading(3, "Site figures");
        yield return new Table(
            [
                new TableColumn(30), new TableColumn(130), new TableColumn(44, ColumnAlignment.Right), new TableColumn(66, ColumnAlignment.Right),
                new TableColumn(62, ColumnAlignment.Right), new TableColumn(50, ColumnAlignment.Right), new TableColumn(70),
            ],
            [new TableRow(["Site", "Name", "Offered", "Engagement", "Change", "Fidelity", "Case role"])],
            t.SiteFigures.Select(s => new TableRow(
                [
                    s.SiteId,
                    s.SiteName,
                    s.Offered is { } o ? F.Count(o) : F.Missing,
                    F.Percent(s.Engagement),
                    s.EngagementChange is { } c ? F.PointsChange(c) : "n/a",
                    F.Score(s.Fidelity),
                    F.Role(s.Role),
                ],
                m.FlaggedSiteIds.Contains(s.SiteId) ? RowEmphasis.Highlight : RowEmphasis.None)).ToList()) { RowHeaders = true };
    }
}
