using Reporting.Core.Analysis;
using Reporting.Core.Metrics;

namespace Reporting.Core.Tests;

/// <summary>Run history and trends across runs, over the small hand-built trial of <see cref="RunBuilderTests"/> (cut-off 30 June 2019).</summary>
public class TrendsTests
{
    private static readonly Lazy<RunModel> _current = new(() => TrialPipeline.Run(RunBuilderTests.Files()).Run!);

    private static RunModel Current => _current.Value;

    private static RunSnapshot Earlier(string runId, string cutOff, Proportion? pooled, params SiteSnapshot[] sites) =>
        new("t1", runId, DateOnly.Parse(cutOff, System.Globalization.CultureInfo.InvariantCulture), pooled, sites);

    [Fact]
    public void Snapshot_OfARun_KeepsItsCutOffPooledAndSiteFigures()
    {
        var snapshot = RunSnapshot.Of(Current);

        Assert.Equal(("t1", Current.RunId, new DateOnly(2019, 6, 30)), (snapshot.TrialId, snapshot.RunId, snapshot.DataCutOff));
        // 8 + 6 + 2 + 5 + 5 engaged of 5 × 10 offered.
        Assert.Equal(Proportion.Of(26, 50), snapshot.PooledEngagement);
        Assert.Equal(["H1", "H2", "L1", "O1", "M1"], snapshot.Sites.Select(s => s.SiteId));
        Assert.Equal(Proportion.Of(8, 10), snapshot.Sites[0].Engagement);
        Assert.Equal(4.0, snapshot.Sites[0].Fidelity);
    }

    [Fact]
    public void Trends_NoEarlierRun_AreNull()
    {
        Assert.Null(Trends.Of(Current, RunHistory.None));
        Assert.Empty(RunHistory.Create(Current, []).History!.Runs);
    }

    [Fact]
    public void History_EarlierRunsInAnyOrder_AreOrderedByCutOff()
    {
        var result = RunHistory.Create(Current, [Earlier("b", "2018-12-31", null), Earlier("a", "2018-06-30", null)]);

        Assert.Null(result.Problem);
        Assert.Equal(["a", "b"], result.History!.Runs.Select(r => r.RunId));
    }

    [Theory]
    [InlineData("t2", "2018-12-31", "2018-06-30", "is of trial t2, not t1")] // another trial's run
    [InlineData("t1", "2019-06-30", "2018-06-30", "not before the current run's 2019-06-30")] // the current run's own cut-off
    [InlineData("t1", "2019-07-31", "2018-06-30", "not before the current run's 2019-06-30")] // a later cut-off
    [InlineData("t1", "2018-06-30", "2018-06-30", "the same data cut-off 2018-06-30")] // two runs for one cut-off
    public void History_BrokenRule_SaysWhich(string trialId, string cutOff, string otherCutOff, string problem)
    {
        var result = RunHistory.Create(Current, [Earlier("x", otherCutOff, null), Earlier("y", cutOff, null) with { TrialId = trialId }]);

        Assert.Null(result.History);
        Assert.Contains(problem, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Trends_ThreeRuns_GiveEachSiteAPointPerRunWithChangeSinceThePreviousRun()
    {
        var history = RunHistory.Create(Current,
        [
            Earlier("r1", "2018-06-30", Proportion.Of(20, 50), new SiteSnapshot("H1", Proportion.Of(4, 10), 2), new SiteSnapshot("L1", Proportion.Of(2, 10), 1)),
            Earlier("r2", "2018-12-31", Proportion.Of(25, 50), new SiteSnapshot("H1", Proportion.Of(6, 10), null), new SiteSnapshot("X9", Proportion.Of(1, 2), 1)),
        ]).History!;

        var trends = Trends.Of(Current, history)!;

        Assert.Equal(["r1", "r2", Current.RunId], trends.Runs.Select(r => r.RunId));

        // Pooled: 20/50 → 25/50 → 26/50, so +0.10 then +0.02.
        Assert.Equal([null, 0.10, 0.02], trends.Pooled.Select(p => p.EngagementChange).Select(c => c is { } v ? Math.Round(v, 10) : (double?)null));
        Assert.All(trends.Pooled, p => Assert.Null(p.Fidelity));

        // The current run's sites, in its order; X9 was only in an earlier run.
        Assert.Equal(["H1", "H2", "L1", "O1", "M1"], trends.Sites.Select(s => s.SiteId));
        var h1 = trends.Sites[0];
        Assert.Equal("Site H1", h1.SiteName);

        // H1: 4/10 → 6/10 → 8/10 engaged, +0.2 each time; fidelity 2 → not scored → 4, so no change can be given.
        Assert.Equal([0.4, 0.6, 0.8], h1.Points.Select(p => p.Engagement!.Value!.Value));
        Assert.Equal([null, 0.2, 0.2], h1.Points.Select(p => p.EngagementChange).Select(c => c is { } v ? Math.Round(v, 10) : (double?)null));
        Assert.Equal([2.0, null, 4.0], h1.Points.Select(p => p.Fidelity));
        Assert.All(h1.Points, p => Assert.Null(p.FidelityChange));

        // L1 was in r1 but not r2: its r2 point is empty, and the change at the current run has no previous figure.
        var l1 = trends.Sites.Single(s => s.SiteId == "L1");
        Assert.Null(l1.Points[1].Engagement);
        Assert.Null(l1.Points[2].EngagementChange);

        // H2 is new in the current run.
        Assert.Equal([false, false, true], trends.Sites.Single(s => s.SiteId == "H2").Points.Select(p => p.Engagement is not null));
    }
}
