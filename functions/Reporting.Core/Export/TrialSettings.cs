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

/// <summary>Cross-case comparison settings.</summary>
public sealed record ComparisonSettings(int MinSourcesPerCode)
{
    /// <summary>One source suffices for a site to have a code.</summary>
    public static ComparisonSettings Default { get; } = new(1);
}
