using System.Globalization;
using System.Text.RegularExpressions;
using Reporting.Core.Analysis;
using Reporting.Pdf.Tests.Accessibility;
using Reporting.Samples;
using S = Reporting.Pdf.TrialReportDocument.Sections;

namespace Reporting.Pdf.Tests.Reports;

/// <summary>
/// The designed sample exported at three successive data cut-offs (30 June 2018, 31 December 2018 and its own 30 June
/// 2019), each analysed as its own run, and the latest run's trial report and S2's site report rendered with the
/// other two as history.
/// </summary>
public sealed class ThreeCutOffs : IDisposable
{
    public static readonly DateOnly[] CutOffs = [new(2018, 6, 30), new(2018, 12, 31), SampleGenerator.DesignedCutOff];

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("reporting-cutoffs-");

    public ThreeCutOffs()
    {
        var runs = CutOffs.Select(c =>
        {
            var folder = Path.Combine(_root.FullName, c.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            SampleGenerator.WriteDesignedAt(folder, c);
            return Runs.FromFolder(folder);
        }).ToList();
        Earlier = runs[..^1];
        Current = runs[^1];
        History = RunHistory.Create(Current, Earlier.Select(RunSnapshot.Of)).History!;
        Trends = Core.Analysis.Trends.Of(Current, History)!;
        TrialDocument = TrialReportDocument.Build(Current, History);
        SiteDocument = SiteReportDocument.Build(Current, "S2", History);
        Trial = new PdfFile(PdfRenderer.Render(TrialDocument));
        Site = new PdfFile(PdfRenderer.Render(SiteDocument));
        TrialText = Trial.Text();
        SiteText = Site.Text();
        Trial.KeepForReview("trends-trial-report", 60);
        Site.KeepForReview("trends-site-report-S2", 60);
    }

    public IReadOnlyList<RunModel> Earlier { get; }

    public RunModel Current { get; }

    public RunHistory History { get; }

    public TrialTrends Trends { get; }

    public ReportDocument TrialDocument { get; }

    public ReportDocument SiteDocument { get; }

    internal PdfFile Trial { get; }

    internal PdfFile Site { get; }

    public string TrialText { get; }

    public string SiteText { get; }

    public void Dispose()
    {
        Trial.Dispose();
        Site.Dispose();
        _root.Delete(recursive: true);
    }
}

public sealed class TrendReportTests(ThreeCutOffs runs) : IClassFixture<ThreeCutOffs>
{
    [Fact]
    public void ThreeCutOffs_AreThreeRunsOfTheSampleTrial()
    {
        Assert.Equal(ThreeCutOffs.CutOffs, runs.Trends.Runs.Select(r => r.DataCutOff));
        Assert.Equal(3, runs.Trends.Runs.Select(r => r.RunId).Distinct().Count());

        // The latest cut-off is the committed sample itself: the same run.
        Assert.Equal(Runs.Sample.RunId, runs.Current.RunId);
        Assert.All(runs.Earlier, r => Assert.Equal(0, r.Provenance.Errors));
        Assert.True(runs.Earlier[0].Pooled.Participants < runs.Current.Pooled.Participants, "fewer participants were randomised by the first cut-off");
    }

