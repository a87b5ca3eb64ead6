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

    /// <summary>
    /// Does the renderer's one-time work of a process ahead of the first report: installs the font resolver, reads the
    /// four embedded faces and builds PDFsharp's tables for them (glyph map, widths). A command that has other work
    /// first can run this beside it; reports do the same work themselves when it has not been done. It changes no
    /// output: the faces are the same, and what a PDF embeds depends only on the text it draws.
    /// </summary>
    public static void Prepare()
    {
        using var measurer = new Layout.TextMeasurer();
        foreach (var style in new[] { TextStyle.Regular, TextStyle.Bold, TextStyle.Italic, TextStyle.BoldItalic })
        {
            measurer.Width("Aa0", Typography.Font(Typography.BodySize, style));
        }
    }

    /// <summary>The trial report and every site report. They render in parallel; each lands in its own slot, so the result is the sequential one.</summary>
    public static RenderedReports RenderRun(RunModel run) => RenderRun(run, RunHistory.None);

    /// <summary>The trial report and every site report, with trends across the trial's earlier runs.</summary>
    public static RenderedReports RenderRun(RunModel run, RunHistory history)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(history);

        // One queue of reports, the trial report (the longest) first, taken one at a time by a worker per core: this
        // thread and threads of their own, so no worker waits for the thread pool to grow. (The trial report beside a
        // nested parallel loop of site reports left a core idle until the pool added a thread, about a second of the
        // 200-site trial's rendering; docs/benchmark.md.)
        var count = run.Sites.Count + 1;
        var pdfs = new byte[count][];
        var next = -1;
        void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                pdfs[i] = i == 0 ? TrialReport(run, history) : SiteReport(run, run.Sites[i - 1].SiteId, history);
            }
        }

        var helpers = Enumerable.Range(0, Math.Min(Environment.ProcessorCount, count) - 1)
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToList();
        Work();
        Task.WaitAll(helpers);

        return new RenderedReports(pdfs[0], [.. run.Sites.Select((site, i) => new RenderedSiteReport(site.SiteId, pdfs[i + 1]))]);
    }
}
