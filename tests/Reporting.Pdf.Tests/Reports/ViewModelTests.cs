using Reporting.Core.Analysis;
using Reporting.Pdf.FunderSections;
using Reporting.Pdf.SiteSections;
using Reporting.Pdf.TrialSections;

namespace Reporting.Pdf.Tests.Reports;

/// <summary>The reports' view-models, built from the sample run without rendering a PDF.</summary>
public sealed class ViewModelTests
{
    private static RunModel Run => Runs.Sample;

    [Fact]
    public void TrialSummary_Sample_GroupsSitesByCaseRole()
    {
        var summary = TrialReportModel.From(Run).Summary;

        // The sample is designed with S1 and S3 high–high, S4 and S6 low–low, S2 the outlier, S5 and S7 mid-range.
        Assert.Equal([CaseRole.HighHigh, CaseRole.LowLow, CaseRole.Outlier, CaseRole.NotSelected], summary.SitesByRole.Select(g => g.Role));
        Assert.Equal(["S1", "S3"], summary.SitesByRole[0].Sites.Select(s => s.SiteId));
        Assert.Equal(["S4", "S6"], summary.SitesByRole[1].Sites.Select(s => s.SiteId));
        Assert.Equal(["S2"], summary.SitesByRole[2].Sites.Select(s => s.SiteId));
        Assert.Equal(["S5", "S7"], summary.SitesByRole[3].Sites.Select(s => s.SiteId));
        Assert.Equal([CaseRole.HighHigh, CaseRole.LowLow, CaseRole.Outlier], summary.SelectedCases.Select(c => c.Role));
        Assert.True(summary.Run.IsSynthetic);
    }

    [Fact]
    public void TrialSummary_NoCaseSelected_HasNoSelectedCases()
    {
        var run = Run with { CrossCase = Run.CrossCase with { Cases = [] } };

        Assert.Empty(SummaryModel.From(run).SelectedCases);
    }

    [Fact]
    public void EngagementFidelity_Sample_PlotsEverySiteAndStartsAPage()
    {
        var m = EngagementFidelityModel.From(Run);

        Assert.NotNull(m.Scatter);
        Assert.Equal(Run.Sites.Count, m.Plotted.Count);
        Assert.Empty(m.NotPlotted);
        Assert.True(m.StartsOnNewPage);
        // Bars run highest engagement first: S1 and S3 lead, the low–low sites trail.
        Assert.Equal(Run.Sites.Count, m.Bars!.Sites.Count);
        Assert.Equal(m.Bars.Sites.OrderByDescending(b => b.Value).Select(b => b.Label), m.Bars.Sites.Select(b => b.Label));
    }

    [Fact]
    public void EngagementFidelity_NoFidelity_HasNoScatterAndSaysWhy()
    {
        var run = Runs.FromFolder(Repo.Sample, "fidelity.csv");

        var m = EngagementFidelityModel.From(run);

        Assert.Null(m.Scatter);
        Assert.True(m.AnyEngagement);
        Assert.False(m.AnyFidelity);
        // The bars need engagement only, so the charts' page is still there.
        Assert.NotNull(m.Bars);
        Assert.True(m.StartsOnNewPage);
    }

    [Fact]
    public void SiteTable_SiteOutsideThe998Limits_IsFlagged()
    {
        var outlier = Run.Sites[0] with { FunnelPosition = FunnelPosition.Below998 };
        var run = Run with { Sites = [outlier, .. Run.Sites.Skip(1)] };

        var rows = SiteTableModel.From(run).Rows;

        Assert.True(rows[0].Flagged);
        // Outside 95% only is not flagged: the sample's S3 is above its 95% limit.
        Assert.Equal(FunnelPosition.Above95, rows[2].Site.FunnelPosition);
        Assert.False(rows[2].Flagged);
    }

    [Fact]
    public void Funnel_Sample_ListsSitesOutsideEachLimitWithTheirSide()
    {
        var m = FunnelModel.From(Run);

        Assert.Empty(m.Outside998);
        Assert.Equal([new SiteOutside("S1", true), new SiteOutside("S3", true), new SiteOutside("S4", false), new SiteOutside("S6", false)], m.Outside95Only);
    }

    [Fact]
    public void Funnel_NoContacts_HasNoChart()
    {
        var m = FunnelModel.From(Runs.FromFolder(Repo.Sample, "contacts.csv"));

        Assert.Null(m.Chart);
        Assert.Null(m.Funnel);
        Assert.False(m.EngagementAvailable);
    }

    [Theory]
    [InlineData(10, true)] // the widest matrix that still prints
    [InlineData(11, false)] // one case more is left to run.json
    public void Patterns_MatrixWidth_DecidesWhetherItPrints(int cases, bool fits)
    {
        var matrix = Run.CrossCase.Matrix! with { SiteIds = Enumerable.Range(1, cases).Select(i => $"S{i}").ToList() };
        var run = Run with { CrossCase = Run.CrossCase with { Matrix = matrix } };

        Assert.Equal(fits, PatternsModel.From(run).MatrixFitsPage);
    }

