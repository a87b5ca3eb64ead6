using static Reporting.Samples.CodeCatalogue;

namespace Reporting.Samples;

/// <summary>
/// The designed sample trial: seven sites shaped like the published peer-support trial, with targets chosen so that
/// the engagement–fidelity chart shows two high–high sites, two low–low sites and one outlier (high fidelity,
/// mid-range engagement), and the coded interviews give patterns A–D. Every name, date and quote is invented.
/// </summary>
internal static class DesignedTrial
{
    public const string TrialId = "peer-support-synthetic";

    private static readonly DateOnly Spring = new(2018, 3, 12);
    private static readonly DateOnly Autumn = new(2018, 10, 8);

    // Per site: offered, engaged, usual care (the arm sizes differ by at most one), then the noise counts:
    // engaged-then-withdrew, withdrew without engaging, still pending at the cut-off, contacts dated before randomisation.
    // Latest fidelity totals per rater give the site means 12.5, 11.5, 13, 5.5, 8.5, 6 and 6.5 out of 16.
    public static IReadOnlyList<SiteSpec> Sites { get; } =
    [
        new("S1", "Northgate (synthetic)", "urban", "nhs", "North West", "1", 60, 48, 61, 1, 1, 1, 0, 3,
            new(Spring, 10, 11, false, Autumn, 12, 13)),
        new("S2", "Eastwell (synthetic)", "town", "nhs", "East of England", "0.5", 41, 21, 40, 0, 1, 2, 1, 2,
            new(Spring.AddDays(2), 10, 10, false, Autumn.AddDays(2), 11, 12)),
        new("S3", "Riverside Wharf (synthetic)", "urban", "voluntary", "London", "1", 58, 46, 58, 1, 2, 1, 0, 3,
            new(Spring.AddDays(7), 12, 11, false, Autumn.AddDays(7), 13, 13)),
        new("S4", "Ynys Môn (synthetic)", "rural", "nhs", "Wales", "0.5", 36, 15, 37, 0, 1, 1, 0, 2,
            new(Spring.AddDays(9), 6, 5, false, Autumn.AddDays(9), 5, 6)),
        new("S5", "Hillbrook and Marsh (synthetic)", "mixed", "voluntary", "South West", "1", 32, 18, 31, 0, 1, 0, 0, 2,
            new(Spring.AddDays(14), 7, 8, true, Autumn.AddDays(14), 8, 9)),
        new("S6", "Castlefield (synthetic)", "urban", "nhs", "West Midlands", "0.5", 38, 16, 38, 0, 2, 1, 1, 2,
            new(Spring.AddDays(16), 7, 7, false, Autumn.AddDays(16), 6, 6)),
        new("S7", "Moorside (synthetic)", "town", "nhs", "Yorkshire and the Humber", "0.5", 30, 16, 30, 0, 1, 1, 0, 2,
            new(Spring.AddDays(21), 8, 7, false, Autumn.AddDays(21), 6, 7)),
    ];

    public static TrialSpec Spec { get; } = new(
        TrialId,
        "Peer support for discharge from inpatient to community mental health care (synthetic sample)",
        "ISRCTN00000000 (synthetic)",
        ContactsPerParticipant: 6,
        Sites,
        Codings);

    /// <summary>
    /// Which site holds which code (and on how many interviewees). Selected cases: S1, S3 high–high; S4, S6 low–low;
    /// S2 outlier. S5 and S7 are not compared but are coded all the same.
    /// </summary>
    private static IReadOnlyList<CodingRow> Codings(SampleRandom random)
    {
        var plan = new (string Site, int PeerWorkers, int Clinicians, int ServiceUsers, (CodeDefinition, int)[] Codes)[]
        {
            ("S1", 2, 2, 3,
            [
                (SharedExperienceBuildsTrust, 3), (RecoveryStorySelectively, 2), (StaffUnsureOfRole, 2),
                (ProtectedTime, 3), (AccessToMeetings, 2), (CoordinatorSupervision, 2), (ClearWrittenRole, 2),
                (FlexibleMeetingPlaces, 3), (ReciprocalRelationship, 2),
                (BoardChampion, 1), (ContactsSpreadsheet, 1), (ValuedAsColleagues, 2),
            ]),
            ("S2", 2, 1, 2,
            [
                (SharedExperienceBuildsTrust, 3), (RecoveryStorySelectively, 2), (StaffUnsureOfRole, 2),
                (ProtectedTime, 2), (ClinicalTasks, 2), (VacancyAfterTurnover, 3), (TravelTime, 2),
                (ValuedAsColleagues, 1),
            ]),
            ("S3", 3, 2, 3,
            [
                (SharedExperienceBuildsTrust, 3), (RecoveryStorySelectively, 3), (StaffUnsureOfRole, 1),
                (ProtectedTime, 3), (AccessToMeetings, 2), (CoordinatorSupervision, 2), (ClearWrittenRole, 2),
                (FlexibleMeetingPlaces, 2), (ReciprocalRelationship, 3),
                (ModelUnderstoodDifferently, 1), (UnsureHowMuchToShare, 1), (VoluntarySectorIndependence, 2),
            ]),
            ("S4", 2, 2, 2,
            [
                (SharedExperienceBuildsTrust, 2), (RecoveryStorySelectively, 1), (StaffUnsureOfRole, 3),
                (ClinicalTasks, 2), (WardEscortOnly, 2), (ClinicalSupervisionOnly, 2), (RigidSchedule, 2),
                (ReferralsSlow, 3), (ModelUnderstoodDifferently, 2), (ContactsSpreadsheet, 1), (UnsureHowMuchToShare, 2),
            ]),
            ("S5", 2, 1, 2,
            [
                (SharedExperienceBuildsTrust, 2), (RecoveryStorySelectively, 1), (ProtectedTime, 1),
                (CoordinatorSupervision, 2), (FlexibleMeetingPlaces, 1), (ReciprocalRelationship, 1),
                (ModelUnderstoodDifferently, 1), (BoardChampion, 1), (ValuedAsColleagues, 1),
                (VoluntarySectorIndependence, 2),
            ]),
            ("S6", 2, 2, 2,
            [
                (SharedExperienceBuildsTrust, 2), (RecoveryStorySelectively, 2), (StaffUnsureOfRole, 3),
                (ClinicalTasks, 3), (WardEscortOnly, 2), (ClinicalSupervisionOnly, 2), (RigidSchedule, 2),
                (ReferralsSlow, 2), (BoardChampion, 1),
            ]),
            ("S7", 2, 1, 2,
            [
                (SharedExperienceBuildsTrust, 2), (RecoveryStorySelectively, 1), (StaffUnsureOfRole, 2),
                (ClinicalTasks, 1), (ClinicalSupervisionOnly, 2), (ReferralsSlow, 2), (ContactsSpreadsheet, 1),
                (UnsureHowMuchToShare, 1),
            ]),
        };

        var rows = new List<CodingRow>();
        foreach (var (site, peerWorkers, clinicians, serviceUsers, codes) in plan)
        {
            rows.AddRange(RowsFor(site, Sources(site, peerWorkers, clinicians, serviceUsers), codes, random));
        }

        return rows;
    }
}
