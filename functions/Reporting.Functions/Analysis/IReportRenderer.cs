using Reporting.Core.Analysis;
using Reporting.Pdf;

namespace Reporting.Functions.Analysis;

/// <summary>Run model to PDF bytes. A seam so handler tests can count renders; the app uses <see cref="PdfReportRenderer"/>.</summary>
public interface IReportRenderer
{
    byte[] Trial(RunModel run);

    byte[] Site(RunModel run, string siteId);

    byte[] Funder(FunderPortfolio portfolio);
}

/// <summary>The reports of Reporting.Pdf (docs/reports.md).</summary>
public sealed class PdfReportRenderer : IReportRenderer
{
    public byte[] Trial(RunModel run) => Reports.TrialReport(run);

    public byte[] Site(RunModel run, string siteId) => Reports.SiteReport(run, siteId);

    public byte[] Funder(FunderPortfolio portfolio) => Reports.FunderReport(portfolio);
}
