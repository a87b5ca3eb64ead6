using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.TrialSections;

/// <summary>
/// Engagement and fidelity per site across the trial's runs, by data cut-off: small multiples of each and a table.
/// <see cref="Trends"/> is null for a run without earlier runs, and the section then prints nothing.
/// </summary>
internal sealed record TrendsModel(TrialTrends? Trends, TrendChart? Engagement, TrendChart? Fidelity, int FirstFigure)
{
    /// <summary>The figures this section numbers (the figures after it count on from them).</summary>
    public int FigureCount => (Engagement is null ? 0 : 1) + (Fidelity is null ? 0 : 1);

    public static TrendsModel From(RunModel run, RunHistory history)
    {
        if (Core.Analysis.Trends.Of(run, history) is not { } trends)
        {
            return new(null, null, null, 1);
        }

        var anyFidelity = trends.Sites.Any(s => s.Points.Any(p => p.Fidelity is not null));
        return new(
            trends,
            ReportCharts.EngagementTrend(trends),
            anyFidelity ? ReportCharts.FidelityTrend(trends, run.Trial.FidelityMaxTotal) : null,
            1);
    }
}

/// <summary>Formats <see cref="TrendsModel"/>.</summary>
internal static class TrendsSection
{
    public static IEnumerable<Block> Compose(TrendsModel m)
    {
        if (m.Trends is not { } trends)
        {
            yield break;
        }

        // The small multiples read together, on a page of their own after the summary.
        yield return new PageBreak();
        yield return new Heading(2, TrialReportDocument.Sections.Trends);
        var runs = trends.Runs;
        yield return new Paragraph(
            $"This run is the latest of the trial’s {F.Plural(runs.Count, "run", "runs")}, one per data cut-off: " +
            F.List(runs.Select((r, i) => $"{F.Date(r.DataCutOff)} (run {r.RunId}{(i == runs.Count - 1 ? ", this run" : "")})").ToList()) + ". " +
            "Each figure is as that run reported it: the participants randomised by its cut-off, followed up to it. A change between cut-offs " +
            "therefore mixes participants added since with more follow-up of the earlier ones.");

        var figure = m.FirstFigure;
        if (m.Engagement is { } engagement)
        {
            yield return new Figure(
                engagement,
                $"Figure {figure++}. Engagement by site at each data cut-off, with Wilson 95% intervals; the dashed line is the trial’s pooled engagement.",
                $"Line charts of engagement at each data cut-off ({Cutoffs(trends)}), one per site, with the pooled engagement for reference: " +
                string.Join("; ", trends.Sites.Select(s => $"{s.SiteId} {Series(s.Points.Select(p => p.Engagement?.Value))}")) +
                $"; pooled {Series(trends.Pooled.Select(p => p.Engagement?.Value))}.");
        }

        if (m.Fidelity is { } fidelity)
        {
            yield return new Figure(
                fidelity,
                $"Figure {figure}. Fidelity score by site at each data cut-off (the site’s latest assessment by then).",
                $"Line charts of fidelity score at each data cut-off ({Cutoffs(trends)}), one per site: " +
                string.Join("; ", trends.Sites.Select(s => $"{s.SiteId} {string.Join(", ", s.Points.Select(p => p.Fidelity is { } f ? F.Score(f) : "not scored"))}")) + ".");
        }

        var rows = new List<TableRow>();
        foreach (var site in trends.Sites)
        {
            rows.AddRange(site.Points.Select(p => Row(site.SiteId, p, RowEmphasis.None)));
        }

        rows.AddRange(trends.Pooled.Select(p => Row("Pooled", p, RowEmphasis.Bold)));
        yield return new Table(
            [
                new TableColumn(42), new TableColumn(70), new TableColumn(52, ColumnAlignment.Right), new TableColumn(104, ColumnAlignment.Right),
                new TableColumn(52, ColumnAlignment.Right), new TableColumn(44, ColumnAlignment.Right), new TableColumn(44, ColumnAlignment.Right),
            ],
            [
                new TableRow([new TableCell("Site", 2), new TableCell("Engagement", 3), new TableCell("Fidelity", 2)]),
                new TableRow(["Id", "Data cut-off", "Engaged", "% (95% CI)", "Change", "Score", "Change"]),
            ],
            rows)
        { RowHeaders = true };
        yield return new Paragraph(
            "Change is since the previous cut-off: percentage points of engagement, points of fidelity score; a dash where either cut-off lacks the figure " +
            "(a site not yet recruiting, or not yet assessed).");
    }

    private static TableRow Row(string label, TrendPoint p, RowEmphasis emphasis) => new(
        [
            label,
            F.Date(p.DataCutOff),
            p.Engagement is { } e ? $"{F.Count(e.Count)}/{F.Count(e.Total)}" : F.Missing,
            p.Engagement is { } pe ? F.PercentWithInterval(pe) : F.Missing,
            p.EngagementChange is { } c ? F.PointsChange(c) : F.Missing,
            F.Score(p.Fidelity),
            p.FidelityChange is { } fc ? F.ScoreChange(fc) : F.Missing,
        ],
        emphasis);

    private static string Cutoffs(TrialTrends trends) => string.Join(", ", trends.Runs.Select(r => F.Date(r.DataCutOff)));

    private static string Series(IEnumerable<double?> values) => string.Join(", ", values.Select(v => v is { } x ? F.Percent(x) : "not available"));
}