    [Fact]
    public void TrialReport_Trends_ComeAfterTheSummaryAndBeforeTheCharts()
    {
        var lines = runs.TrialText.Split('\n').Select(l => l.Trim()).ToList();
        string[] order = [S.Summary, S.Trends, S.EngagementAndFidelity, S.SiteTable, S.FunnelPlot];

        var positions = order.Select(h => lines.IndexOf(h)).ToList();

        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void TrialReport_Figures_AreNumberedInReadingOrder()
    {
        var captions = runs.TrialDocument.Blocks.OfType<Figure>().Select(f => f.Caption).ToList();

        Assert.Equal(5, captions.Count);
        Assert.Equal(["Figure 1", "Figure 2", "Figure 3", "Figure 4", "Figure 5"], captions.Select(c => c[..c.IndexOf('.', StringComparison.Ordinal)]));
        Assert.StartsWith("Figure 1. Engagement by site at each data cut-off", captions[0], StringComparison.Ordinal);
        Assert.StartsWith("Figure 3. Engagement against fidelity by site", captions[2], StringComparison.Ordinal);
    }

    [Fact]
    public void TrialReport_TrendTable_HasEverySiteAtEveryCutOffAsCoreComputedIt()
    {
        var text = Sections.Between(runs.TrialText, S.Trends, S.EngagementAndFidelity);

        foreach (var site in runs.Trends.Sites)
        {
            foreach (var point in site.Points)
            {
                var e = point.Engagement!;
                var date = point.DataCutOff.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
                var row = text.Split('\n').Single(l => Regex.IsMatch(l, $@"^\s*{site.SiteId}\s+{date}\s"));
                Assert.Contains($"{e.Count}/{e.Total}", row, StringComparison.Ordinal);
            }
        }

        // S1 engaged 25 of 38 by June 2018 (65.8%) and 44 of 60 by December (73.3%): +7.5 points.
        Assert.Matches(@"S1\s+31 December 2018\s+44/60\s+73\.3% \(61\.0–82\.9%\)\s+\+7\.5 pp\s+12\.5\s+\+2\.0", text);
        // Pooled: 167 of 295 by December, 180 of 295 at the sample's cut-off: 13/295 = +4.4 points.
        Assert.Matches(@"Pooled\s+30 June 2019\s+180/295\s+61\.0% \(55\.3–66\.4%\)\s+\+4\.4 pp", text);
    }

    [Fact]
    public void TrialReport_TrendFigures_CarryAltTextWithEverySitesValues()
    {
        var figures = runs.TrialDocument.Blocks.OfType<Figure>().Take(2).ToList();

        Assert.All(runs.Trends.Sites, s => Assert.Contains($"{s.SiteId} ", figures[0].AltText, StringComparison.Ordinal));
        Assert.Contains("S1 65.8%, 73.3%, 80.0%", figures[0].AltText, StringComparison.Ordinal);
        Assert.Contains("S1 10.5, 12.5, 12.5", figures[1].AltText, StringComparison.Ordinal);
    }

    [Fact]
    public void SiteReport_Trend_ShowsOnlyItsOwnLineAndThePooledOne()
    {
        var text = Sections.Between(runs.SiteText, SiteReportDocument.Sections.Trend, SiteReportDocument.Sections.Scatter);

        Assert.Matches(@"31 December 2018\s+21/41\s+51\.2% \(36\.5–65\.7%\)\s+−11\.3 pp\s+56\.6%", text.Replace("\n", " ", StringComparison.Ordinal));
        foreach (var other in runs.Current.Sites.Where(s => s.SiteId != "S2"))
        {
            Assert.False(Sections.HasToken(runs.SiteText, other.SiteId), $"{other.SiteId} is named in S2's report");
        }

        var chart = Assert.IsType<TrendChart>(runs.SiteDocument.Blocks.OfType<Figure>().First().Chart);
        var panel = Assert.Single(chart.Panels);
        Assert.Equal(["S2", "Trial (pooled)"], panel.Series.Select(s => s.Label));
        Assert.StartsWith("Figure 2. Engagement against fidelity", runs.SiteDocument.Blocks.OfType<Figure>().ElementAt(1).Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void TrendReports_Tagged_PassTheStructureAndMatterhornChecks()
    {
        foreach (var (pdf, document) in new[] { (runs.Trial, runs.TrialDocument), (runs.Site, runs.SiteDocument) })
        {
            Assert.Empty(PdfUaChecker.Check(QpdfDocument.Load(pdf.Path)));
            var tree = StructText.Parse(StructText.Dump(pdf.Path)).Children.Single();
            Assert.Equal(OutlineEntry.Expected(document), OutlineEntry.Actual(tree));
        }
    }

    [Fact]
    public void TrendReports_Preflight_AreValidPdfA1b()
    {
        var results = Preflight.Validate(new Dictionary<string, byte[]>
        {
            ["trial.pdf"] = File.ReadAllBytes(runs.Trial.Path),
            ["site.pdf"] = File.ReadAllBytes(runs.Site.Path),
        });

        Assert.All(results.Values, errors => Assert.Empty(errors));
    }

    [Fact]
    public void TrendReports_RenderedTwice_AreByteIdentical()
    {
        Assert.Equal(File.ReadAllBytes(runs.Trial.Path), Pdf.Reports.TrialReport(runs.Current, runs.History));
        Assert.Equal(File.ReadAllBytes(runs.Site.Path), Pdf.Reports.SiteReport(runs.Current, "S2", runs.History));
    }

    [Fact]
    public void TrendSections_Text_MatchGolden()
    {
        Golden.Check("trends-trial-section.expected.txt", Sections.Between(runs.TrialText, S.Trends, S.EngagementAndFidelity));
        Golden.Check("trends-site-section.expected.txt", Sections.Between(runs.SiteText, SiteReportDocument.Sections.Trend, SiteReportDocument.Sections.Scatter));
    }

    [Fact]
    public void NoHistory_ReportsAreByteIdenticalToASingleRunsReports()
    {
        var run = Runs.Sample;

        Assert.Equal(Pdf.Reports.TrialReport(run), Pdf.Reports.TrialReport(run, RunHistory.None));
        Assert.Equal(Pdf.Reports.SiteReport(run, "S2"), Pdf.Reports.SiteReport(run, "S2", RunHistory.None));
        Assert.DoesNotContain(TrialReportDocument.Build(run, RunHistory.None).Blocks, b => b is Heading { Text: S.Trends });
    }
}
