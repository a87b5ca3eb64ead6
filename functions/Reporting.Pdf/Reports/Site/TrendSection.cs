using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.SiteSections;

/// <summary>
/// The site's own engagement and fidelity across the trial's runs, against the pooled engagement only (no other site).
/// <see cref="Site"/> is null for a run without earlier runs, and the section then prints nothing.
/// </summary>
/// <remarks><see cref="Pooled"/>: the trial's pooled line, a point per run as the site's.</remarks>
internal sealed record SiteTrendModel(SiteTrend? Site, IReadOnlyList<TrendPoint> Pooled, TrendChart? Chart, int Figure)
{
    public int FigureCount => Chart is null ? 0 : 1;

    public static SiteTrendModel From(RunModel run, SiteResult site, RunHistory history)
    {
        if (Trends.Of(run, history) is not { } trends)
        {
            return new(null, [], null, 1);
        }

        var own = trends.Sites.Single(s => s.SiteId == site.SiteId);
        return new(own, trends.Pooled, ReportCharts.SiteTrend(trends, own), 1);
    }
}

/// <summary>Formats <see cref="SiteTrendModel"/>.</summary>
internal static class SiteTrendSection
{
    public static IEnumerable<Block> Compose(SiteTrendModel m)
    {
        if (m.Site is not { } site || m.Chart is not { } chart)
        {
            yield break;
        }

        yield return new Heading(2, SiteReportDocument.Sections.Trend);
        yield return new Paragraph(
            $"{site.SiteId}’s engagement and fidelity at each of the trial’s {F.Plural(site.Points.Count, "data cut-off", "data cut-offs")}, beside the trial’s pooled engagement. " +
            "Each figure is as that run reported it: the participants randomised by its cut-off, followed up to it.");
        yield return new Figure(
            chart,
            $"Figure {m.Figure}. Engagement at {site.SiteId} by data cut-off, with Wilson 95% intervals; the dashed line is the trial’s pooled engagement.",
            $"Line chart of engagement at {site.SiteId} at each data cut-off against the trial’s pooled engagement: " +
            string.Join("; ", site.Points.Zip(m.Pooled, (s, p) =>
                $"{F.Date(s.DataCutOff)} {site.SiteId} {(s.Engagement?.Value is { } v ? F.Percent(v) : "not available")}, pooled {(p.Engagement?.Value is { } pv ? F.Percent(pv) : "not available")}")) + ".");
        yield return new Table(
            [
                new TableColumn(84), new TableColumn(46, ColumnAlignment.Right), new TableColumn(100, ColumnAlignment.Right), new TableColumn(50, ColumnAlignment.Right),
                new TableColumn(100, ColumnAlignment.Right), new TableColumn(40, ColumnAlignment.Right), new TableColumn(44, ColumnAlignment.Right),
            ],
            [
                new TableRow([string.Empty, new TableCell($"Engagement at {site.SiteId}", 3), new TableCell("Trial", 1), new TableCell("Fidelity", 2)]),
                new TableRow(["Data cut-off", "Engaged", "% (95% CI)", "Change", "Pooled % (95% CI)", "Score", "Change"]),
            ],
            site.Points.Zip(m.Pooled, (s, p) => new TableRow(
            [
                F.Date(s.DataCutOff),
                s.Engagement is { } e ? $"{F.Count(e.Count)}/{F.Count(e.Total)}" : F.Missing,
                s.Engagement is { } se ? F.PercentWithInterval(se) : F.Missing,
                s.EngagementChange is { } c ? F.PointsChange(c) : F.Missing,
                p.Engagement is { } pe ? F.PercentWithInterval(pe) : F.Missing,
                F.Score(s.Fidelity),
                s.FidelityChange is { } fc ? F.ScoreChange(fc) : F.Missing,
            ])).ToList())
        { RowHeaders = true };
        yield return new Paragraph("Change is since the previous cut-off: percentage points of engagement, points of fidelity score; a dash where either cut-off lacks the figure.");
    }
}
