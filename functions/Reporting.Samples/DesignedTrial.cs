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

    /// <summary>Organisational context and service setting per site (the 2014 study's contrasts), in site order.</summary>
    private static readonly (string Context, string Setting)[] Contexts =
    [
        ("partnership", "inpatient"), // S1: an NHS trust hosting a voluntary-sector peer team
        ("nhs_only", "community"), // S2
        ("voluntary_only", "bme_specific"), // S3: a voluntary service for Black and minority ethnic communities
        ("nhs_only", "inpatient"), // S4
        ("partnership", "community"), // S5
        ("nhs_only", "inpatient"), // S6
        ("nhs_only", "community"), // S7
    ];

    public static TrialSpec Spec { get; } = new(
        TrialId,
        "Peer support for discharge from inpatient to community mental health care (synthetic sample)",
        "ISRCTN00000000 (synthetic)",
        ContactsPerParticipant: 6,
        Sites.Select((s, i) => s with { Characteristics = [Contexts[i].Context, Contexts[i].Setting] }).ToList(),
        Codings)
    {
        Characteristics =
        [
            new("organisational_context", "Organisational context", ["nhs_only", "voluntary_only", "partnership"]),
            new("service_setting", "Service setting", ["inpatient", "community", "bme_specific"]),
        ],
        Roles = [PeerWorker, Coordinator, Clinician, LineManager, StrategicManager, Commissioner, ServiceUser, "other"],
        Framework = "parihs-enrich",
        Axes = ["employer", "organisational_context", "service_setting", "role"],
        InterviewItems =
        [
            new("q1", "The peer worker role is clearly defined", 1, 5),
            new("q2", "Peer workers have protected time to build relationships", 1, 5),
            new("q3", "The team values peer support", 1, 5),
        ],
        Interviews = Interviews,

        // A QCA over the seven sites: which of an NHS employer, a supervisor at least one day a week and a clear
        // written role went with high engagement (docs/qca.md). The code is held at S1 and S3 only.
        Qca = new("engagement", ["employer=nhs", "supervisor_days_per_week>=1", "code:" + ClearWrittenRole.Code], 0.8),
    };

    /// <summary>Managers are line managers at some sites and strategic managers at others (the 2014 study's groups).</summary>
    private static readonly HashSet<string> StrategicManagerSites = new(["S2", "S4", "S6"], StringComparer.Ordinal);

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

        // The managers' role is named after the codes are placed, so the rows above are the ones the sample always
        // had (patterns A–D do not move); commissioners were interviewed at the two sites not compared, S5 and S7,
        // from a stream forked after every other row.
        rows = rows.Select(r => r.Role == Manager
            ? r with { Role = StrategicManagerSites.Contains(r.SiteId) ? StrategicManager : LineManager }
            : r).ToList();
        var later = random.Fork(5);
        foreach (var site in new[] { "S5", "S7" })
        {
            rows.AddRange(RowsFor(site, [new Source(site + "COM1", Commissioner)], [(ContactNumbersNotOutcomes, 1), (OneYearFunding, 1)], later));
        }

        return rows;
    }

    /// <summary>
    /// Structured answers from every coded source: q1 and q3 from everyone, q2 (protected time) from staff only, now
    /// and then an answer missing. Scores lean with the site's implementation: high–high sites answer higher.
    /// </summary>
    private static IReadOnlyList<InterviewRow> Interviews(SampleRandom random, IReadOnlyList<CodingRow> codings)
    {
        var centre = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["S1"] = 4.2, ["S2"] = 3.6, ["S3"] = 4.3, ["S4"] = 2.3, ["S5"] = 3.3, ["S6"] = 2.4, ["S7"] = 2.9,
        };
        var sources = codings.Select(c => (c.SiteId, c.Source, c.Role)).Distinct().ToList();
        var rows = new List<InterviewRow>();
        foreach (var (site, source, role) in sources)
        {
            foreach (var item in new[] { "q1", "q2", "q3" })
            {
                if ((item == "q2" && role == ServiceUser) || random.Chance(0.08))
                {
                    continue;
                }

                var score = (int)Math.Round(centre[site] + ((random.NextDouble() - 0.5) * 2.4), MidpointRounding.AwayFromZero);
                rows.Add(new InterviewRow(site, source, role, item, Math.Clamp(score, 1, 5)));
            }
        }

        return rows;
    }
}