    [Fact]
    public void Patterns_Outlier_CarriesItsSiteResult()
    {
        var d = Assert.Single(PatternsModel.From(Run).Outliers);

        Assert.Equal("S2", d.Pattern.SiteId);
        Assert.Equal("S2", d.Site!.SiteId);
    }

    [Fact]
    public void SiteFacilitators_ExampleFromAnotherSite_IsDropped()
    {
        var site = Run.Sites.Single(s => s.SiteId == "S2");
        var coding = site.Coding!;
        var foreign = coding.Facilitators[0] with { Example = new Excerpt("S1", "S1PW1", "Words from another site.") };
        var altered = site with { Coding = coding with { Facilitators = [foreign, .. coding.Facilitators.Skip(1)] } };

        var m = FacilitatorsBarriersModel.From(Run, altered);

        Assert.Null(m.Facilitators[0].Example);
        Assert.All(m.Facilitators.Skip(1).Concat(m.Barriers), c => Assert.Equal(c.Code.Example, c.Example));
    }

    [Fact]
    public void SiteSharedPatterns_OutlierOwnCodes_KeepOnlyItsOwnExcerpts()
    {
        var m = SiteReportModel.From(Run, "S2").SharedPatterns;

        Assert.Null(m.UnavailableReason);
        Assert.All(m.OnlyHere.SelectMany(c => c.Excerpts), e => Assert.Equal("S2", e.SiteId));
        Assert.Equal([CaseRole.HighHigh, CaseRole.LowLow], m.Shared.Select(s => s.Characterises));
    }

    [Fact]
    public void SiteSharedPatterns_NotSelectedSite_GetsNoPatternA()
    {
        var m = SiteReportModel.From(Run, "S5").SharedPatterns;

        Assert.Equal(CaseRole.NotSelected, Run.Sites.Single(s => s.SiteId == "S5").Role);
        Assert.Empty(m.SharedByAll);
        Assert.Empty(m.OnlyHere);
    }

    [Fact]
    public void SiteReportModel_UnknownSite_Throws()
    {
        Assert.Throws<ArgumentException>(() => SiteReportModel.From(Run, "S99"));
    }

    [Fact]
    public void SiteScatter_SiteWithoutFidelity_HasNoChart()
    {
        var site = Run.Sites[0] with { Fidelity = null };
        var run = Run with { Sites = [site, .. Run.Sites.Skip(1)] };

        var m = SiteScatterModel.From(run, site);

        Assert.Null(m.Scatter);
        Assert.Equal(Run.Sites.Count - 1, m.PlottedCount);
    }

    [Fact]
    public void TrialReportModel_NoHistory_HasNoTrendsAndTheUsualFigureNumbers()
    {
        var m = TrialReportModel.From(Run);

        Assert.Null(m.Trends.Trends);
        Assert.Equal(0, m.Trends.FigureCount);
        Assert.Equal(1, m.EngagementFidelity.FirstFigure);
        Assert.Equal(3, m.Funnel.Figure);
    }

    [Fact]
    public void TrialReportModel_WithAnEarlierRun_NumbersTheTrendFiguresFirst()
    {
        var history = RunHistory.Create(Run, [RunSnapshot.Of(Runs.Previous(Run))]).History!;

        var m = TrialReportModel.From(Run, history);

        Assert.Equal(2, m.Trends.Trends!.Runs.Count);
        // Engagement and fidelity small multiples are figures 1 and 2; the scatter, bars and funnel follow as 3, 4 and 5.
        Assert.Equal(2, m.Trends.FigureCount);
        Assert.Equal(3, m.EngagementFidelity.FirstFigure);
        Assert.Equal(5, m.Funnel.Figure);
        Assert.Equal(Run.Sites.Select(s => s.SiteId), m.Trends.Engagement!.Panels.Select(p => p.Title));
    }

    [Fact]
    public void SiteReportModel_WithAnEarlierRun_HasItsOwnTrendOnly()
    {
        var history = RunHistory.Create(Run, [RunSnapshot.Of(Runs.Previous(Run))]).History!;

        var m = SiteReportModel.From(Run, "S2", history);

        Assert.Equal("S2", m.Trend.Site!.SiteId);
        var panel = Assert.Single(m.Trend.Chart!.Panels);
        Assert.Equal(["S2", "Trial (pooled)"], panel.Series.Select(s => s.Label));
        Assert.Equal(2, m.Scatter.Figure);
    }

    [Fact]
    public void FunderModel_FlaggedSites_AreTheHighlightedOnes()
    {
        var portfolio = FunderPortfolios.Build("nihr-pgfar", "NIHR", "2026-11", [new PortfolioTrialInput(Run, null, null)]);

        var m = FunderReportModel.From(portfolio);

        var trial = Assert.Single(m.Trials);
        Assert.Equal(portfolio.Trials[0].Flagged.Select(f => f.SiteId).ToHashSet(), trial.FlaggedSiteIds);
        Assert.Contains("S2", trial.FlaggedSiteIds);
        Assert.True(m.Overview.AnyChangeMissing);
        Assert.True(m.IsSynthetic);
    }
}
