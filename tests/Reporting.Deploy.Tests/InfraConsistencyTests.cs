using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reporting.Deploy.Tests.Arm;
using Reporting.Functions;
using Reporting.Functions.Links;

namespace Reporting.Deploy.Tests;

/// <summary>
/// Holds the compiled ARM JSON of infra/, deployed on paper with the parameter file, against what the app declares
/// (AppSettings, StorageNames) and what the worker's build tells the host (functions.metadata, worker.config.json),
/// so a setting, container, queue, table or role the app needs cannot go missing from the deployment unnoticed.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public partial class InfraConsistencyTests(CompiledInfraFixture infra)
{
    private static readonly FunctionsMetadata Metadata = FunctionsMetadata.FromBuild();

    private InfraModel Model => infra.Model;

    [Fact]
    public void AppSettings_EverySettingTheAppAndItsBindingsRead_IsSet()
    {
        Assert.NotEmpty(AppDeclarations.AppSettingNames());
        var missing = InfraChecks.MissingAppSettings(Model, Metadata);

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Theory]
    [InlineData(AppSettings.TrialDataConnection)] // the worker's storage clients and IngestExport's queue trigger
    [InlineData(InfraChecks.HostStorageConnection)] // the host's own storage: keys, timer schedule monitor, trigger leases
    public void AppSettings_Connection_IsIdentityBasedOnTheTrialDataAccount(string connection)
    {
        var problems = InfraChecks.IdentityConnectionProblems(Model, connection);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void AppSettings_Values_AreStringsWithNoKeyOrConnectionString()
    {
        Assert.All(Model.AppSettings, setting =>
        {
            // ARM takes app settings as strings only; a number would fail the deployment.
            Assert.True(setting.Value is JsonValue value && value.TryGetValue<string>(out _), $"{setting.Key} is not a string");
            Assert.DoesNotMatch("(?i)AccountKey=|SharedAccessSignature=|SharedAccessKey=|InstrumentationKey=|DefaultEndpointsProtocol=", setting.Value!.ToString());
        });
    }

    [Fact]
    public void FunctionApp_Runtime_IsTheWorkersDotnetIsolatedOnFlexConsumption()
    {
        var site = Model.Site;
        var runtime = site.Properties["functionAppConfig"]?["runtime"];

        // The runtime the worker was built for: worker.config.json names the language, the runtimeconfig the .NET version.
        using var workerConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.FunctionsBuildOutput, "worker.config.json")));
        Assert.Equal(workerConfig.RootElement.GetProperty("description").GetProperty("language").GetString(), runtime?["name"]?.ToString());
        Assert.Equal("dotnet-isolated", runtime?["name"]?.ToString());
        Assert.Equal(WorkerDotnetVersion(), runtime?["version"]?.ToString());
        Assert.Equal("10.0", runtime?["version"]?.ToString());

        Assert.Equal("FlexConsumption", Model.Plan.Body["sku"]?["tier"]?.ToString());
        Assert.Equal("FC1", Model.Plan.Body["sku"]?["name"]?.ToString());
        Assert.Equal(true, Model.Plan.Properties["reserved"]?.GetValue<bool>());
        Assert.Equal("functionapp,linux", site.Body["kind"]?.ToString());
        Assert.Equal(Model.Plan.Id, site.Properties["serverFarmId"]?.ToString());

        // Flex Consumption takes the runtime from functionAppConfig only; these settings belong to the other plans.
        foreach (var setting in new[] { "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_WORKER_RUNTIME_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING" })
        {
            Assert.False(Model.AppSettings.ContainsKey(setting), $"{setting} is set; Flex Consumption does not use it");
        }

        Assert.Null(site.Properties["siteConfig"]?["linuxFxVersion"]);
        Assert.Null(site.Properties["siteConfig"]?["netFrameworkVersion"]);
    }

    [Fact]
    public void FunctionApp_Site_HasASystemIdentityAndHttpsOnly()
    {
        var site = Model.Site;

        Assert.Equal("SystemAssigned", site.Body["identity"]?["type"]?.ToString());
        Assert.Equal(true, site.Properties["httpsOnly"]?.GetValue<bool>());
        Assert.Equal("1.2", site.Properties["siteConfig"]?["minTlsVersion"]?.ToString());
        Assert.Equal("Disabled", site.Properties["siteConfig"]?["ftpsState"]?.ToString());
    }

    [Fact]
    public void FunctionApp_DeploymentStorage_IsTheAppPackageContainerReadWithTheAppsIdentity()
    {
        var storage = Model.Site.Properties["functionAppConfig"]?["deployment"]?["storage"];
        var account = Model.StorageAccount;

        Assert.Equal("blobContainer", storage?["type"]?.ToString());
        Assert.Equal(RuntimeValue.Text(account.Id, "properties.primaryEndpoints.blob") + InfraChecks.DeploymentContainer, storage?["value"]?.ToString());
        Assert.Equal("SystemAssignedIdentity", storage?["authentication"]?["type"]?.ToString());
        var container = InfraModel.ChildId(account.Id, InfraModel.ContainersType, InfraChecks.DeploymentContainer);
        Assert.NotNull(Model.Deployment.ById(container));
        Assert.True(Model.Grants(Model.AppPrincipal, container, "Storage Blob Data Owner", "Storage Blob Data Contributor"));
    }

    [Fact]
    public void FunctionApp_ScaleLimits_ComeFromTheParameters()
    {
        var defaults = Model.Site.Properties["functionAppConfig"]?["scaleAndConcurrency"];
        var raised = new InfraModel(infra.Deploy(new Dictionary<string, object?> { ["maximumInstanceCount"] = 100L, ["instanceMemoryMB"] = 4096L }))
            .Site.Properties["functionAppConfig"]?["scaleAndConcurrency"];

        // Defaults: Flex's minimum instance ceiling (a cap on cost) and its 2 GB instance size.
        Assert.Equal(40, defaults?["maximumInstanceCount"]?.GetValue<long>());
        Assert.Equal(2048, defaults?["instanceMemoryMB"]?.GetValue<long>());
        Assert.Equal(100, raised?["maximumInstanceCount"]?.GetValue<long>());
        Assert.Equal(4096, raised?["instanceMemoryMB"]?.GetValue<long>());
    }

    [Fact]
    public void AppSettings_DownloadLinkSigningKey_IsAKeyVaultReferenceToTheDeployedSecret()
    {
        var vault = Model.Vault;
        var secret = Model.Deployment.Single("Microsoft.KeyVault/vaults/secrets");

        Assert.Equal($"{vault.Name}/{AppSettings.DownloadLinkSigningKey}", secret.Name);
        Assert.Equal(CompiledInfraFixture.SigningKeyFromEnvironment, secret.Properties["value"]?.ToString());
        // Versionless: the app follows a rotated key without a redeployment.
        Assert.Equal(
            $"@Microsoft.KeyVault(SecretUri={RuntimeValue.Text(vault.Id, "properties.vaultUri")}secrets/{AppSettings.DownloadLinkSigningKey})",
            Model.Setting(AppSettings.DownloadLinkSigningKey));
        Assert.Equal(true, vault.Properties["enableRbacAuthorization"]?.GetValue<bool>());
        Assert.Equal(true, vault.Properties["enablePurgeProtection"]?.GetValue<bool>());
    }

    [Fact]
    public void KeyVault_SigningKeySecret_IsLeftAloneWhenNoKeyIsGiven()
    {
        // Later deployments pass no key: the secret resource must drop out rather than overwrite the key with "".
        var withoutKey = infra.Deploy(new Dictionary<string, object?> { ["downloadLinkSigningKey"] = "" });

        Assert.Empty(withoutKey.OfType("Microsoft.KeyVault/vaults/secrets"));
        Assert.Single(withoutKey.Resources, r => r.Type == "Microsoft.KeyVault/vaults/secrets" && !r.Deployed);
        Assert.Equal(Model.Setting(AppSettings.DownloadLinkSigningKey), new InfraModel(withoutKey).Setting(AppSettings.DownloadLinkSigningKey));
    }

    [Fact]
    public void AppSettings_FunderReportSchedule_DefaultsToTheAppsDefaultAndFeedsTheTimer()
    {
        var declared = infra.Template.GetProperty("parameters").GetProperty("funderReportSchedule");
        var weekly = new InfraModel(infra.Deploy(new Dictionary<string, object?> { ["funderReportSchedule"] = "0 0 6 * * 1" }));

        Assert.Equal(AppSettings.DefaultFunderReportSchedule, declared.GetProperty("defaultValue").GetString());
        Assert.Equal(AppSettings.DefaultFunderReportSchedule, Model.Setting(AppSettings.FunderReportSchedule));
        Assert.Equal("0 0 6 * * 1", weekly.Setting(AppSettings.FunderReportSchedule));
        // The timer's schedule is that setting, resolved by the host: not a literal in the build.
        var timer = Metadata["PublishFunderReports"].Trigger;
        Assert.Equal("timerTrigger", timer.Type);
        Assert.Equal($"%{AppSettings.FunderReportSchedule}%", timer.Property("schedule"));
    }

    [Fact]
    public void AppSettings_DownloadLinkLifetimeDays_DefaultsToTheAppsDefault()
    {
        var declared = infra.Template.GetProperty("parameters").GetProperty("downloadLinkLifetimeDays");

        Assert.Equal(DownloadLinkOptions.DefaultLifetimeDays, declared.GetProperty("defaultValue").GetInt32());
        Assert.Equal("14", Model.Setting(AppSettings.DownloadLinkLifetimeDays));
    }

    [Fact]
    public void AppSettings_PublicBaseUrl_IsTheAppsOwnHostNameUnlessOneIsGiven()
    {
        var custom = new InfraModel(infra.Deploy(new Dictionary<string, object?> { ["publicBaseUrl"] = "https://reports.example.org" }));

        Assert.Equal($"https://{Model.Site.Name}.azurewebsites.net", Model.Setting(AppSettings.PublicBaseUrl));
        Assert.Equal("https://reports.example.org", custom.Setting(AppSettings.PublicBaseUrl));
    }

    [Fact]
    public void AppSettings_ApplicationInsights_IsTheComponentsConnectionStringWithEntraAuthentication()
    {
        Assert.Equal(RuntimeValue.Text(Model.AppInsights.Id, "properties.ConnectionString"), Model.Setting("APPLICATIONINSIGHTS_CONNECTION_STRING"));
        Assert.Equal("Authorization=AAD", Model.Setting("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        Assert.Equal(true, Model.AppInsights.Properties["DisableLocalAuth"]?.GetValue<bool>());
    }

    [Theory]
    [InlineData("Container")] // exports, archive, validation, reports, funder-reports (and the deployment container)
    [InlineData("Queue")] // export-events and its poison queue
    [InlineData("Table")] // run index, metrics, receipts, deliveries
    public void StorageNames_EveryNameTheAppUses_IsCreatedAndNothingElse(string kind)
    {
        var problems = InfraChecks.StorageNameProblems(Model, kind);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void StorageAccount_Security_IsTls12NoPublicBlobsNoSharedKey()
    {
        var account = Model.StorageAccount.Properties;

        Assert.Equal("TLS1_2", account["minimumTlsVersion"]?.ToString());
        Assert.Equal(false, account["allowBlobPublicAccess"]?.GetValue<bool>());
        Assert.Equal(false, account["allowSharedKeyAccess"]?.GetValue<bool>());
        Assert.Equal(true, account["supportsHttpsTrafficOnly"]?.GetValue<bool>());
        Assert.Equal(true, account["defaultToOAuthAuthentication"]?.GetValue<bool>());
        Assert.All(Model.Created(InfraModel.ContainersType), c => Assert.Equal("None", c.Properties["publicAccess"]?.ToString()));
    }

    [Fact]
    public void QueueTriggers_InFunctionsMetadata_ListenOnCreatedQueuesWithTheirPoisonQueues()
    {
        var problems = InfraChecks.QueueTriggerProblems(Model, Metadata);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EventGrid_Subscription_DeliversBlobCreatedForExportsToIngestExportsQueue()
    {
        var problems = InfraChecks.EventGridProblems(Model, Metadata);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void RoleAssignments_AppAndTopic_GetWhatTheyNeedAndNothingElse()
    {
        Assert.NotEmpty(Model.RoleGrants);
        var problems = InfraChecks.RoleProblems(Model);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void RoleAssignments_Names_AreDistinctGuids()
    {
        var names = Model.Deployment.OfType("Microsoft.Authorization/roleAssignments").Select(r => r.LastName).ToList();

        Assert.All(names, name => Assert.True(Guid.TryParse(name, out _), $"{name} is not a GUID"));
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Template_SecureParameters_AreSecureAndHaveNoSecretDefault()
    {
        foreach (var parameter in infra.Template.GetProperty("parameters").EnumerateObject())
        {
            var type = parameter.Value.GetProperty("type").GetString();
            if (SecretName().IsMatch(parameter.Name))
            {
                Assert.True(type == "securestring", $"{parameter.Name} looks like a secret but is {type}");
            }

            if (type == "securestring" && parameter.Value.TryGetProperty("defaultValue", out var defaultValue))
            {
                Assert.True(defaultValue.GetString() == "", $"secure parameter {parameter.Name} has a default value");
            }
        }
    }

    [Fact]
    public void Template_Strings_ListNoKeysAndHoldNoSecretLiteral()
    {
        string[] forbidden = ["listKeys(", "listAccountSas(", "listServiceSas(", "AccountKey=", "DefaultEndpointsProtocol", "SharedAccessSignature", "SharedAccessKey", "InstrumentationKey"];
        var strings = Strings(infra.Template).ToList();
        Assert.True(strings.Count > 100, "the compiled template has surprisingly few strings");

        var findings = strings.SelectMany(s => forbidden.Where(f => s.Contains(f, StringComparison.OrdinalIgnoreCase)).Select(f => $"{f} in {s}"))
            // A long base64 run mixing digits and both cases is what a pasted key or SAS signature looks like.
            .Concat(strings.SelectMany(s => Base64Run().Matches(s)).Select(m => m.Value)
                .Where(v => v.Count(char.IsAsciiDigit) >= 3 && v.Any(char.IsAsciiLetterUpper) && v.Any(char.IsAsciiLetterLower))
                .Select(v => $"base64-like literal {v[..8]}..."))
            .ToList();

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    [Fact]
    public void ParameterFile_SigningKey_ComesFromTheEnvironment()
    {
        // The fixture ran build-params with DOWNLOAD_LINK_SIGNING_KEY set: the file must pass that value on, not its own.
        Assert.Equal(CompiledInfraFixture.SigningKeyFromEnvironment, infra.FileParameters["downloadLinkSigningKey"]);
        Assert.Equal("enrich", infra.FileParameters["namePrefix"]);
    }

    [Fact]
    public void Outputs_MainTemplate_AreThoseTheDocsName()
    {
        var outputs = Model.Deployment.Outputs;

        Assert.Equal($"https://{RuntimeValue.Text(Model.Site.Id, "properties.defaultHostName")}", outputs["appUrl"]?.ToString());
        Assert.Equal(Model.Site.Name, outputs["functionAppName"]?.ToString());
        Assert.Equal(Model.StorageAccount.Name, outputs["storageAccountName"]?.ToString());
        Assert.Equal(Model.StorageAccount.Id, outputs["storageAccountId"]?.ToString());
        Assert.Equal(Model.Vault.Name, outputs["keyVaultName"]?.ToString());
    }

    [Fact]
    public void ResourceNames_FromTheParameterFile_AreValidAzureNames()
    {
        // Storage accounts: 3-24 lowercase letters and digits; Key Vaults: 3-24 letters, digits and hyphens.
        Assert.Matches("^[a-z0-9]{3,24}$", Model.StorageAccount.Name);
        Assert.Matches("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$", Model.Vault.Name);
        Assert.StartsWith("enrich", Model.Site.Name, StringComparison.Ordinal);
    }

    private static string WorkerDotnetVersion()
    {
        using var runtimeConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.FunctionsBuildOutput, "Reporting.Functions.runtimeconfig.json")));
        var options = runtimeConfig.RootElement.GetProperty("runtimeOptions");
        var frameworks = options.TryGetProperty("frameworks", out var list) ? list.EnumerateArray().ToList() : [options.GetProperty("framework")];
        var version = frameworks.Single(f => f.GetProperty("name").GetString() == "Microsoft.NETCore.App").GetProperty("version").GetString()!;
        return string.Join('.', version.Split('.').Take(2));
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        _ => [],
    };

    [GeneratedRegex("(?i)key|secret|password")]
    private static partial Regex SecretName();

    [GeneratedRegex("[A-Za-z0-9+/]{32,}={0,2}")]
    private static partial Regex Base64Run();
}
