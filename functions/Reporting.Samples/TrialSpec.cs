namespace Reporting.Samples;

/// <summary>Everything the writer needs to produce one synthetic export.</summary>
internal sealed record TrialSpec(
    string TrialId,
    string Title,
    string Registration,
    double ContactsPerParticipant,
    IReadOnlyList<SiteSpec> Sites,
    Func<SampleRandom, IReadOnlyList<CodingRow>> Codings)
{
    /// <summary>The funder named in trial.json.</summary>
    public (string FunderId, string Name) Funder { get; init; } = ("nihr-pgfar", "NIHR Programme Grants for Applied Research");

    /// <summary>Whether trial.json sets the fixed classification thresholds (else the trial's tertiles are used).</summary>
    public bool FixedThresholds { get; init; } = true;

    /// <summary>Extra sites.csv columns declared in trial.json; each site gives its values in this order.</summary>
    public IReadOnlyList<CharacteristicSpec> Characteristics { get; init; } = [];

    /// <summary>trial.json <c>roles</c>, or null to leave the default list.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>trial.json <c>comparison.framework</c>, or null for the default (open).</summary>
    public string? Framework { get; init; }

    /// <summary>trial.json <c>comparison.axes</c>, or null for the default axes.</summary>
    public IReadOnlyList<string>? Axes { get; init; }

    /// <summary>Structured interview items; interviews.csv is written when there are any.</summary>
    public IReadOnlyList<InterviewItemSpec> InterviewItems { get; init; } = [];

    /// <summary>The structured answers, drawn from their own random stream after the codings are known.</summary>
    public Func<SampleRandom, IReadOnlyList<CodingRow>, IReadOnlyList<InterviewRow>>? Interviews { get; init; }

    /// <summary>trial.json <c>qca</c>, or null for none.</summary>
    public QcaSpec? Qca { get; init; }
}

/// <summary>trial.json <c>qca</c> (docs/qca.md): the outcome, the conditions in order and the inclusion cut-off.</summary>
internal sealed record QcaSpec(string Outcome, IReadOnlyList<string> Conditions, double InclCut);

/// <summary>A declared site characteristic: a category with its values, or a number when <see cref="Values"/> is null.</summary>
internal sealed record CharacteristicSpec(string Name, string Label, IReadOnlyList<string>? Values);

/// <summary>A structured interview question.</summary>
internal sealed record InterviewItemSpec(string ItemId, string Text, int Min, int Max);

/// <summary>One row of interviews.csv.</summary>
internal sealed record InterviewRow(string SiteId, string Source, string Role, string ItemId, int Score);

/// <summary>
/// One site and the figures it must produce. The counts are realised exactly: <see cref="Engaged"/> of the
/// <see cref="Offered"/> peer-support participants end up engaged under the engagement rule (docs/method.md).
/// </summary>
internal sealed record SiteSpec(
    string SiteId,
    string Name,
    string Locality,
    string Employer,
    string Region,
    string SupervisorDaysPerWeek,
    int Offered,
    int Engaged,
    int UsualCare,
    int EngagedThenWithdrawn,
    int Withdrawn,
    int Pending,
    int PreRandomisationContacts,
    int PeerWorkers,
    FidelitySpec Fidelity)
{
    /// <summary>The site's values of the trial's declared characteristics, in their order.</summary>
    public IReadOnlyList<string> Characteristics { get; init; } = [];
}

/// <summary>Two raters' totals at an earlier and at the latest assessment (only the latest is scored).</summary>
internal sealed record FidelitySpec(
    DateOnly EarlierOn,
    int EarlierRater1,
    int EarlierRater2,
    bool EarlierRater2MissesAnItem,
    DateOnly LatestOn,
    int LatestRater1,
    int LatestRater2);

internal sealed record CodingRow(
    string SiteId,
    string Source,
    string Role,
    string Domain,
    string Construct,
    string Code,
    string Valence,
    string Excerpt);

/// <summary>Fixed settings shared by every generated trial.</summary>
internal static class TrialConstants
{
    public static readonly DateOnly RandomisedFrom = new(2017, 9, 1);
    public static readonly DateOnly RandomisedTo = new(2018, 12, 31);
    public static readonly DateOnly DataCutOff = new(2019, 6, 30);
    public const int FollowUpDays = 120;

    /// <summary>The last discharge date whose follow-up window has closed by the cut-off (discharged_on + 120 &lt;= cut-off).</summary>
    public static DateOnly LastSettledDischarge => DataCutOff.AddDays(-FollowUpDays);

    public static readonly IReadOnlyList<FidelityItem> Items =
    [
        new("trust1", "Trusting relationships based on shared lived experience"),
        new("trust2", "Trusting relationships based on shared lived experience"),
        new("recip1", "Reciprocity and mutuality"),
        new("recip2", "Reciprocity and mutuality"),
        new("choice1", "Leadership, choice and control"),
        new("choice2", "Leadership, choice and control"),
        new("strength1", "Building strengths and making connections to community"),
        new("strength2", "Building strengths and making connections to community"),
    ];

    public const int ItemMin = 0;
    public const int ItemMax = 2;
}

internal sealed record FidelityItem(string ItemId, string Domain);
