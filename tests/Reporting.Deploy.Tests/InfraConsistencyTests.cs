using System.Text.Json;
using System.Text.RegularExpressions;
using Reporting.Functions;

namespace Reporting.Deploy.Tests;

/// <summary>
/// Holds infra/ (read as text) against what the handler and the function.json files say they need, so a
/// setting, container, queue or table the code uses cannot go missing from the deployment unnoticed.
/// </summary>
public class InfraConsistencyTests
{
    private static readonly BicepFile Main = BicepFile.Infra("main.bicep");
    private static readonly BicepFile Storage = BicepFile.Infra("modules/storage.bicep");
    private static readonly BicepFile FunctionApp = BicepFile.Infra("modules/functionapp.bicep");
    private static readonly BicepFile Roles = BicepFile.Infra("modules/roles.bicep");
    private static readonly BicepFile EventGrid = BicepFile.Infra("modules/eventgrid.bicep");
    private static readonly BicepFile KeyVault = BicepFile.Infra("modules/keyvault.bicep");

    private static readonly string[] IdentityConnectionSuffixes =
        ["__blobServiceUri", "__queueServiceUri", "__tableServiceUri", "__credential"];

    [Fact]
    public void AppSettings_EverySettingTheHandlerReads_IsSetInInfra()
    {
        var settings = FunctionApp.AppSettings();
        var declared = HandlerDeclarations.AppSettingNames();
        Assert.NotEmpty(declared);

        var missing = new List<string>();
        foreach (var (field, setting) in declared)
        {
            // A connection is read through its identity-based form: <name>__blobServiceUri and so on.
            string[] expected = HandlerDeclarations.IsConnection(field)
                ? [.. IdentityConnectionSuffixes.Select(suffix => setting + suffix)]
                : [setting];
            missing.AddRange(expected.Where(name => !settings.ContainsKey(name)).Select(name => $"{name} (AppSettings.{field})"));
        }

        Assert.True(missing.Count == 0, $"Not set in infra/modules/functionapp.bicep: {string.Join(", ", missing)}");
    }

    [Fact]
    public void AppSettings_TrialDataConnection_UsesManagedIdentityAndServiceEndpoints()
    {
        var settings = FunctionApp.AppSettings();
        var prefix = AppSettings.TrialDataConnection;

        Assert.Equal("'managedidentity'", settings[prefix + "__credential"]);
        Assert.Equal("storage.properties.primaryEndpoints.blob", settings[prefix + "__blobServiceUri"]);
        Assert.Equal("storage.properties.primaryEndpoints.queue", settings[prefix + "__queueServiceUri"]);
        Assert.Equal("storage.properties.primaryEndpoints.table", settings[prefix + "__tableServiceUri"]);
        Assert.False(settings.ContainsKey(prefix), "A plain TrialData setting would be a connection string.");
    }

