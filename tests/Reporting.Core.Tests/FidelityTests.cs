using Reporting.Core.Metrics;

namespace Reporting.Core.Tests;

public class FidelityTests
{
    private static IReadOnlyList<SiteFidelity> Compute(string rows)
    {
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", Exports.Sites), ("fidelity.csv", "site_id,assessed_on,rater_id,item_id,score\n" + rows));
        Assert.False(bundle.Files.Any(f => f.HasErrors), string.Join("\n", bundle.Files.SelectMany(f => f.Issues)));
        return Fidelity.Compute(bundle.Sites!, bundle.Fidelity!, bundle.Settings!.Fidelity!);
    }

    [Fact]
    public void LatestAssessmentOnly_MeanOfCompleteRaters()
    {
        // The earlier assessment (scores of 0) must not count; two raters at the latest date total 3 and 4.
        var site = Compute("""
            S1,2019-01-01,R1,i1,0
            S1,2019-01-01,R1,i2,0
            S1,2019-05-01,R1,i1,1
            S1,2019-05-01,R1,i2,2
            S1,2019-05-01,R2,i1,2
            S1,2019-05-01,R2,i2,2
            """)[0];

        Assert.Equal(new DateOnly(2019, 5, 1), site.AssessedOn);
        Assert.Equal([3.0, 4.0], site.Raters.Select(r => r.Total!.Value));
        Assert.Equal(3.5, site.Score);
        Assert.Equal(1.0, site.LargestRaterDifference);
        Assert.Equal([false, true], site.Agreement!.Select(a => a.Exact));
        Assert.Equal(0.5, site.ExactAgreementShare);
    }

    [Fact]
    public void RaterMissingAnItem_IsIncompleteAndNotScored()
    {
        // R2 did not score i2: reported as incomplete, and the score is R1's alone with no agreement statistics.
        var site = Compute("""
            S1,2019-05-01,R1,i1,1
            S1,2019-05-01,R1,i2,2
            S1,2019-05-01,R2,i1,2
            """)[0];

        var r2 = site.Raters.Single(r => r.RaterId == "R2");
        Assert.False(r2.Complete);
        Assert.Equal(["i2"], r2.MissingItems);
        Assert.Equal(3.0, site.Score);
        Assert.Null(site.Agreement);
    }

    [Fact]
    public void NoCompleteRater_ScoreUnavailable()
    {
        // Unavailable is null, never zero.
        var site = Compute("S1,2019-05-01,R1,i1,1\n")[0];

        Assert.Null(site.Score);
    }

    [Fact]
    public void SiteNotAssessed_ScoreUnavailable()
    {
        // S2 has no rows at all.
        var sites = Compute("S1,2019-05-01,R1,i1,1\nS1,2019-05-01,R1,i2,1\n");

        Assert.Null(sites.Single(s => s.SiteId == "S2").Score);
        Assert.Null(sites.Single(s => s.SiteId == "S2").AssessedOn);
    }
}
