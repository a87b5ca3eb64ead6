using Reporting.Core.Analysis;

namespace Reporting.Pdf.Tests.Reports;

/// <summary>A run's trial report and one site's report, rendered once for a test class and kept for review.</summary>
public abstract class RenderedReports : IDisposable
{
    protected RenderedReports(RunModel run, string siteId, string reviewPrefix)
    {
        Run = run;
        TrialBytes = Pdf.Reports.TrialReport(Run);
        SiteBytes = Pdf.Reports.SiteReport(Run, siteId);
        Trial = new PdfFile(TrialBytes);
        Site = new PdfFile(SiteBytes);
        TrialText = Trial.Text();
        SiteText = Site.Text();
        Trial.KeepForReview(reviewPrefix + "trial-report");
        Site.KeepForReview(reviewPrefix + "site-report-" + siteId);
    }

    public RunModel Run { get; }

    public byte[] TrialBytes { get; }

    public byte[] SiteBytes { get; }

    internal PdfFile Trial { get; }

    internal PdfFile Site { get; }

    public string TrialText { get; }

    public string SiteText { get; }

    public void Dispose()
    {
        Trial.Dispose();
        Site.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The sample trial's trial report and S2's site report, rendered once for a test class.</summary>
public sealed class RenderedSampleReports() : RenderedReports(Runs.Sample, SiteId, "")
{
    public const string SiteId = "S2";
}
