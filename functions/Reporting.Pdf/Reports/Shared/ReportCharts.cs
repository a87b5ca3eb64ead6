using Reporting.Core.Analysis;
using CoreFunnel = Reporting.Core.Analysis.FunnelPlot;

namespace Reporting.Pdf;

/// <summary>The charts the reports share, set up from the run model (axes and labels only; values as given).</summary>
internal static class ReportCharts
{
    /// <summary>Sites with both an engagement proportion and a fidelity score: the ones the scatter can place.</summary>
    public static IReadOnlyList<SiteResult> Plottable(RunModel run) =>
        run.Sites.Where(s => s.Engagement?.Proportion.Value is not null && s.Fidelity?.Score is not null).ToList();

    /// <summary>
    /// Engagement against fidelity, or null when there is nothing to plot. With <paramref name="emphasise"/> set, that
    /// site is ringed and labelled and every other site is an unlabelled point (a site report names no other site).
    /// </summary>
    public static EngagementFidelityScatter? Scatter(RunModel run, string? emphasise = null)
    {
        if (run.Classification.Engagement is not { } e || run.Classification.Fidelity is not { } f)
        {
            return null;
        }

        var sites = Plottable(run);
        if (sites.Count == 0)
        {
            return null;
        }

        var points = sites.Select(s =>
        {
            var own = emphasise is not null && s.SiteId == emphasise;
            var label = emphasise is null || own ? s.SiteId : string.Empty;
            return new ScatterSite(label, s.Fidelity!.Score!.Value, s.Engagement!.Proportion.Value!.Value, Marking(s.Role)) { Emphasised = own };
        }).ToList();

        // The axis runs over the instrument's whole range when the run knows it, so a site's place reads against the maximum.
        var top = run.Trial.FidelityMaxTotal ?? Math.Max(f.High, sites.Max(s => s.Fidelity!.Score!.Value));
        var max = Math.Ceiling(top);
        var step = NiceStep(max);
        max = Math.Ceiling(max / step) * step;
        var axisTitle = run.Trial.FidelityMaxTotal is { } m ? $"Fidelity score (0–{ReportFormat.Number(m)})" : "Fidelity score";
        return new EngagementFidelityScatter(
            points,
            new ChartAxis(axisTitle, 0, max, step),
            ChartAxis.Percent("Engagement"),
            f.Low,
            f.High,
            e.Low,
            e.High);
    }

    /// <summary>Engagement bars with 95% intervals, highest first, for every site with a proportion.</summary>
    public static EngagementBarChart? Bars(RunModel run)
    {
        if (run.Pooled.Engagement?.Proportion.Value is not { } pooled)
        {
            return null;
        }

        var bars = run.Sites
            .Select((s, i) => (Site: s, Index: i))
            .Where(x => x.Site.Engagement?.Proportion.Value is not null)
            .OrderByDescending(x => x.Site.Engagement!.Proportion.Value)
            .ThenBy(x => x.Index)
            .Select(x => new BarChartSite(x.Site.SiteId, x.Site.Engagement!.Proportion.Value!.Value, x.Site.Engagement.Proportion.CiLow, x.Site.Engagement.Proportion.CiHigh))
            .ToList();
        return bars.Count == 0 ? null : new EngagementBarChart(bars, pooled, ChartAxis.Percent("Engagement (95% CI)")) { PooledLabel = "Pooled" };
    }

    /// <summary>The funnel plot as the run computed it.</summary>
    public static FunnelPlot? Funnel(CoreFunnel? funnel, int siteCount)
    {
        if (funnel is null || funnel.Sites.Count == 0 || funnel.Curve.Count == 0)
        {
            return null;
        }

        var sites = funnel.Sites.Select(s => new FunnelSite(s.SiteId, s.N, s.Proportion, s.Flagged)).ToList();
        var limits = new FunnelLimits(
            funnel.Curve.Select(c => new ChartPoint(c.N, c.Lower95)).ToList(),
            funnel.Curve.Select(c => new ChartPoint(c.N, c.Upper95)).ToList(),
            funnel.Curve.Select(c => new ChartPoint(c.N, c.Lower998)).ToList(),
            funnel.Curve.Select(c => new ChartPoint(c.N, c.Upper998)).ToList());
        var maxN = funnel.Curve.Max(c => c.N);
        var step = NiceStep(maxN);
        var max = Math.Ceiling(maxN / step) * step;
        return new FunnelPlot(sites, funnel.Target, limits, new ChartAxis("Participants offered peer support", 0, max, step), ChartAxis.Percent("Engagement"))
        {
            LabelAllSites = siteCount <= 12,
        };
    }

    /// <summary>Engagement at each data cut-off, one panel per site with its 95% intervals, the pooled line dashed in each.</summary>
    public static TrendChart EngagementTrend(TrialTrends trends) => new(
        Periods(trends),
        trends.Sites.Select(s => new TrendPanel(s.SiteId, [EngagementLine("Site", s.Points), PooledLine(trends)])).ToList(),
        new ChartAxis("Engagement", 0, 1, 0.2) { Format = AxisFormat.Percent });

    /// <summary>Fidelity score at each data cut-off, one panel per site, on the instrument's whole range when the run knows it.</summary>
    public static TrendChart FidelityTrend(TrialTrends trends, double? maxTotal)
    {
        var top = maxTotal ?? trends.Sites.SelectMany(s => s.Points).Select(p => p.Fidelity ?? 0).DefaultIfEmpty(1).Max();
        var step = NiceStep(Math.Ceiling(top));
        var max = Math.Max(step, Math.Ceiling(Math.Ceiling(top) / step) * step);
        return new TrendChart(
            Periods(trends),
            trends.Sites.Select(s => new TrendPanel(s.SiteId, [new TrendSeries("Fidelity score", s.Points.Select(p => p.Fidelity).ToList())])).ToList(),
            new ChartAxis("Fidelity score", 0, max, step));
    }

    /// <summary>One site's engagement at each data cut-off, with its 95% intervals, against the pooled line (no other site).</summary>
    public static TrendChart SiteTrend(TrialTrends trends, SiteTrend site) => new(
        Periods(trends),
        [new TrendPanel(site.SiteId, [EngagementLine(site.SiteId, site.Points), PooledLine(trends)])],
        new ChartAxis("Engagement", 0, 1, 0.2) { Format = AxisFormat.Percent })
    {
        Columns = 1,
    };

    private static List<string> Periods(TrialTrends trends) => trends.Runs.Select(r => ReportFormat.ShortDate(r.DataCutOff)).ToList();

    private static TrendSeries EngagementLine(string label, IReadOnlyList<TrendPoint> points) =>
        new(label, points.Select(p => p.Engagement?.Value).ToList())
        {
            Lower = points.Select(p => p.Engagement?.CiLow).ToList(),
            Upper = points.Select(p => p.Engagement?.CiHigh).ToList(),
        };

    private static TrendSeries PooledLine(TrialTrends trends) =>
        new("Trial (pooled)", trends.Pooled.Select(p => p.Engagement?.Value).ToList()) { Reference = true };

    private static SiteMarking Marking(CaseRole role) => role switch
    {
        CaseRole.HighHigh or CaseRole.LowLow => SiteMarking.SelectedCase,
        CaseRole.Outlier => SiteMarking.Outlier,
        _ => SiteMarking.Site,
    };

    /// <summary>A tick step of 1, 2 or 5 times a power of ten giving five to ten ticks.</summary>
    private static double NiceStep(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var raw = max / 8;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(k => k * magnitude).First(s => s >= raw);
        return Math.Max(step, 1);
    }
}
