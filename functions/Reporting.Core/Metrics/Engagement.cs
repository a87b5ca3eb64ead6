using Reporting.Core.Export;

namespace Reporting.Core.Metrics;

/// <summary>Engagement of one site (docs/method.md). <see cref="Engaged"/>.Total is the number offered.</summary>
public sealed record SiteEngagement(
    string SiteId,
    int Offered,
    int Engaged,
    int Pending,
    int Withdrawn,
    Proportion Proportion);

/// <summary>The engagement rule of docs/method.md.</summary>
public static class Engagement
{
    /// <summary>
    /// Whether a completed contact on <paramref name="date"/> counts: on or after randomisation, on or before
    /// withdrawal when the participant withdrew, and no later than <c>followUpDays</c> after discharge (no upper
    /// limit without a discharge date or a follow-up window).
    /// </summary>
    public static bool Counts(Participant participant, DateOnly date, EngagementSettings settings) =>
        WindowOf(participant, settings).Counts(date);

    /// <summary>The participant's counting window under <paramref name="settings"/>: the one definition of which
    /// dates count, computed once per participant so that reading a million contacts compares day numbers only.</summary>
    internal static CountingWindow WindowOf(Participant participant, EngagementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(settings);
        var last = participant.WithdrawnOn?.DayNumber ?? int.MaxValue;
        if (settings.FollowUpDays is { } days && participant.DischargedOn is { } discharged)
        {
            // A window running past the calendar's end is no limit at all (no date lies beyond it).
            last = (int)Math.Min(last, Math.Min((long)discharged.DayNumber + days, int.MaxValue));
        }

        return new CountingWindow(participant.RandomisedOn.DayNumber, last, participant.DischargedOn?.DayNumber ?? int.MaxValue);
    }

    /// <summary>Whether a peer-support participant with these counted contacts is engaged.</summary>
    public static bool IsEngaged(ParticipantContacts contacts, EngagementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(settings);
        return contacts.Counted >= settings.MinContacts && contacts.CountedPostDischarge >= settings.MinPostDischargeContacts;
    }

    /// <summary>
    /// Whether a participant who is not engaged may still become engaged by the data cut-off's standards: not
    /// withdrawn, and not yet discharged or discharged less than <c>followUpDays</c> before the cut-off.
    /// </summary>
    public static bool IsPending(Participant participant, bool engaged, DateOnly cutOff, EngagementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(settings);
        if (engaged || participant.WithdrawnOn is not null)
        {
            return false;
        }

        if (participant.DischargedOn is not { } discharged)
        {
            return true;
        }

        return settings.FollowUpDays is { } days && discharged.AddDays(days) > cutOff;
    }

    /// <summary>Per-site engagement for every site (sites in the order given), and the pooled figure.</summary>
    public static (IReadOnlyList<SiteEngagement> Sites, SiteEngagement Pooled) Compute(
        IReadOnlyList<Site> sites,
        IReadOnlyList<Participant> participants,
        IReadOnlyDictionary<string, ParticipantContacts> contacts,
        EngagementSettings settings,
        DateOnly cutOff)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(contacts);
        var tallies = sites.ToDictionary(s => s.SiteId, _ => new int[4], StringComparer.Ordinal);
        var none = new ParticipantContacts(0, 0, 0, 0);
        foreach (var p in participants)
        {
            if (p.Arm != Arm.PeerSupport || !tallies.TryGetValue(p.SiteId, out var t))
            {
                continue;
            }

            var engaged = IsEngaged(contacts.GetValueOrDefault(p.ParticipantId, none), settings);
            t[0]++;
            if (engaged)
            {
                t[1]++;
            }

            if (IsPending(p, engaged, cutOff, settings))
            {
                t[2]++;
            }

            if (p.WithdrawnOn is not null)
            {
                t[3]++;
            }
        }

        var perSite = sites.Select(s =>
        {
            var t = tallies[s.SiteId];
            return new SiteEngagement(s.SiteId, t[0], t[1], t[2], t[3], Proportion.Of(t[1], t[0]));
        }).ToList();
        var offered = perSite.Sum(s => s.Offered);
        var engagedAll = perSite.Sum(s => s.Engaged);
        var pooled = new SiteEngagement("pooled", offered, engagedAll, perSite.Sum(s => s.Pending), perSite.Sum(s => s.Withdrawn), Proportion.Of(engagedAll, offered));
        return (perSite, pooled);
    }
}

/// <summary>
/// The days (as <see cref="DateOnly.DayNumber"/>) on which one participant's completed contacts count (docs/method.md):
/// from randomisation to the earlier of withdrawal and the end of follow-up after discharge, both inclusive.
/// </summary>
/// <param name="First">Randomisation.</param>
/// <param name="Last">The last day that counts; <see cref="int.MaxValue"/> when open-ended.</param>
/// <param name="Discharge">The discharge day; <see cref="int.MaxValue"/> when not discharged (nothing is then post-discharge).</param>
internal readonly record struct CountingWindow(int First, int Last, int Discharge)
{
    /// <summary>Whether a completed contact on <paramref name="date"/> counts.</summary>
    public bool Counts(DateOnly date) => Counts(date.DayNumber);

    /// <summary>Whether a completed contact on day <paramref name="day"/> counts.</summary>
    public bool Counts(int day) => day >= First && day <= Last;

    /// <summary>Whether day <paramref name="day"/> is strictly after discharge (a contact on the day of discharge is not).</summary>
    public bool AfterDischarge(int day) => day > Discharge;
}
