using System.Reflection;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using FunctionAttribute = Microsoft.Azure.Functions.Worker.FunctionAttribute;
using Reporting.LocalHost;
using Reporting.LocalHost.Metadata;
using Reporting.LocalHost.Triggers;

namespace Reporting.Functions.Tests;

/// <summary>functions.metadata is the contract with the Functions host; the worker's container must build every function.</summary>
public sealed class MetadataTests
{
    private static readonly IReadOnlyList<FunctionDefinition> Functions = FunctionsMetadata.Load(
        Path.Combine(Path.GetDirectoryName(typeof(ReportingServices).Assembly.Location)!, FunctionsMetadata.FileName));

    private static FunctionDefinition Get(string name) => Functions.Single(f => f.Name == name);

    [Fact]
    public void FunctionsMetadata_WorkerBuild_DeclaresEveryTriggerAsTheHostNeedsIt()
    {
        Assert.Equal(["CreateDownloadLink", "DownloadFunderReport", "DownloadReport", "DownloadTrialReport", "IngestExport", "PublishFunderReports"],
            Functions.Select(f => f.Name).Order(StringComparer.Ordinal));

        var ingest = Get("IngestExport").Trigger;
        Assert.Equal((FunctionsMetadata.QueueTrigger, StorageNames.ExportEventsQueue, AppSettings.TrialDataConnection), (ingest.Type, ingest.QueueName, ingest.Connection));
        var timer = Get("PublishFunderReports").Trigger;
        Assert.Equal((FunctionsMetadata.TimerTrigger, "%FunderReportSchedule%"), (timer.Type, timer.Schedule));

        Assert.Equal(("reports/{trialId}/{siteId}", "Anonymous", "get"), Http("DownloadReport"));
        Assert.Equal(("links", "Function", "post"), Http("CreateDownloadLink"));
        Assert.Equal(("funder-reports/{funderId}/{period}", "Anonymous", "get"), Http("DownloadFunderReport"));
        Assert.Equal(("trial-reports/{trialId}/{runId}", "Anonymous", "get"), Http("DownloadTrialReport"));
    }

    private static (string?, string?, string) Http(string name)
    {
        var t = Get(name).Trigger;
        Assert.Equal(FunctionsMetadata.HttpTrigger, t.Type);
        return (t.Route, t.AuthLevel, string.Join(',', t.Methods));
    }

    [Fact]
    public void FunctionsMetadata_EveryEntryPoint_IsAFunctionMethodOfTheApp()
    {
        var declared = typeof(ReportingServices).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name, m => $"{m.DeclaringType!.FullName}.{m.Name}");

        Assert.Equal(declared.OrderBy(d => d.Key, StringComparer.Ordinal), Functions.ToDictionary(f => f.Name, f => f.EntryPoint).OrderBy(d => d.Key, StringComparer.Ordinal));
        Assert.All(Functions, f => Assert.NotNull(FunctionInvoker.Resolve(f)));
    }

    [Fact]
    public void LocalHost_WebJobsFunctions_CoverEveryNonHttpFunctionOfTheMetadata()
    {
        // A new queue or timer function in the app fails here until the local host drives it too.
        var shims = typeof(WebJobsFunctions).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(m => m.GetCustomAttribute<Microsoft.Azure.WebJobs.FunctionNameAttribute>()?.Name).OfType<string>();

        Assert.Equal(Functions.Where(f => f.Trigger.Type != FunctionsMetadata.HttpTrigger).Select(f => f.Name).Order(StringComparer.Ordinal),
            shims.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WorkerContainer_EveryFunctionClass_IsCreatedFromTheAppsRegistrations()
    {
        using var host = AppFixture.BuildWorkerHost(new Dictionary<string, string?> { [AppSettings.TrialDataConnection] = "UseDevelopmentStorage=true" });

        foreach (var function in Functions)
        {
            var type = FunctionInvoker.Resolve(function).DeclaringType!;
            Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type));
        }
    }

    [Fact]
    public void AddReporting_IdentityBasedConnection_BuildsClientsForTheNamedServiceUris()
    {
        using var host = AppFixture.BuildWorkerHost(new Dictionary<string, string?>
        {
            ["TrialData:blobServiceUri"] = "https://trialdata.blob.core.windows.net",
            ["TrialData:queueServiceUri"] = "https://trialdata.queue.core.windows.net",
            ["TrialData:tableServiceUri"] = "https://trialdata.table.core.windows.net",
            ["TrialData:credential"] = "managedidentity",
            ["TrialData:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal("https://trialdata.blob.core.windows.net/", host.Services.GetRequiredService<BlobServiceClient>().Uri.AbsoluteUri);
        Assert.Equal("https://trialdata.queue.core.windows.net/", host.Services.GetRequiredService<QueueServiceClient>().Uri.AbsoluteUri);
        Assert.Equal("trialdata", host.Services.GetRequiredService<TableServiceClient>().AccountName);
    }

    [Fact]
    public void AddReporting_AccountNameOnly_DerivesTheServiceUris()
    {
        using var host = AppFixture.BuildWorkerHost(new Dictionary<string, string?>
        {
            ["TrialData:accountName"] = "trialdata",
            ["TrialData:credential"] = "managedidentity",
        });

        Assert.Equal("https://trialdata.blob.core.windows.net/", host.Services.GetRequiredService<BlobServiceClient>().Uri.AbsoluteUri);
    }

    [Fact]
    public void HostJson_RepositoryFile_HasTheQueueAndRouteSettingsTheLocalHostMaps()
    {
        var host = HostJson.Load(Path.Combine(TestSupport.RepoPaths.Root, "host.json"));

        Assert.Equal(new HostJson(5, TimeSpan.FromSeconds(30), 4, true, "api"), host);
    }
}