    [Fact]
    public void AppSettings_HostStorage_IsIdentityBased()
    {
        var settings = FunctionApp.AppSettings();

        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "AzureWebJobsStorage as one setting is a connection string.");
        Assert.Equal("'managedidentity'", settings["AzureWebJobsStorage__credential"]);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Equal($"storage.properties.primaryEndpoints.{service}", settings[$"AzureWebJobsStorage__{service}ServiceUri"]);
        }
    }

    [Fact]
    public void AppSettings_HostRuntime_IsFunctionsV4CustomHandler()
    {
        var settings = FunctionApp.AppSettings();

        Assert.Equal("'~4'", settings["FUNCTIONS_EXTENSION_VERSION"]);
        // Flex Consumption takes the worker runtime from functionAppConfig.runtime and refuses the app setting.
        Assert.False(settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"));
        var runtime = FunctionApp.BlockAfter(@"\bruntime\s*:") ?? throw new InvalidOperationException("functionAppConfig.runtime missing");
        var properties = BicepFile.TopLevelProperties(runtime);
        Assert.Equal("'custom'", properties["name"]);
        Assert.Matches(@"sku\s*:\s*\{[^}]*tier\s*:\s*'FlexConsumption'", FunctionApp.Code);
    }

    [Fact]
    public void AppSettings_ApplicationInsights_IsAReferenceNotALiteral()
    {
        var settings = FunctionApp.AppSettings();

        Assert.Equal("appInsights.properties.ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal("'Authorization=AAD'", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void AppSettings_DownloadLinkSigningKey_IsAKeyVaultReference()
    {
        var value = FunctionApp.AppSettings()[AppSettings.DownloadLinkSigningKey];

        Assert.Equal("'@Microsoft.KeyVault(SecretUri=${signingKeySecretUri})'", value);
        Assert.Equal("keyVault.outputs.signingKeySecretUri", Main.ModuleParams("modules/functionapp.bicep")["signingKeySecretUri"]);
        Assert.Contains("enableRbacAuthorization: true", KeyVault.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_FunderReportSchedule_ComesFromAParameterWithTheHandlersDefault()
    {
        Assert.Equal("funderReportSchedule", FunctionApp.AppSettings()[AppSettings.FunderReportSchedule]);
        Assert.Equal("funderReportSchedule", Main.ModuleParams("modules/functionapp.bicep")["funderReportSchedule"]);
        var declaration = Regex.Match(Main.Code, @"^param\s+funderReportSchedule\s+string\s*=\s*'(?<default>[^']*)'", RegexOptions.Multiline);
        Assert.True(declaration.Success, "main.bicep must declare param funderReportSchedule with a default.");
        Assert.Equal(AppSettings.DefaultFunderReportSchedule, declaration.Groups["default"].Value);

        // The timer reads the schedule from that setting, not from a literal in function.json.
        var binding = TriggerBinding("PublishFunderReports");
        Assert.Equal($"%{AppSettings.FunderReportSchedule}%", binding.GetProperty("schedule").GetString());
    }

    [Theory]
    [InlineData("Container", "containerNames", "blobServices/containers")] // blob containers of docs/architecture.md
    [InlineData("Queue", "queueNames", "queueServices/queues")] // export-events and its poison queue
    [InlineData("Table", "tableNames", "tableServices/tables")] // run index, metrics, receipts, deliveries
    public void StorageNames_EveryNameTheCodeUses_IsCreatedInInfra(string kind, string bicepVariable, string resourceType)
    {
        var created = Storage.StringArrayVariable(bicepVariable);
        var used = HandlerDeclarations.StorageNamesOf(kind);
        Assert.NotEmpty(used);

        var missing = used.Except(created, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{kind} names the code uses but infra/modules/storage.bicep does not create: {string.Join(", ", missing)}");

        // The list is only worth something if a resource loop creates one resource per item.
        Assert.Matches(
            $@"resource\s+\w+\s+'Microsoft\.Storage/storageAccounts/{Regex.Escape(resourceType)}@[^']+'\s*=\s*\[\s*for\s+\w+\s+in\s+{bicepVariable}\s*:",
            Storage.Code);
    }

    [Fact]
    public void StorageAccount_Security_IsTls12NoPublicBlobsNoSharedKey()
    {
        Assert.Contains("minimumTlsVersion: 'TLS1_2'", Storage.Code, StringComparison.Ordinal);
        Assert.Contains("allowBlobPublicAccess: false", Storage.Code, StringComparison.Ordinal);
        Assert.Contains("allowSharedKeyAccess: false", Storage.Code, StringComparison.Ordinal);
        Assert.Contains("supportsHttpsTrafficOnly: true", Storage.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void EventGrid_Subscription_DeliversBlobCreatedForExportsToIngestExportsQueue()
    {
        var trigger = TriggerBinding("IngestExport");
        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(AppSettings.TrialDataConnection, trigger.GetProperty("connection").GetString());
        var triggerQueue = trigger.GetProperty("queueName").GetString();

        var passed = Main.ModuleParams("modules/eventgrid.bicep");
        Assert.Equal($"'{triggerQueue}'", passed["queueName"]);
        Assert.Equal($"'{StorageNames.ExportsContainer}'", passed["containerName"]);
        Assert.Equal("storage.outputs.name", passed["storageAccountName"]);

        var destination = EventGrid.BlockAfter(@"\bdestination\s*:") ?? throw new InvalidOperationException("no destination");
        var destinationProperties = BicepFile.TopLevelProperties(destination);
        Assert.Equal("'StorageQueue'", destinationProperties["endpointType"]);
        var queueProperties = BicepFile.TopLevelProperties(BicepFile.FromText("destination", destination).BlockAfter(@"\bproperties\s*:")!);
        Assert.Equal("queueName", queueProperties["queueName"]);
        Assert.Equal("storage.id", queueProperties["resourceId"]);

        var filter = EventGrid.BlockAfter(@"\bfilter\s*:") ?? throw new InvalidOperationException("no filter");
        Assert.Contains("'Microsoft.Storage.BlobCreated'", filter, StringComparison.Ordinal);
        Assert.Contains("subjectBeginsWith: '/blobServices/default/containers/${containerName}/'", filter, StringComparison.Ordinal);
        Assert.Contains("topicType: 'Microsoft.Storage.StorageAccounts'", EventGrid.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Bicep_Files_HoldNoConnectionStringKeyOrSecretLiteral()
    {
        string[] forbidden =
        [
            "AccountKey=", "DefaultEndpointsProtocol", "SharedAccessSignature", "SharedAccessKey", "InstrumentationKey",
            "listKeys(", "listkeys(", ".listKeys", "listAccountSas", "listServiceSas", "primaryKey", "secondaryKey",
        ];
        var findings = new List<string>();
        var files = BicepFile.LoadAll().Append(BicepFile.Infra("main.bicepparam")).ToList();
        Assert.True(files.Count >= 7, "infra/ lost its modules?");
        foreach (var file in files)
        {
            findings.AddRange(forbidden.Where(f => file.Code.Contains(f, StringComparison.OrdinalIgnoreCase)).Select(f => $"{file.Name}: {f}"));
            // A long base64 run mixing digits and both cases is what a pasted key or SAS signature looks like.
            findings.AddRange(Regex.Matches(file.Code, @"[A-Za-z0-9+/]{32,}={0,2}")
                .Where(m => m.Value.Count(char.IsAsciiDigit) >= 3 && m.Value.Any(char.IsAsciiLetterUpper) && m.Value.Any(char.IsAsciiLetterLower))
                .Select(m => $"{file.Name}: base64-like literal {m.Value[..8]}..."));
            // A secure parameter may only default to empty: a default would be a secret in the file.
            findings.AddRange(Regex.Matches(file.Code, @"@secure\(\)\s*(?:@\w+\([^)]*\)\s*)*param\s+(?<name>\w+)\s+string\s*=\s*'(?<value>[^']+)'")
                .Select(m => $"{file.Name}: secure param {m.Groups["name"].Value} has a default"));
        }

        var parameters = BicepFile.Infra("main.bicepparam");
        var signingKey = Regex.Match(parameters.Code, @"^param\s+downloadLinkSigningKey\s*=\s*(?<value>.+)$", RegexOptions.Multiline);
        if (signingKey.Success && !signingKey.Groups["value"].Value.StartsWith("readEnvironmentVariable(", StringComparison.Ordinal))
        {
            findings.Add("main.bicepparam: downloadLinkSigningKey must come from the environment, not the file");
        }

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    [Fact]
    public void RoleAssignments_RoleIds_AreDocumentedBuiltInRolesUnderTheirOwnNames()
    {
        var problems = new List<string>();
        var guidCount = 0;
        foreach (var file in BicepFile.LoadAll())
        {
            // Loose on purpose: an id with a digit too many or too few is still caught and reported.
            foreach (Match guid in Regex.Matches(file.Code, @"\b[0-9a-fA-F]{6,10}-[0-9a-fA-F]{3,5}-[0-9a-fA-F]{3,5}-[0-9a-fA-F]{3,5}-[0-9a-fA-F]{8,16}\b"))
            {
                guidCount++;
                if (!BuiltInRoles.ById.ContainsKey(guid.Value))
                {
                    problems.Add($"{file.Name}: {guid.Value} is not a known built-in role id");
                }
            }

            // var storageBlobDataOwner = '<id>' must name the role the id is.
            foreach (Match variable in Regex.Matches(file.Code, @"^\s*var\s+(?<name>\w+)\s*=\s*'(?<id>[0-9a-fA-F-]{30,42})'", RegexOptions.Multiline))
            {
                if (BuiltInRoles.ById.TryGetValue(variable.Groups["id"].Value, out var role)
                    && !string.Equals(role.Replace(" ", "", StringComparison.Ordinal), variable.Groups["name"].Value, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{file.Name}: var {variable.Groups["name"].Value} holds the id of {role}");
                }
            }
        }

        Assert.True(guidCount > 0, "No role ids found: did the role assignments move?");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void RoleAssignments_FunctionAppIdentity_GetsHostDataKeyVaultAndTelemetryRoles()
    {
        // The host with identity-based AzureWebJobsStorage needs Blob Data Owner; the queue trigger and the
        // handler need queue and table data access on the same account.
        var storageRoles = Regex.Matches(Roles.BlockAfter(@"^\s*var\s+storageRoles\s*=") ?? "", @"\w+").Select(m => m.Value).ToArray();
        Assert.Equal(["storageBlobDataOwner", "storageQueueDataContributor", "storageTableDataContributor"], storageRoles);
        Assert.Matches(@"roleAssignments@[^']+'\s*=\s*\[\s*for\s+roleId\s+in\s+storageRoles\s*:\s*\{[^}]*scope\s*:\s*storage\s", Roles.Code);

        foreach (var role in new[] { "Storage Blob Data Owner", "Storage Queue Data Contributor", "Storage Table Data Contributor", "Key Vault Secrets User", "Monitoring Metrics Publisher" })
        {
            Assert.Contains($"'{BuiltInRoles.IdOf(role)}'", Roles.Code, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("functionApp.outputs.principalId", Main.ModuleParams("modules/roles.bicep")["principalId"]);
        Assert.Matches(@"output\s+principalId\s+string\s*=\s*app\.identity\.principalId", FunctionApp.Code);
        Assert.Contains("type: 'SystemAssigned'", FunctionApp.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleAssignments_Principals_AreTheAppOrTheEventGridTopicOnly()
    {
        // Nobody else (no deploying user, no trial team) is granted anything by the template: docs/deploy.md
        // says how to grant a trial team upload rights on the exports container.
        var principals = BicepFile.LoadAll()
            .SelectMany(f => Regex.Matches(f.Code, @"^\s*principalId\s*:\s*(?<value>.+?)\s*$", RegexOptions.Multiline).Select(m => $"{f.Name}: {m.Groups["value"].Value}"))
            .ToList();

        Assert.NotEmpty(principals);
        Assert.All(principals, p => Assert.Contains(p, new[]
        {
            "roles.bicep: principalId",
            "eventgrid.bicep: systemTopic.identity.principalId",
            "main.bicep: functionApp.outputs.principalId",
        }));
        Assert.DoesNotMatch(@"^\s*param\s+\w*[Pp]rincipalIds?\s+(string|array)", Main.Code);
    }

    [Fact]
    public void MainTemplate_ParametersAndOutputs_AreThoseTheDocsName()
    {
        foreach (var parameter in new[] { "namePrefix", "location", "funderReportSchedule", "downloadLinkSigningKey" })
        {
            Assert.Matches($@"(?m)^param\s+{parameter}\s", Main.Code);
        }

        Assert.Matches(@"(?m)^output\s+appUrl\s+string\s*=\s*'https://\$\{functionApp\.outputs\.defaultHostName\}'", Main.Code);
        Assert.Matches(@"(?m)^output\s+storageAccountName\s+string\s*=", Main.Code);
        Assert.Matches(@"(?m)^output\s+functionAppName\s+string\s*=", Main.Code);
    }

    [Fact]
    public void MainTemplate_Modules_AllExist()
    {
        var modules = Regex.Matches(Main.Code, @"^\s*module\s+\w+\s+'(?<path>[^']+)'", RegexOptions.Multiline).Select(m => m.Groups["path"].Value).ToList();

        Assert.Equal(6, modules.Count);
        Assert.All(modules, path => Assert.True(File.Exists(Path.Combine(RepoPaths.Infra, path)), $"{path} is missing"));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Infra, "main.bicepparam")));
        Assert.StartsWith("using 'main.bicep'", File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.bicepparam")), StringComparison.Ordinal);
    }

    private static JsonElement TriggerBinding(string function)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.FunctionsProject, function, "function.json")));
        return document.RootElement.GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("direction").GetString() == "in" && b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal))
            .Clone();
    }
}
