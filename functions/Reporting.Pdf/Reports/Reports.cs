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
    public static byte[] TrialReport(RunModel run) => PdfRenderer.Render(TrialReportDocument.Build(run));

    public static byte[] SiteReport(RunModel run, string siteId) => PdfRenderer.Render(SiteReportDocument.Build(run, siteId));

    public static byte[] FunderReport(FunderPortfolio portfolio) => PdfRenderer.Render(FunderReportDocument.Build(portfolio));

    /// <summary>The trial report and every site report. Site reports render in parallel; each lands in its site's slot, so the result is the sequential one.</summary>
    public static RenderedReports RenderRun(RunModel run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sites = new RenderedSiteReport[run.Sites.Count];
        byte[]? trial = null;
        Parallel.Invoke(
            () => trial = TrialReport(run),
            () => Parallel.For(0, run.Sites.Count, i => sites[i] = new RenderedSiteReport(run.Sites[i].SiteId, SiteReport(run, run.Sites[i].SiteId))));
        return new RenderedReports(trial!, sites);
    }
}
