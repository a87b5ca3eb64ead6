using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.SiteSections;

/// <summary>
/// The site's place on the engagement–fidelity chart (other sites unlabelled) and on the funnel plot.
/// <see cref="Scatter"/> is null when the site cannot be placed.
/// </summary>
internal sealed record SiteScatterModel(SiteResult Site, EngagementFidelityScatter? Scatter, int PlottedCount, ClassificationInfo Classification, double? FunnelTarget, int Figure)
{
    /// <summary>The section's model; its figure is number <paramref name="figure"/>.</summary>
    public static SiteScatterModel From(RunModel run, SiteResult site, int figure = 1)
    {
        var plotted = ReportCharts.Plottable(run);
        var scatter = plotted.Contains(site) ? ReportCharts.Scatter(run, site.SiteId) : null;
        return new(site, scatter, plotted.Count, run.Classification, run.Funnel?.Target, figure);
    }
}

/// <summary>Formats <see cref="SiteScatterModel"/>.</summary>
internal static class SiteScatterSection
{
    public static IEnumerable<Block> Compose(SiteScatterModel m)
    {
        var site = m.Site;
        yield return new Heading(2, SiteReportDocument.Sections.Scatter);
        if (m.Scatter is not { } scatter || m.Classification is not { Engagement: { } e, Fidelity: { } f })
        {
            yield return new Paragraph($"{site.SiteId} cannot be placed on the chart of engagement against fidelity: it needs both figures, and " +
                (site.Engagement?.Proportion.Value is null ? "engagement" : "fidelity") + " is not available for this site.");
        }
        else
        {
            yield return new Paragraph(
                $"Every site’s engagement against its fidelity score; {site.SiteId} is ringed and labelled, other sites are unlabelled points marked by their case role. " +
                $"Dashed lines mark the thresholds: {F.Thresholds(e, f)}.");
            yield return new Figure(
                scatter,
                $"Figure {m.Figure}. Engagement against fidelity: {site.SiteId} (ringed) among the trial’s {F.Plural(m.PlottedCount, "plotted site", "plotted sites")}.",
                $"Scatter plot of engagement against fidelity for {F.Plural(m.PlottedCount, "site", "sites")}; {site.SiteId} is at fidelity {F.Score(site.Fidelity!.Score)} and engagement {F.Percent(site.Engagement!.Proportion.Value)}, a {F.Role(site.Role)} site; other sites are not identified.");
        }

        if (site.FunnelPosition is { } position && site.Engagement is { } se)
        {
            yield return new Paragraph($"On the funnel plot of engagement against the number offered, {site.SiteId} ({F.Percent(se.Proportion.Value)} of {F.Count(se.Offered)}) is {F.Funnel(position)} around the pooled {F.Percent(m.FunnelTarget)}.");
        }
    }
}
