namespace Reporting.Core.Export;

/// <summary>
/// The stakeholder groups a source (interviewee or focus group) can belong to: trial.json <c>roles</c>, by default the
/// list below, which covers the 2024 study's roles, the 2014 study's six groups and UPSIDES' policy-makers.
/// </summary>
public static class StakeholderRoles
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pw"] = "Peer workers",
        ["pwc"] = "Peer worker coordinators",
        ["clinician"] = "Clinicians",
        ["manager"] = "Managers",
        ["service_user"] = "Service users",
        ["coworker"] = "Non-peer co-workers",
        ["line_manager"] = "Line managers",
        ["strategic_manager"] = "Strategic managers",
        ["commissioner"] = "Commissioners",
        ["policy_maker"] = "Policy-makers",
        ["other"] = "Other",
    };

    /// <summary>The roles when trial.json sets none.</summary>
    public static IReadOnlyList<string> Default { get; } =
        ["pw", "pwc", "clinician", "manager", "service_user", "coworker", "line_manager", "strategic_manager", "commissioner", "policy_maker", "other"];

    /// <summary>How reports name a role's group ("Peer workers"); a role outside the default list is shown as written, '_' read as a space.</summary>
    public static string Label(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Labels.TryGetValue(role, out var label) ? label : role.Replace('_', ' ');
    }
}
