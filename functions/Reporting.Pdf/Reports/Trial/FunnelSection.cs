using Reporting.Core.Analysis;
using Reporting.Pdf.SharedSections;
using F = Reporting.Pdf.ReportFormat;
using CoreFunnel = Reporting.Core.Analysis.FunnelPlot;

namespace Reporting.Pdf.TrialSections;

/// <summary>A site outside a funnel limit, and on which side.</summary>
internal sealed record SiteOutside(string SiteId, bool Above);

/// <summary>
/// The funnel plot (Figure 3) and the sites outside its limits. <see cref="Chart"/> and <see cref="Funnel"/> are null
/// when there is no funnel (no engagement, or nobody offered peer support).
/// </summary>
internal sealed record FunnelModel(
    CoreFunnel? Funnel,
    FunnelPlot? Chart,
    bool EngagementAvailable,
    IReadOnlyList<SiteOutside> Outside998,
    IReadOnlyList<SiteOutside> Outside95Only,
    int Figure)
{
    /// <summary>The section's model; its figure is number <paramref name="figure"/>.</summary>
    public static FunnelModel From(RunModel run, int figure = 3)
    {
        var chart = ReportCharts.Funnel(run.Funnel, run.Sites.Count);
        var sites = chart is null ? [] : run.Funnel?.Sites ?? [];
        return new FunnelModel(
            chart is null ? null : run.Funnel,
            chart,
            run.Pooled.Engagement is not null,
            sites.Where(s => s.Flagged).Select(s => new SiteOutside(s.SiteId, s.Position == FunnelPosition.Above998)).ToList(),
            sites.Where(s => s.Position is FunnelPosition.Above95 or FunnelPosition.Below95).Select(s => new SiteOutside(s.SiteId, s.Position == FunnelPosition.Above95)).ToList(),
            figure);
    }
}

/// <summary>Formats <see cref="FunnelModel"/>.</summary>
internal static class FunnelSection
{
    public static IEnumerable<Block> Compose(FunnelModel m)
    {
        yield return new Heading(2, TrialReportDocument.Sections.FunnelPlot);
        if (m.Chart is not { } chart || m.Funnel is not { } funnel)
        {
            yield return new Paragraph(m.EngagementAvailable
                ? "The funnel plot is not available: no site has anyone offered peer support."
                : "The funnel plot is not available: " + ReportText.EngagementUnavailable);
            yield break;
        }

        yield return new Paragraph(
            $"Site engagement against the number offered, with 95% and 99.8% limits around the pooled proportion ({F.Percent(funnel.Target)}). " +
            "Small sites vary more by chance, so their limits are wider; a site outside the 99.8% limits is flagged as a statistical outlier.");
        yield return new Figure(
            chart,
            $"Figure {m.Figure}. Funnel plot of site engagement with 95% and 99.8% limits around the pooled proportion.",
            $"Funnel plot of {F.Plural(funnel.Sites.Count, "site", "sites")} around a target of {F.Percent(funnel.Target)}: " +
            string.Join("; ", funnel.Sites.Select(s => $"{s.SiteId} {F.Percent(s.Proportion)} of {F.Count(s.N)}, {F.Funnel(s.Position)}")) + ".");
        yield return new BulletList(
        [
            new Paragraph([TextRun.Bold("Outside the 99.8% limits: "), Sides(m.Outside998)]),
            new Paragraph([TextRun.Bold("Outside the 95% limits, within the 99.8% limits: "), Sides(m.Outside95Only)]),
        ]);
    }

    private static string Sides(IReadOnlyList<SiteOutside> sites) =>
        sites.Count == 0 ? "none." : string.Join("; ", sites.Select(s => $"{s.SiteId} ({(s.Above ? "above" : "below")})")) + ".";
}
