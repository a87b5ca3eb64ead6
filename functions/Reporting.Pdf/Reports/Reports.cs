using Reporting.Core.Analysis;

namespace Reporting.Pdf;

/// <summary>A site report rendered for one site.</summary>
public sealed record RenderedSiteReport(string SiteId, byte[] Pdf);

/// <summary>Every PDF of one run: the trial report and one report per site, in the run's site order.</summary>
public sealed record RenderedReports(byte[] Trial, IReadOnlyList<RenderedSiteReport> Sites);

/// <summary>
/// The implementation reports as PDF bytes (docs/reports.md). Each builds a <see cref="ReportDocument"/> from the model
/// (<see cref="TrialReportDocument"/>, <see cref="SiteReportDocument"/>, <see cref="FunderReportDocument"/>) and
/// renders it; the same model always gives the same bytes.
/// </summary>
public static class Reports
{
    public static byte[] TrialReport(RunModel run) => TrialReport(run, RunHistory.None);

    /// <summary>The trial report with trends across the trial's earlier runs (<see cref="RunHistory.None"/>: a single run's report).</summary>
    public static byte[] TrialReport(RunModel run, RunHistory history) => PdfRenderer.Render(TrialReportDocument.Build(run, history));

    public static byte[] SiteReport(RunModel run, string siteId) => SiteReport(run, siteId, RunHistory.None);

    /// <summary>A site report with the site's trend across the trial's earlier runs.</summary>
    public static byte[] SiteReport(RunModel run, string siteId, RunHistory history) => PdfRenderer.Render(SiteReportDocument.Build(run, siteId, history));

    public static byte[] FunderReport(FunderPortfolio portfolio) => PdfRenderer.Render(FunderReportDocument.Build(portfolio));

    /// <summary>The trial report and every site report. Site reports render in parallel; each lands in its site's slot, so the result is the sequential one.</summary>
    public static RenderedReports RenderRun(RunModel run) => RenderRun(run, RunHistory.None);

    /// <summary>The trial report and every site report, with trends across the trial's earlier runs.</summary>
    public static RenderedReports RenderRun(RunModel run, RunHistory history)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(history);
        var sites = new RenderedSiteReport[run.Sites.Count];
        byte[]? trial = null;
        Parallel.Invoke(
            () => trial = TrialReport(run, history),
            () => Parallel.For(0, run.Sites.Count, i => sites[i] = new RenderedSiteReport(run.Sites[i].SiteId, SiteReport(run, run.Sites[i].SiteId, history))));
        return new RenderedReports(trial!, sites);
    }
}
