using System.Text.Json.Serialization;
using Reporting.Core.Export;
using Reporting.Core.Metrics;

namespace Reporting.Core.Analysis;

/// <summary>
/// Everything a report needs about one analysis run, computed once in Core; reports only format it.
/// Serialised as <c>run.json</c> by <see cref="RunModelJson"/>; field names are stable.
/// </summary>
public sealed record RunModel(
    string SchemaVersion,
    string RunId,
    string PipelineVersion,
    DateTimeOffset DataTimestamp,
    TrialInfo Trial,
    IReadOnlyList<SiteResult> Sites,
    PooledResult Pooled,
    ClassificationInfo Classification,
    SpearmanResult? Spearman,
    string? SpearmanUnavailableReason,
    FunnelPlot? Funnel,
    CrossCase CrossCase,
    Provenance Provenance,
    IReadOnlyList<string> Cautions)
{
    /// <summary>The comparisons by context and stakeholder group, one per axis (docs/method.md).</summary>
    public IReadOnlyList<AxisComparison> Comparisons { get; init; } = [];

    /// <summary>The coding framework and its coverage.</summary>
    public FrameworkSummary Framework { get; init; } = FrameworkSummary.Build(CodingFrameworks.Open, null);

    /// <summary>The comparison along <paramref name="axis"/> (case-insensitive), or null when the run has none.</summary>
    public AxisComparison? Comparison(string axis)
    {
        ArgumentNullException.ThrowIfNull(axis);
        return Comparisons.FirstOrDefault(c => string.Equals(c.Axis, axis.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The trial's QCA when trial.json configures one (docs/qca.md); absent from run.json otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Qca.TrialQcaResult? Qca { get; init; }
}

/// <summary>The trial's identity and the settings the run used.</summary>
public sealed record TrialInfo(
    string TrialId,
    string Title,
    string? Registration,
    DateOnly DataCutOff,
    string DataCutOffSource,
    IReadOnlyList<FunderRef> Funders,
    EngagementSettings Engagement,
    string? FidelityInstrument,
    int? FidelityItems,
    double? FidelityMaxTotal,
    int MinSourcesPerCode)
{
    /// <summary>Every site characteristic of the trial: the built-in ones, then those trial.json declares.</summary>
    public IReadOnlyList<SiteCharacteristic> SiteCharacteristics { get; init; } = Export.SiteCharacteristics.BuiltIn;

    /// <summary>The trial's stakeholder roles.</summary>
    public IReadOnlyList<string> Roles { get; init; } = StakeholderRoles.Default;

    /// <summary>The characteristic called <paramref name="name"/> (case-insensitive), or null.</summary>
    public SiteCharacteristic? FindCharacteristic(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SiteCharacteristics.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>One site's figures, classes, case role and coding summary.</summary>
public sealed record SiteResult(
    string SiteId,
    string SiteName,
    Locality? Locality,
    Employer? Employer,
    string? Region,
    double? SupervisorDaysPerWeek,
    SiteEngagement? Engagement,
    SiteFidelity? Fidelity,
    AxisClass? EngagementClass,
    AxisClass? FidelityClass,
    CaseRole Role,
    string RoleReason,
    FunnelPosition? FunnelPosition,
    OutcomeGroups? Outcome,
    SiteCoding? Coding)
{
    /// <summary>The site's values of the characteristics trial.json declares, in declaration order.</summary>
    public IReadOnlyList<CharacteristicValue> Characteristics { get; init; } = [];

    /// <summary>
    /// The site's value of the characteristic called <paramref name="name"/> (case-insensitive): the built-in
    /// <c>locality</c>, <c>employer</c> (categories as the contract spells them) and <c>supervisor_days_per_week</c>
    /// (a number), or a declared one (a category in its declared spelling, or a number). Null when the trial has no
    /// such characteristic; a value with neither category nor number when the site leaves it blank.
    /// </summary>
    public CharacteristicValue? Characteristic(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim();
        if (string.Equals(key, Export.SiteCharacteristics.Locality.Name, StringComparison.OrdinalIgnoreCase))
        {
            return new(Export.SiteCharacteristics.Locality.Name, CharacteristicKind.Category, Locality is { } l ? EnumText<Locality>.ToText(l) : null, null);
        }

        if (string.Equals(key, Export.SiteCharacteristics.Employer.Name, StringComparison.OrdinalIgnoreCase))
        {
            return new(Export.SiteCharacteristics.Employer.Name, CharacteristicKind.Category, Employer is { } e ? EnumText<Employer>.ToText(e) : null, null);
        }

        if (string.Equals(key, Export.SiteCharacteristics.SupervisorDaysPerWeek.Name, StringComparison.OrdinalIgnoreCase))
        {
            return new(Export.SiteCharacteristics.SupervisorDaysPerWeek.Name, CharacteristicKind.Number, null, SupervisorDaysPerWeek);
        }

        return Characteristics.FirstOrDefault(c => string.Equals(c.Name, key, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>Trial-level figures: pooled engagement and outcome.</summary>
public sealed record PooledResult(SiteEngagement? Engagement, OutcomeGroups? Outcome, int Participants, int PeerSupport, int UsualCare, long ContactRows);

/// <summary>Readmission within 12 months (where recorded) by engagement group; descriptive only.</summary>
public sealed record OutcomeGroups(Proportion Engaged, Proportion NotEngaged, Proportion UsualCare);

/// <summary>The thresholds used on each axis (null when the axis has no values).</summary>
public sealed record ClassificationInfo(AxisThresholds? Engagement, AxisThresholds? Fidelity);

/// <summary>What the coded interviews say about one site, for its own report.</summary>
/// <param name="Sources">Distinct interviewees coded at the site.</param>
/// <param name="Facilitators">Codes at the site with more facilitator than barrier segments.</param>
/// <param name="Barriers">Codes at the site with more barrier than facilitator segments.</param>
/// <param name="SharedWithHighHigh">Pattern B codes the site has.</param>
/// <param name="SharedWithLowLow">Pattern C codes the site has.</param>
public sealed record SiteCoding(
    int Sources,
    IReadOnlyList<SiteCode> Facilitators,
    IReadOnlyList<SiteCode> Barriers,
    IReadOnlyList<CodeKey> SharedWithHighHigh,
    IReadOnlyList<CodeKey> SharedWithLowLow);

/// <summary>A code at one site with its sources, valence and an excerpt.</summary>
public sealed record SiteCode(CodeKey Code, int Sources, ValenceCounts Valence, Excerpt? Example);

/// <summary>The cross-case comparison: selected cases, matrix and patterns, or why it is unavailable.</summary>
public sealed record CrossCase(
    IReadOnlyList<SelectedCase> Cases,
    FrameworkMatrix? Matrix,
    Patterns? Patterns,
    string? UnavailableReason);

/// <summary>A selected case and why.</summary>
public sealed record SelectedCase(string SiteId, CaseRole Role, string Reason, bool FunnelFlagged);

/// <summary>Where the run's data came from.</summary>
public sealed record Provenance(IReadOnlyList<FileProvenance> Files, int Errors, int Warnings);

/// <summary>One input file of the run.</summary>
public sealed record FileProvenance(string FileName, DatasetKind Kind, string Sha256, long Bytes, int Rows, int Errors, int Warnings);
