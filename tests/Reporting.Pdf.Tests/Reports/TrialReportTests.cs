using System.Globalization;
using System.Text.RegularExpressions;
using Reporting.Core.Analysis;
using S = Reporting.Pdf.TrialReportDocument.Sections;

namespace Reporting.Pdf.Tests.Reports;

public sealed class TrialReportTests(RenderedSampleReports sample) : IClassFixture<RenderedSampleReports>
{
    private RunModel Run => sample.Run;

    [Fact]
    public void TrialReport_PdfInfo_HasMetadataDatedByTheRun()
    {
        var info = sample.Trial.Info();

        Assert.Equal("peer-support-synthetic — trial implementation report", info["Title"]);
        Assert.StartsWith("Implementation of Peer support for discharge", info["Subject"], StringComparison.Ordinal);
        Assert.Contains("peer-support-synthetic", info["Keywords"], StringComparison.Ordinal);
        Assert.Equal("2019-06-30T00:00:00Z", info["CreationDate"]);
        Assert.StartsWith("595.276 x 841.89 pts (A4)", info["Page size"], StringComparison.Ordinal);
        // Four comparison axes, framework coverage and the QCA follow the outcome.
        Assert.InRange(sample.Trial.PageCount, 18, 32);
    }

    [Fact]
    public void TrialReport_Headings_AppearOnceInOrder()
    {
        var lines = sample.TrialText.Split('\n').Select(l => l.Trim()).ToList();
        string[] order =
        [
            S.Summary, S.EngagementAndFidelity, S.SiteTable, S.FidelityDetails, S.FunnelPlot, S.CaseSelection, S.Patterns, S.Outcome,
            .. Run.Comparisons.Select(c => S.Comparison(c.Label)), S.FrameworkCoverage, S.Qca, S.Provenance, S.Methods,
        ];

        var positions = order.Select(h => lines.IndexOf(h)).ToList();

        Assert.All(order, h => Assert.Single(lines, l => l == h));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void SiteTable_EachSite_ShowsOfferedEngagedAndPercentOnItsRow()
    {
        var table = Sections.Between(sample.TrialText, S.SiteTable, S.FidelityDetails);

        foreach (var site in Run.Sites)
        {
            var e = site.Engagement!;
            var row = table.Split('\n').Single(l => Regex.IsMatch(l, $@"^\s*{site.SiteId}\s"));
            var percent = (e.Proportion.Value!.Value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
            Assert.Matches($@"\s{e.Offered}\s+{e.Engaged}\s+{Regex.Escape(percent)}\s", row);
            Assert.Contains(site.Fidelity!.Score!.Value.ToString("0.0", CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
        }

        Assert.Matches(@"Pooled \(7 sites\)\s+295\s+180\s+61\.0%\s+55\.3–66\.4%\s+7", table);
    }

    [Fact]
    public void Summary_KeyFigures_AreThePooledOnes()
    {
        var summary = Sections.Between(sample.TrialText, "Trial implementation report", S.EngagementAndFidelity);

        Assert.Contains("180/295 (61.0%; 95% CI 55.3–66.4%)", summary, StringComparison.Ordinal);
        Assert.Contains("ρ = 0.86, exact two-sided p = 0.024 (7 sites)", summary, StringComparison.Ordinal);
        Assert.Contains("high–high S1, S3; low–low S4, S6; outlier S2", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void CaseSelection_EverySite_HasItsReason()
    {
        var text = Regex.Replace(Sections.Between(sample.TrialText, S.CaseSelection, S.Patterns), @"\s+", " ");

        foreach (var site in Run.Sites)
        {
            // The reason wraps over lines; its opening words survive whitespace folding.
            Assert.Contains(string.Join(' ', site.RoleReason.Split(' ').Take(5)), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Patterns_EveryPatternCode_IsListedWithAnExcerptAndItsSource()
    {
        var text = Regex.Replace(Sections.Between(sample.TrialText, S.Patterns, S.Outcome), @"\s+", " ");
        var patterns = Run.CrossCase.Patterns!;

        foreach (var code in patterns.A.Codes.Concat(patterns.B.Codes).Concat(patterns.C.Codes))
        {
            Assert.Contains(code.Code.Code, text, StringComparison.Ordinal);
            var excerpt = code.Excerpts[0];
            Assert.Contains($"— {excerpt.Source} ({excerpt.SiteId})", text, StringComparison.Ordinal);
        }

        Assert.Contains("Pattern D: outlier S2 Eastwell (synthetic)", text, StringComparison.Ordinal);
        Assert.Contains("Context · Leadership (access and authority)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcome_SaysDescriptiveOnly_AndShowsPooledRow()
    {
        var text = Sections.Between(sample.TrialText, S.Outcome, S.Comparison(Run.Comparisons[0].Label));

        Assert.Contains("Descriptive only.", text, StringComparison.Ordinal);
        Assert.Matches(@"Pooled\s+36/168\s+21\.4% \(15\.9–28\.2%\)\s+38/100", text);
    }

    [Fact]
    public void Provenance_EveryFile_HasRowsAndFullHash()
    {
        var text = Sections.Between(sample.TrialText, S.Provenance, S.Methods);

        foreach (var file in Run.Provenance.Files)
        {
            var row = text.Split('\n').Single(l => l.TrimStart().StartsWith(file.FileName + " ", StringComparison.Ordinal));
            Assert.Contains(file.Sha256, row, StringComparison.Ordinal);
        }

        Assert.Contains(Run.RunId, text, StringComparison.Ordinal);
        Assert.Contains("0 errors and 2 warnings over 7 files", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Methods_EveryCaution_IsPrinted()
    {
        var text = Regex.Replace(sample.TrialText[sample.TrialText.IndexOf("\nMethods notes", StringComparison.Ordinal)..], @"\s+", " ");

        Assert.All(Run.Cautions, c => Assert.Contains(Regex.Replace(c, @"\s+", " "), text, StringComparison.Ordinal));
    }

    [Fact]
    public void Footer_SaysSyntheticBecauseTheTitleDoes()
    {
        var firstPage = sample.Trial.Text(1);

        Assert.Contains($"Run {Run.RunId} · pipeline 1.0.0 · synthetic data", firstPage, StringComparison.Ordinal);
        Assert.Contains("Data cut-off 30 June 2019", firstPage.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void TrialReport_EveryPage_RendersWithInk()
    {
        for (var page = 1; page <= sample.Trial.PageCount; page++)
        {
            var image = sample.Trial.RenderPage(page, 40);
            Assert.True(image.DarkPixels(0, 0, Typography.PageWidth, Typography.PageHeight, 40) > 500, $"page {page} looks blank");
        }
    }

    [Fact]
    public void TrialReport_SecondRender_IsByteIdentical()
    {
        Assert.Equal(sample.TrialBytes, Pdf.Reports.TrialReport(Runs.Sample));
    }

    [Fact]
    public void TrialReport_Text_MatchesGolden()
    {
        Golden.Check("trial-report.expected.txt", sample.TrialText);
    }

    [Fact]
    public void Document_Figures_CarryAltTextNamingEverySite()
    {
        var figures = TrialReportDocument.Build(Run).Blocks.OfType<Figure>().ToList();

        Assert.Equal(3, figures.Count);
        Assert.All(figures, f => Assert.All(Run.Sites, s => Assert.Contains(s.SiteId, f.AltText, StringComparison.Ordinal)));
    }
}
