namespace Reporting.Core.Export;

/// <summary>The columns of each CSV dataset (docs/export-contract.md), in the order the column constants index them.</summary>
internal static class Schemas
{
    public static readonly ColumnSpec[] Sites =
    [
        new("site_id", true), new("site_name", true), new("locality", false), new("employer", false),
        new("region", false), new("supervisor_days_per_week", false),
    ];

    public static readonly ColumnSpec[] Participants =
    [
        new("participant_id", true), new("site_id", true), new("arm", true), new("randomised_on", true),
        new("discharged_on", false), new("readmitted_12m", false), new("withdrawn_on", false),
    ];

    public static readonly ColumnSpec[] Contacts =
    [
        new("contact_id", false), new("participant_id", true), new("contact_on", true),
        new("peer_worker_id", false), new("mode", false), new("status", true),
    ];

    public static readonly ColumnSpec[] Fidelity =
    [
        new("site_id", true), new("assessed_on", true), new("rater_id", true), new("item_id", true), new("score", true),
    ];

    public static readonly ColumnSpec[] Codings =
    [
        new("site_id", true), new("source", true), new("role", false), new("domain", true),
        new("construct", true), new("code", true), new("valence", false), new("excerpt", false),
    ];

    public static readonly ColumnSpec[] Interviews =
    [
        new("site_id", true), new("source", true), new("role", false), new("item_id", true), new("score", true),
    ];

    /// <summary>The columns of sites.csv with the declared characteristics after the contract's own (declared columns are required).</summary>
    public static ColumnSpec[] SitesWith(IReadOnlyList<SiteCharacteristic> declared) =>
        declared.Count == 0 ? Sites : [.. Sites, .. declared.Select(c => new ColumnSpec(c.Name, true))];

    public static ColumnSpec[] For(DatasetKind kind) => kind switch
    {
        DatasetKind.Sites => Sites,
        DatasetKind.Participants => Participants,
        DatasetKind.Contacts => Contacts,
        DatasetKind.Fidelity => Fidelity,
        DatasetKind.Codings => Codings,
        DatasetKind.Interviews => Interviews,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
