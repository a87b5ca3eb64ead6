using Reporting.Core.Export;
using Reporting.Core.Metrics;

namespace Reporting.Core.Tests;

/// <summary>The engagement rule of docs/method.md, one edge case a test. P1 is randomised 2019-01-01 and discharged 2019-01-10;
/// the follow-up window is 120 days, so it ends 2019-05-10; the cut-off is 2019-06-30.</summary>
public class EngagementTests
{
    private static SiteEngagement SiteOne(string contacts, string participants = Exports.Participants)
    {
        var bundle = Exports.WithContacts("contact_id,participant_id,contact_on,status\n" + contacts, participants);
        Assert.False(bundle.HasErrors && bundle.Files.Any(f => f.HasErrors), string.Join("\n", bundle.Files.SelectMany(f => f.Issues)));
        var (sites, _) = Engagement.Compute(bundle.Sites!, bundle.Participants!, bundle.Contacts!, bundle.Settings!.Engagement, bundle.DataCutOff!.Value);
        return sites.Single(s => s.SiteId == "S1");
    }

    [Fact]
    public void Engaged_OneBeforeAndOneAfterDischarge_Counts()
    {
        // The plain case: two completed contacts, the second after discharge.
        var site = SiteOne("C1,P1,2019-01-05,completed\nC2,P1,2019-01-20,completed\n");

        Assert.Equal((1, 1), (site.Offered, site.Engaged));
    }

    [Fact]
    public void ContactOnDischargeDay_IsNotPostDischarge()
    {
        // Date-level comparison: a contact on the day of discharge happens before the participant is home.
        var site = SiteOne("C1,P1,2019-01-05,completed\nC2,P1,2019-01-10,completed\n");

        Assert.Equal(0, site.Engaged);
    }

    [Fact]
    public void ContactOnLastDayOfFollowUp_Counts()
    {
        // discharged_on + followUpDays is inside the window (no later than).
        var site = SiteOne("C1,P1,2019-01-05,completed\nC2,P1,2019-05-10,completed\n");

        Assert.Equal(1, site.Engaged);
    }

    [Fact]
    public void ContactAfterFollowUpWindow_IsNotCounted()
    {
        // One day past the 120-day window: the contact is outside the trial's engagement period.
        var site = SiteOne("C1,P1,2019-01-05,completed\nC2,P1,2019-05-11,completed\n");

        Assert.Equal(0, site.Engaged);
    }

    [Theory]
    [InlineData("did_not_attend")] // a missed appointment is not a contact
    [InlineData("cancelled")] // nor is a cancelled one
    [InlineData("DID_NOT_ATTEND")] // enumerations are case-insensitive and still do not count
    public void NotCompletedContact_NeverCounts(string status)
    {
        var site = SiteOne($"C1,P1,2019-01-05,completed\nC2,P1,2019-01-20,{status}\n");

        Assert.Equal(0, site.Engaged);
    }

    [Fact]
    public void NoDischargeYet_NoPostDischargeContact_NotEngagedButPending()
    {
        // Still an inpatient at the cut-off: cannot have a post-discharge contact yet, so is pending, not a failure.
        const string participants = "participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on\nP1,S1,peer_support,2019-01-01,,,\n";
        var site = SiteOne("C1,P1,2019-01-05,completed\nC2,P1,2019-03-20,completed\n", participants);

        Assert.Equal((0, 1), (site.Engaged, site.Pending));
    }

    [Fact]
    public void NoDischargeDate_NoUpperLimitOnCountedContacts()
    {
        // Without a discharge date the follow-up window has no end; contacts still need a post-discharge one to engage.
        var participants = Exports.Participants.Replace("2019-01-10,no", ",no", StringComparison.Ordinal);
        var bundle = Exports.WithContacts("contact_id,participant_id,contact_on,status\nC1,P1,2019-01-05,completed\nC2,P1,2019-06-20,completed\n", participants);

        Assert.Equal(new ParticipantContacts(2, 0, 2, 0), bundle.Contacts!["P1"]);
    }

    [Fact]
    public void Withdrawn_ContactsAfterWithdrawalNotCounted_StillOffered_NotPending()
    {
        // A withdrawn participant stays in the denominator (offered) but their later contacts do not count.
        const string participants = "participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on\nP1,S1,peer_support,2019-01-01,2019-01-10,,2019-01-15\n";
        var site = SiteOne("C1,P1,2019-01-05,completed\nC2,P1,2019-01-20,completed\n", participants);

        Assert.Equal((1, 0, 0, 1), (site.Offered, site.Engaged, site.Pending, site.Withdrawn));
    }

    [Fact]
    public void Withdrawn_ContactOnWithdrawalDay_Counts()
    {
        // "on or before withdrawn_on": the withdrawal day itself is inside.
        const string participants = "participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on\nP1,S1,peer_support,2019-01-01,2019-01-10,,2019-01-20\n";
        var site = SiteOne("C1,P1,2019-01-05,completed\nC2,P1,2019-01-20,completed\n", participants);

        Assert.Equal(1, site.Engaged);
    }

