using System.Text.Json.Nodes;
using Reporting.Deploy.Tests.Arm;
using Reporting.Functions;

namespace Reporting.Deploy.Tests;

/// <summary>
/// The consistency checks between the evaluated infra/ and what the app declares (AppSettings, StorageNames,
/// functions.metadata). Each returns its problems, so the same check runs on the real infra/ (no problem expected)
/// and on a copy with planted defects (each defect expected to be found).
/// </summary>
internal static class InfraChecks
{
    public const string DeploymentContainer = "app-package";
    public const string HostStorageConnection = "AzureWebJobsStorage";

    private static readonly string[] IdentityServices = ["blob", "queue", "table"];

    /// <summary>Settings the identity-based form of a connection consists of.</summary>
    public static IReadOnlyList<string> IdentitySettings(string connection) =>
        [.. IdentityServices.Select(s => $"{connection}__{s}ServiceUri"), $"{connection}__credential"];

    /// <summary>Every setting AppSettings names, every %Setting% in functions.metadata and every connection a binding uses is set.</summary>
    public static IReadOnlyList<string> MissingAppSettings(InfraModel infra, FunctionsMetadata metadata)
    {
        var settings = infra.AppSettings;
        var problems = new List<string>();
        foreach (var (field, setting) in AppDeclarations.AppSettingNames())
        {
            // A connection is read in its identity-based form: <name>__blobServiceUri and so on.
            var expected = AppDeclarations.IsConnection(field) ? IdentitySettings(setting) : [setting];
            problems.AddRange(expected.Where(name => !settings.ContainsKey(name)).Select(name => $"{name} (AppSettings.{field}) is not set"));
        }

        foreach (var (binding, setting) in metadata.SettingReferences())
        {
            if (!settings.ContainsKey(setting))
            {
                problems.Add($"{setting} is not set, but {binding.Function}'s {binding.Type} reads %{setting}%");
            }
        }

        foreach (var binding in metadata.Bindings.Where(b => b.Property("connection") is not null))
        {
            var connection = binding.Property("connection")!;
            problems.AddRange(IdentitySettings(connection).Where(name => !settings.ContainsKey(name))
                .Select(name => $"{name} is not set, but {binding.Function}'s {binding.Type} uses the connection {connection}"));
        }

        return [.. problems.Distinct()];
    }

    /// <summary>A connection is identity-based: no connection string, the managed identity, the endpoints of the deployed account.</summary>
    public static IReadOnlyList<string> IdentityConnectionProblems(InfraModel infra, string connection)
    {
        var problems = new List<string>();
        if (infra.AppSettings.ContainsKey(connection))
        {
            problems.Add($"{connection} is set as one setting: that is a connection string, with a key");
        }

        if (infra.Setting($"{connection}__credential") != "managedidentity")
        {
            problems.Add($"{connection}__credential is {infra.Setting($"{connection}__credential") ?? "not set"}, not managedidentity");
        }

        foreach (var service in IdentityServices)
        {
            var value = infra.Setting($"{connection}__{service}ServiceUri");
            if (InfraModel.AccountOfEndpoint(value, service) != infra.StorageAccount.Id)
            {
                problems.Add($"{connection}__{service}ServiceUri is {value ?? "not set"}, not the {service} endpoint of {infra.StorageAccount.Name}");
            }
        }

        return problems;
    }

    /// <summary>The account creates exactly the containers, queues or tables the app uses (plus the deployment container).</summary>
    public static IReadOnlyList<string> StorageNameProblems(InfraModel infra, string kind)
    {
        var type = kind switch
        {
            "Container" => InfraModel.ContainersType,
            "Queue" => InfraModel.QueuesType,
            "Table" => InfraModel.TablesType,
            _ => throw new ArgumentException(kind, nameof(kind)),
        };
        var created = infra.Created(type);
        var used = AppDeclarations.StorageNamesOf(kind);
        var problems = new List<string>();
        if (used.Count == 0)
        {
            problems.Add($"StorageNames lists no {kind.ToLowerInvariant()}: the reflection found nothing to check");
        }

        problems.AddRange(used.Except(created.Select(r => r.LastName), StringComparer.Ordinal)
            .Select(name => $"{kind.ToLowerInvariant()} {name} is used by the app (StorageNames) but not created"));
        var allowedExtra = kind == "Container" ? new[] { DeploymentContainer } : [];
        problems.AddRange(created.Select(r => r.LastName).Except(used.Concat(allowedExtra), StringComparer.Ordinal)
            .Select(name => $"{kind.ToLowerInvariant()} {name} is created but the app does not use it"));
        problems.AddRange(created.Where(r => r.Id != InfraModel.ChildId(infra.StorageAccount.Id, type, r.LastName))
            .Select(r => $"{kind.ToLowerInvariant()} {r.Name} is not in the trial data account"));
        return problems;
    }

