using Reporting.Core.Analysis;

namespace Reporting.Pdf.Tests.Reports;

/// <summary>The sample trial's trial report and S2's site report, rendered once for a test class.</summary>
public sealed class RenderedSampleReports : IDisposable
{
    public const string SiteId = "S2";

    public RenderedSampleReports()
    {
        Run = Runs.Sample;
        TrialBytes = Pdf.Reports.TrialReport(Run);
        SiteBytes = Pdf.Reports.SiteReport(Run, SiteId);
        Trial = new PdfFile(TrialBytes);
        Site = new PdfFile(SiteBytes);
        TrialText = Trial.Text();
        SiteText = Site.Text();
        Trial.KeepForReview("trial-report");
        Site.KeepForReview("site-report-" + SiteId);
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
    }
}
