namespace Reporting.Core.Export;

/// <summary>The trial's settings, read from <c>trial.json</c> (docs/export-contract.md).</summary>
public sealed record TrialSettings(
    string TrialId,
    string Title,
    string? Registration,
    DateOnly? DataCutOff,
    IReadOnlyList<FunderRef> Funders,
    EngagementSettings Engagement,
    FidelityInstrument? Fidelity,
    ClassificationThresholds? Classification,
    ComparisonSettings Comparison)
{
    /// <summary>The extra sites.csv columns trial.json <c>siteCharacteristics</c> declares, in declaration order.</summary>
    public IReadOnlyList<SiteCharacteristic> SiteCharacteristics { get; init; } = [];

    /// <summary>The stakeholder groups a source's role must be one of (trial.json <c>roles</c>; default <see cref="StakeholderRoles.Default"/>).</summary>
    public IReadOnlyList<string> Roles { get; init; } = StakeholderRoles.Default;

    /// <summary>The structured interview questions interviews.csv answers (trial.json <c>interviewItems</c>).</summary>
    public IReadOnlyList<InterviewItem> InterviewItems { get; init; } = [];

    /// <summary>Every characteristic an axis or condition can name: the built-in ones, then the declared ones.</summary>
    public IReadOnlyList<SiteCharacteristic> AllCharacteristics => [.. Export.SiteCharacteristics.BuiltIn, .. SiteCharacteristics];

    /// <summary>The characteristic called <paramref name="name"/> (case-insensitive), built-in or declared, or null.</summary>
    public SiteCharacteristic? FindCharacteristic(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return AllCharacteristics.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The trial's spelling of <paramref name="role"/> (case-insensitive, trimmed), or null when it is not one of <see cref="Roles"/>.</summary>
    public string? FindRole(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Roles.FirstOrDefault(r => string.Equals(r, role.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The trial's QCA (trial.json <c>qca</c>, docs/qca.md), or null when none is configured.</summary>
    public Qca.QcaTrialSettings? Qca { get; init; }
}

/// <summary>A funder of the trial.</summary>
public sealed record FunderRef(string FunderId, string Name);

/// <summary>The engagement rule's parameters (docs/method.md). <see cref="FollowUpDays"/> null means no upper limit.</summary>
public sealed record EngagementSettings(int MinContacts, int MinPostDischargeContacts, int? FollowUpDays)
{
    /// <summary>The published study's rule: two contacts, one after discharge, within 120 days of discharge.</summary>
    public static EngagementSettings Default { get; } = new(2, 1, 120);
}

/// <summary>The fidelity instrument: its items with their score ranges.</summary>
public sealed record FidelityInstrument(string Name, IReadOnlyList<FidelityItem> Items);

/// <summary>One item of the fidelity instrument.</summary>
public sealed record FidelityItem(string ItemId, string Domain, double Min, double Max);

/// <summary>Fixed thresholds for classifying sites; when absent the tertiles of the site values are used.</summary>
public sealed record ClassificationThresholds(
    double EngagementHigh,
    double EngagementLow,
    double FidelityHigh,
    double FidelityLow);

/// <summary>One structured interview question: its id, wording and score range.</summary>
public sealed record InterviewItem(string ItemId, string Text, double Min, double Max);

/// <summary>Cross-case comparison settings.</summary>
public sealed record ComparisonSettings(int MinSourcesPerCode)
{
    /// <summary>One source suffices for a site to have a code; the open framework; the default axes.</summary>
    public static ComparisonSettings Default { get; } = new(1);

    /// <summary>The coding framework (trial.json <c>comparison.framework</c>; default the open framework).</summary>
    public CodingFramework Framework { get; init; } = CodingFrameworks.Open;

    /// <summary>
    /// The comparison axes (trial.json <c>comparison.axes</c>): <c>role</c> or characteristic names, in lower case.
    /// Null means the default: every category characteristic with at least two values present, and <c>role</c>.
    /// </summary>
    public IReadOnlyList<string>? Axes { get; init; }
}
