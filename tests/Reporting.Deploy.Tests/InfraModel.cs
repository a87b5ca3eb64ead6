using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reporting.Deploy.Tests.Arm;

namespace Reporting.Deploy.Tests;

/// <summary>One role assignment of the deployment, with its scope, role and principal as ARM would create them.</summary>
internal sealed record RoleGrant(string Scope, string RoleDefinitionId, string RoleId, string PrincipalId, string? PrincipalType)
{
    public string RoleName => BuiltInRoles.ById.TryGetValue(RoleId, out var name) ? name : $"unknown role {RoleId}";

    /// <summary>True when this assignment covers <paramref name="resourceId"/>: its scope is the resource or a parent of it.</summary>
    public bool Covers(string resourceId) =>
        string.Equals(resourceId, Scope, StringComparison.OrdinalIgnoreCase)
        || resourceId.StartsWith(Scope + "/", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The evaluated deployment read as the app's infrastructure: the site, the account, settings, storage, roles.</summary>
internal sealed partial class InfraModel(ArmDeployment deployment)
{
    public const string SitesType = "Microsoft.Web/sites";
    public const string ContainersType = "Microsoft.Storage/storageAccounts/blobServices/containers";
    public const string QueuesType = "Microsoft.Storage/storageAccounts/queueServices/queues";
    public const string TablesType = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string RoleAssignmentsType = "Microsoft.Authorization/roleAssignments";

    public ArmDeployment Deployment { get; } = deployment;

    public ArmResource Site => Deployment.Single(SitesType);

    public ArmResource Plan => Deployment.Single("Microsoft.Web/serverfarms");

    public ArmResource StorageAccount => Deployment.Single("Microsoft.Storage/storageAccounts");

    public ArmResource Vault => Deployment.Single("Microsoft.KeyVault/vaults");

    public ArmResource AppInsights => Deployment.Single("Microsoft.Insights/components");

    public ArmResource SystemTopic => Deployment.Single("Microsoft.EventGrid/systemTopics");

    public IReadOnlyList<ArmResource> EventSubscriptions => Deployment.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions");

    /// <summary>The principal of the Function App's system-assigned identity.</summary>
    public string AppPrincipal => RuntimeValue.Text(Site.Id, "identity.principalId");

    /// <summary>The principal of the Event Grid system topic's identity.</summary>
    public string TopicPrincipal => RuntimeValue.Text(SystemTopic.Id, "identity.principalId");

    /// <summary>The Function App's app settings, name to value (a setting given twice is an error ARM would not report).</summary>
    public IReadOnlyDictionary<string, JsonNode?> AppSettings
    {
        get
        {
            var settings = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var entry in Site.Properties["siteConfig"]?["appSettings"]?.AsArray() ?? [])
            {
                var name = entry!["name"]!.GetValue<string>();
                if (!settings.TryAdd(name, entry["value"]))
                {
                    throw new InvalidOperationException($"App setting {name} is set twice.");
                }
            }

            return settings;
        }
    }

    public string? Setting(string name) => AppSettings.TryGetValue(name, out var value) ? value?.ToString() : null;

    /// <summary>The containers, queues or tables created in the account: resource type to names.</summary>
    public IReadOnlyList<ArmResource> Created(string type) => Deployment.OfType(type);

    public IReadOnlyList<RoleGrant> RoleGrants =>
        [.. Deployment.OfType(RoleAssignmentsType).Select(r =>
        {
            var marker = "/providers/" + RoleAssignmentsType + "/";
            var scope = r.Id[..r.Id.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase)];
            var definition = r.Properties["roleDefinitionId"]!.GetValue<string>();
            return new RoleGrant(scope, definition, definition[(definition.LastIndexOf('/') + 1)..], r.Properties["principalId"]!.ToString(), r.Properties["principalType"]?.GetValue<string>());
        })];

    public IReadOnlyList<RoleGrant> GrantsTo(string principal) => [.. RoleGrants.Where(g => g.PrincipalId == principal)];

    /// <summary>True when <paramref name="principal"/> holds one of <paramref name="roleNames"/> on <paramref name="resourceId"/> or a parent.</summary>
    public bool Grants(string principal, string resourceId, params string[] roleNames) =>
        GrantsTo(principal).Any(g => roleNames.Contains(g.RoleName) && g.Covers(resourceId));

    /// <summary>The storage account a "runtime(account).properties.primaryEndpoints.service" value points at, or null.</summary>
    public static string? AccountOfEndpoint(string? value, string service)
    {
        var match = value is null ? Match.Empty : Endpoint().Match(value);
        return match.Success && match.Groups["service"].Value == service ? match.Groups["account"].Value : null;
    }

    /// <summary>A container, queue or table's id in an account, as ARM names it.</summary>
    public static string ChildId(string accountId, string type, string name)
    {
        var service = type switch
        {
            ContainersType => "blobServices",
            QueuesType => "queueServices",
            TablesType => "tableServices",
            _ => throw new ArgumentException(type, nameof(type)),
        };
        return $"{accountId}/{service}/default/{type[(type.LastIndexOf('/') + 1)..]}/{name}";
    }

    [GeneratedRegex(@"^runtime\((?<account>/subscriptions/[^)]+/providers/Microsoft\.Storage/storageAccounts/[^/)]+)\)\.properties\.primaryEndpoints\.(?<service>blob|queue|table)$")]
    private static partial Regex Endpoint();
}
