using System.Text.RegularExpressions;
using Reporting.Core.Analysis;

namespace Reporting.Pdf.Tests.Reports;

public sealed class FunderReportTests
{
    private const string Url = "https://reports.example.org/peer-support-synthetic/e44036a0b4722516/trial.pdf";

    private static FunderPortfolio Portfolio(RunModel? previous) =>
        FunderPortfolios.Build("nihr-pgfar", "NIHR Programme Grants for Applied Research", "2026-11",
            [new PortfolioTrialInput(Runs.Sample, previous, Url)]);

    [Fact]
    public void FunderReport_WithPreviousRun_ShowsChangeInPercentagePoints()
    {
        var portfolio = Portfolio(Runs.Previous(Runs.Sample));
        using var pdf = new PdfFile(Pdf.Reports.FunderReport(portfolio));
        var text = Regex.Replace(pdf.Text(), @"[ ]+", " ");

        // 180/295 now against 159/295 before: +7.1 percentage points.
        Assert.Contains("+7.1 pp (from 53.9% in run 0123456789abcdef, cut-off 30 March 2019)", text, StringComparison.Ordinal);
        Assert.Matches(@"S2 Eastwell \(synthetic\) 41 51\.2% \+7\.3 pp 11\.5 outlier", text);
        Assert.Contains(Url, Regex.Replace(text, @"\s+", ""), StringComparison.Ordinal);
    }

    [Fact]
    public void FunderReport_FlaggedSites_ListedWithReasons()
    {
        var portfolio = Portfolio(null);
        using var pdf = new PdfFile(Pdf.Reports.FunderReport(portfolio));
        var text = Regex.Replace(pdf.Text(), @"\s+", " ");

        Assert.NotEmpty(portfolio.Trials[0].Flagged);
        Assert.All(portfolio.Trials[0].Flagged, f => Assert.Contains($"{f.SiteId} {f.SiteName}: {f.Reason}", text, StringComparison.Ordinal));
        Assert.Contains("not available: no run at the previous period", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FunderReport_NoTrials_SaysSoWithoutCrashing()
    {
        var portfolio = FunderPortfolios.Build("other-funder", "Other Funder", "2026-11", [new PortfolioTrialInput(Runs.Sample, null, null)]);
        using var pdf = new PdfFile(Pdf.Reports.FunderReport(portfolio));

        Assert.Empty(portfolio.Trials);
        Assert.Equal(1, pdf.PageCount);
        Assert.Contains(FunderReportDocument.NoTrials, pdf.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void FunderReport_Render_IsDeterministicAndMatchesGolden()
    {
        var portfolio = Portfolio(Runs.Previous(Runs.Sample));
        var bytes = Pdf.Reports.FunderReport(portfolio);
        using var pdf = new PdfFile(bytes);
        pdf.KeepForReview("funder-report");

        Assert.Equal(bytes, Pdf.Reports.FunderReport(portfolio));
        Assert.Equal("NIHR Programme Grants for Applied Research — funder portfolio report, November 2026", pdf.Info()["Title"]);
        Assert.Equal("2019-06-30T00:00:00Z", pdf.Info()["CreationDate"]);
        Golden.Check("funder-report.expected.txt", pdf.Text());
    }
}