    /// <summary>Every queue trigger in functions.metadata listens on a created queue, through an identity connection, with a poison queue.</summary>
    public static IReadOnlyList<string> QueueTriggerProblems(InfraModel infra, FunctionsMetadata metadata)
    {
        var problems = new List<string>();
        var triggers = metadata.Bindings.Where(b => b.Type == "queueTrigger").ToList();
        if (triggers.Count == 0)
        {
            problems.Add("functions.metadata has no queueTrigger: IngestExport is expected to have one");
        }

        foreach (var trigger in triggers)
        {
            var connection = trigger.Property("connection") ?? "AzureWebJobsStorage";
            var queue = trigger.Property("queueName")!;
            var account = InfraModel.AccountOfEndpoint(infra.Setting($"{connection}__queueServiceUri"), "queue");
            if (account is null)
            {
                problems.Add($"{trigger.Function}: the connection {connection} has no identity-based queue endpoint");
                continue;
            }

            foreach (var (name, why) in new[] { (queue, "the trigger's queue"), (queue + "-poison", "where the host moves a message that keeps failing") })
            {
                var id = InfraModel.ChildId(account, InfraModel.QueuesType, name);
                if (infra.Deployment.ById(id) is null)
                {
                    problems.Add($"{trigger.Function}: queue {name} ({why}) is not created");
                }
                else if (!infra.Grants(infra.AppPrincipal, id, "Storage Queue Data Contributor"))
                {
                    problems.Add($"{trigger.Function}: the app's identity cannot read and delete messages on {name}");
                }
            }
        }

        return problems;
    }

    /// <summary>Event Grid delivers BlobCreated for exports/ to IngestExport's queue, as the event schema the function parses.</summary>
    public static IReadOnlyList<string> EventGridProblems(InfraModel infra, FunctionsMetadata metadata)
    {
        var problems = new List<string>();
        var trigger = metadata["IngestExport"].Trigger;
        var queue = trigger.Property("queueName");
        var account = InfraModel.AccountOfEndpoint(infra.Setting($"{trigger.Property("connection")}__queueServiceUri"), "queue");
        var queueId = account is null || queue is null ? null : InfraModel.ChildId(account, InfraModel.QueuesType, queue);

        var topic = infra.SystemTopic;
        Expect(problems, "system topic source", topic.Properties["source"], account);
        Expect(problems, "system topic type", topic.Properties["topicType"], "Microsoft.Storage.StorageAccounts");
        Expect(problems, "system topic identity", topic.Body["identity"]?["type"], "SystemAssigned");

        var subscriptions = infra.EventSubscriptions.Where(s => s.Name.StartsWith(topic.Name + "/", StringComparison.Ordinal)).ToList();
        if (subscriptions.Count != 1)
        {
            problems.Add($"the system topic has {subscriptions.Count} event subscriptions, not one");
            return problems;
        }

        var subscription = subscriptions[0].Properties;
        var filter = subscription["filter"];
        Expect(problems, "event types", filter?["includedEventTypes"]?.ToJsonString(), "[\"Microsoft.Storage.BlobCreated\"]");
        Expect(problems, "subject filter", filter?["subjectBeginsWith"], $"/blobServices/default/containers/{StorageNames.ExportsContainer}/");
        // IngestExport parses the message with EventGridEvent.Parse: the Event Grid schema, not CloudEvents.
        Expect(problems, "delivery schema", subscription["eventDeliverySchema"], "EventGridSchema");

        var delivery = subscription["deliveryWithResourceIdentity"];
        Expect(problems, "delivery identity", delivery?["identity"]?["type"], "SystemAssigned");
        Expect(problems, "destination type", delivery?["destination"]?["endpointType"], "StorageQueue");
        Expect(problems, "destination account", delivery?["destination"]?["properties"]?["resourceId"], account);
        Expect(problems, "destination queue (IngestExport's queueName)", delivery?["destination"]?["properties"]?["queueName"], queue);

        var sender = infra.Deployment.OfType("Microsoft.Authorization/roleAssignments")
            .FirstOrDefault(r => r.Properties["principalId"]?.ToString() == infra.TopicPrincipal);
        if (queueId is null || !infra.Grants(infra.TopicPrincipal, queueId, "Storage Queue Data Message Sender") || sender is null)
        {
            problems.Add($"the topic's identity may not add messages to {queue}");
        }
        else if (subscriptions[0].Body["dependsOn"]?.AsArray().Any(d => d?.ToString() == sender.Id) != true)
        {
            problems.Add("the event subscription does not wait for the topic's role assignment: its first deliveries could be refused");
        }

        return problems;
    }