    [Fact]
    public void DischargedRecently_NotEngaged_IsPending()
    {
        // Discharged 2019-04-01: 2019-04-01 + 120 days is after the 2019-06-30 cut-off, so there is still time.
        const string participants = "participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on\nP1,S1,peer_support,2019-03-01,2019-04-01,,\n";
        var site = SiteOne("C1,P1,2019-03-05,completed\n", participants);

        Assert.Equal((0, 1), (site.Engaged, site.Pending));
    }

    [Fact]
    public void DischargedLongAgo_NotEngaged_IsNotPending()
    {
        // The window closed before the cut-off: a final "not engaged".
        var site = SiteOne("C1,P1,2019-01-05,completed\n");

        Assert.Equal((0, 0), (site.Engaged, site.Pending));
    }

    [Fact]
    public void UsualCare_IsNotOffered()
    {
        // The denominator is the peer_support arm only.
        var site = SiteOne("C1,P1,2019-01-05,completed\n");

        Assert.Equal(1, site.Offered);
    }

    [Fact]
    public void SiteWithNoParticipants_HasNoProportion()
    {
        // S2 has nobody offered: the proportion and its interval are unavailable, not zero.
        var bundle = Exports.WithContacts("contact_id,participant_id,contact_on,status\n");
        var (sites, pooled) = Engagement.Compute(bundle.Sites!, bundle.Participants!, bundle.Contacts!, bundle.Settings!.Engagement, bundle.DataCutOff!.Value);

        var s2 = sites.Single(s => s.SiteId == "S2");
        Assert.Null(s2.Proportion.Value);
        Assert.Equal(1, pooled.Offered);
    }

    [Theory]
    [InlineData(0, 10, 0.0, 0.277532799862889)] // zero successes: the interval still has width
    [InlineData(5, 10, 0.236593090512564, 0.763406909487436)] // symmetric about one half
    [InlineData(48, 60, 0.682181941943721, 0.881714946771025)] // a sample-sized site
    [InlineData(10, 10, 0.72246720013712, 1.0)] // all successes
    public void Wilson_MatchesReferenceValues(int count, int total, double low, double high)
    {
        // Reference values computed independently (Python, closed-form Wilson score interval, z = 1.959963984540054);
        // 0/10 and 5/10 agree with R's prop.test(x, n, correct = FALSE).
        var p = Proportion.Of(count, total);

        Assert.Equal(low, p.CiLow!.Value, 9);
        Assert.Equal(high, p.CiHigh!.Value, 9);
    }

    [Theory]
    [InlineData(0, 3)] // none of three: the closed form's lower bound rounded to 5.6e-17, above the estimate 0
    [InlineData(0, 24)] // none of 24: the same rounding at a larger site
    [InlineData(10, 10)] // all of ten: the upper bound rounded to just below the estimate 1
    [InlineData(25, 25)] // all of 25: the same at a larger site
    public void Wilson_NoneOrAllSucceed_BoundIsTheEstimateExactly(int count, int total)
    {
        // Found by the metric property tests: the interval must contain the estimate, and at 0 or n successes the
        // bound on that side is the estimate itself.
        var p = Proportion.Of(count, total);

        Assert.Equal(count == 0 ? 0.0 : 1.0, count == 0 ? p.CiLow : p.CiHigh);
        Assert.InRange(p.Value!.Value, p.CiLow!.Value, p.CiHigh!.Value);
    }

    [Fact]
    public void FollowUpWindowPastTheCalendarsEnd_HasNoUpperLimit()
    {
        // Discharged days before 9999-12-31: discharge + 120 days does not exist, and no contact can be after it.
        var p = new Participant("P1", "S1", Arm.PeerSupport, new DateOnly(9999, 12, 1), new DateOnly(9999, 12, 20), null, null);

        Assert.True(Engagement.Counts(p, new DateOnly(9999, 12, 31), EngagementSettings.Default));
        Assert.False(Engagement.Counts(p, new DateOnly(9999, 11, 30), EngagementSettings.Default));
    }

    [Theory]
    // The window ends at the earlier of withdrawal and the end of follow-up; both ends are inclusive.
    [InlineData("2019-01-01", true)] // the day of randomisation
    [InlineData("2018-12-31", false)] // the day before it
    [InlineData("2019-02-01", true)] // the day of withdrawal, which comes before follow-up ends
    [InlineData("2019-02-02", false)] // the day after withdrawal
    public void Counts_WithdrawnBeforeFollowUpEnds_WindowEndsAtWithdrawal(string date, bool counts)
    {
        var p = new Participant("P1", "S1", Arm.PeerSupport, new DateOnly(2019, 1, 1), new DateOnly(2019, 1, 10), null, new DateOnly(2019, 2, 1));

        Assert.Equal(counts, Engagement.Counts(p, DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), EngagementSettings.Default));
    }
}
