using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.TrialSections;

/// <summary>
/// Engagement against fidelity (the scatter, Figure 1) and engagement by site (the bars, Figure 2).
/// </summary>
/// <remarks><see cref="Scatter"/>: Null when no site has both figures (or an axis has no thresholds). <see cref="Plotted"/>: Sites with both figures, in site order: the scatter's points. <see cref="NotPlotted"/>: Ids of the other sites. <see cref="AnyEngagement"/>: Whether any site has an engagement proportion (says why there is no scatter). <see cref="AnyFidelity"/>: Whether any site has a fidelity score. <see cref="Bars"/>: Null without pooled engagement.</remarks>
internal sealed record EngagementFidelityModel(
    EngagementFidelityScatter? Scatter,
    IReadOnlyList<SiteResult> Plotted,
    IReadOnlyList<string> NotPlotted,
    bool AnyEngagement,
    bool AnyFidelity,
    ClassificationInfo Classification,
    EngagementBarChart? Bars,
    double? PooledEngagement,
    int FirstFigure)
{
    /// <summary>The charts read together, so they start a page of their own.</summary>
    public bool StartsOnNewPage => Scatter is not null || Bars is not null;

    /// <summary>The section's model; its figures are numbered from <paramref name="firstFigure"/> (the scatter, then the bars).</summary>
    public static EngagementFidelityModel From(RunModel run, int firstFigure = 1)
    {
        var plotted = ReportCharts.Plottable(run);
        return new EngagementFidelityModel(
            ReportCharts.Scatter(run),
            plotted,
            run.Sites.Where(s => !plotted.Contains(s)).Select(s => s.SiteId).ToList(),
            run.Sites.Any(s => s.Engagement?.Proportion.Value is not null),
            run.Sites.Any(s => s.Fidelity?.Score is not null),
            run.Classification,
            ReportCharts.Bars(run),
            run.Pooled.Engagement?.Proportion.Value,
            firstFigure);
    }
}

/// <summary>Formats <see cref="EngagementFidelityModel"/>.</summary>
internal static class EngagementFidelitySection
{
    public static IEnumerable<Block> Compose(EngagementFidelityModel m)
    {
        if (m.StartsOnNewPage)
        {
            // Rather than leaving the heading alone at the foot of the summary.
            yield return new PageBreak();
        }

        yield return new Heading(2, TrialReportDocument.Sections.EngagementAndFidelity);
        if (m.Scatter is null || m.Plotted.Count == 0 || m.Classification is not { Engagement: { } e, Fidelity: { } f })
        {
            var missing = !m.AnyEngagement && !m.AnyFidelity ? "neither engagement nor fidelity is available"
                : !m.AnyEngagement ? "engagement is not available" : !m.AnyFidelity ? "fidelity is not available" : "no site has both";
            yield return new Paragraph($"The chart of engagement against fidelity needs both figures for at least one site; {missing} in this run.");
        }
        else
        {
            yield return new Paragraph(
                $"Each site’s engagement is plotted against its fidelity score. Dashed lines mark the thresholds: {F.Thresholds(e, f)}. " +
                "Filled circles are the contrasting cases (high–high and low–low), diamonds the outliers, hollow circles the sites not compared.");
            yield return new Figure(
                m.Scatter,
                $"Figure {m.FirstFigure}. Engagement against fidelity by site, with the classification thresholds.",
                $"Scatter plot of engagement (0 to 100%) against fidelity score for {F.Plural(m.Plotted.Count, "site", "sites")}: " +
                string.Join("; ", m.Plotted.Select(s => $"{s.SiteId} fidelity {F.Score(s.Fidelity!.Score)}, engagement {F.Percent(s.Engagement!.Proportion.Value)}, {F.Role(s.Role)}")) + ".");
            if (m.NotPlotted.Count > 0)
            {
                yield return new Paragraph($"Not plotted (engagement or fidelity not available): {string.Join(", ", m.NotPlotted)}.");
            }
        }

        if (m.Bars is { } bars)
        {
            yield return new Figure(
                bars,
                $"Figure {m.FirstFigure + 1}. Engagement by site with Wilson 95% confidence intervals; the dashed line is the pooled proportion.",
                $"Bar chart of engagement by site with 95% intervals; pooled engagement {F.Percent(m.PooledEngagement)}: " +
                string.Join("; ", bars.Sites.Select(b => $"{b.Label} {F.Percent(b.Value)} ({F.Interval(b.Lower, b.Upper)})")) + ".");
        }
    }
}