    /// <summary>
    /// The app's identity holds every data role it needs and nothing more; the Event Grid topic may only send to the
    /// export queue; nobody else is granted anything; every role id is a documented built-in role.
    /// </summary>
    public static IReadOnlyList<string> RoleProblems(InfraModel infra)
    {
        var problems = new List<string>();
        var account = infra.StorageAccount.Id;
        var hostAccount = InfraModel.AccountOfEndpoint(infra.Setting($"{HostStorageConnection}__blobServiceUri"), "blob") ?? "(host storage not identity-based)";
        var deployment = infra.Site.Properties["functionAppConfig"]?["deployment"]?["storage"]?["value"]?.ToString();
        var deploymentContainer = deployment == RuntimeValue.Text(account, "properties.primaryEndpoints.blob") + DeploymentContainer
            ? InfraModel.ChildId(account, InfraModel.ContainersType, DeploymentContainer)
            : "(deployment storage not the app-package container)";

        (string Why, string Resource, string[] Roles)[] needed =
        [
            // Connecting to host storage with an identity: the host needs Blob Data Owner (leases, keys, timer monitor).
            ("host storage (AzureWebJobsStorage)", hostAccount, ["Storage Blob Data Owner"]),
            ("the worker's blobs", InfraModel.ChildId(account, InfraModel.ContainersType, StorageNames.ExportsContainer), ["Storage Blob Data Owner", "Storage Blob Data Contributor"]),
            ("the worker's queues and the queue trigger", InfraModel.ChildId(account, InfraModel.QueuesType, StorageNames.ExportEventsQueue), ["Storage Queue Data Contributor"]),
            ("the worker's tables", InfraModel.ChildId(account, InfraModel.TablesType, StorageNames.RunsTable), ["Storage Table Data Contributor"]),
            ("the deployment package", deploymentContainer, ["Storage Blob Data Owner", "Storage Blob Data Contributor"]),
            ("the Key Vault reference of the signing key", infra.Vault.Id, ["Key Vault Secrets User"]),
            ("telemetry with Microsoft Entra authentication", infra.AppInsights.Id, ["Monitoring Metrics Publisher"]),
        ];
        foreach (var (why, resource, roles) in needed)
        {
            if (!infra.Grants(infra.AppPrincipal, resource, roles))
            {
                problems.Add($"the app's identity lacks {string.Join(" or ", roles)} on {resource}, needed for {why}");
            }
        }

        foreach (var grant in infra.GrantsTo(infra.AppPrincipal))
        {
            if (!needed.Any(n => n.Roles.Contains(grant.RoleName) && grant.Covers(n.Resource)))
            {
                problems.Add($"the app's identity is granted {grant.RoleName} on {grant.Scope}, which nothing needs");
            }
        }

        var topicGrants = infra.GrantsTo(infra.TopicPrincipal);
        var exportQueue = InfraModel.ChildId(account, InfraModel.QueuesType, StorageNames.ExportEventsQueue);
        if (topicGrants.Count != 1 || topicGrants[0].RoleName != "Storage Queue Data Message Sender" || topicGrants[0].Scope != exportQueue)
        {
            problems.Add($"the Event Grid topic's grants are [{string.Join("; ", topicGrants.Select(g => $"{g.RoleName} on {g.Scope}"))}], not Message Sender on {exportQueue} only");
        }

        foreach (var grant in infra.RoleGrants)
        {
            if (grant.PrincipalId != infra.AppPrincipal && grant.PrincipalId != infra.TopicPrincipal)
            {
                problems.Add($"{grant.RoleName} on {grant.Scope} is granted to {grant.PrincipalId}, neither the app nor the topic");
            }

            if (grant.PrincipalType != "ServicePrincipal")
            {
                problems.Add($"{grant.RoleName} on {grant.Scope}: principalType {grant.PrincipalType ?? "missing"}, not ServicePrincipal");
            }

            if (!BuiltInRoles.ById.ContainsKey(grant.RoleId)
                || grant.RoleDefinitionId != infra.Deployment.Environment.SubscriptionResourceId("Microsoft.Authorization/roleDefinitions", grant.RoleId))
            {
                problems.Add($"role definition {grant.RoleDefinitionId} is not a known built-in role");
            }
        }

        return problems;
    }

    private static void Expect(List<string> problems, string what, JsonNode? actual, string? expected) =>
        Expect(problems, what, actual?.ToString(), expected);

    private static void Expect(List<string> problems, string what, string? actual, string? expected)
    {
        if (actual != expected)
        {
            problems.Add($"{what} is {actual ?? "missing"}, expected {expected ?? "(unknown)"}");
        }
    }
}
