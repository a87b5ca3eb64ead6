using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reporting.Functions.Storage;
using Reporting.LocalHost.Triggers;
using Reporting.TestSupport;
using IngestExportFunction = Reporting.Functions.IngestExport.IngestExport;

namespace Reporting.Functions.Tests;

/// <summary>
/// Azurite plus the worker's own DI container, built as Program.cs builds it (FunctionsApplication, the ASP.NET Core
/// integration, <see cref="ReportingServices.AddReporting"/>) and never started: there is no Functions host here. Function
/// classes are created as the worker creates them, with <see cref="ActivatorUtilities"/>.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public static readonly byte[] SigningKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public const string BaseUrl = "http://reports.test";

    private IHost? _host;

    public AzuriteFixture Azurite { get; } = new();

    public LogRecorder Logs { get; } = new();

    public IServiceProvider Services => _host!.Services;

    public TrialStore Store => Services.GetRequiredService<TrialStore>();

    public BlobServiceClient Blobs => Services.GetRequiredService<BlobServiceClient>();

    public TableServiceClient Tables => Services.GetRequiredService<TableServiceClient>();

    public QueueServiceClient Queues => Services.GetRequiredService<QueueServiceClient>();

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        _host = BuildWorkerHost(new Dictionary<string, string?>
        {
            [AppSettings.TrialDataConnection] = Azurite.ConnectionString,
            [AppSettings.DownloadLinkSigningKey] = Convert.ToBase64String(SigningKey),
            [AppSettings.PublicBaseUrl] = BaseUrl,
            [AppSettings.FunderReportSchedule] = AppSettings.DefaultFunderReportSchedule,
        }, Logs);
        await Store.EnsureCreatedAsync(Queues, CancellationToken.None);
    }

    /// <summary>The worker's host, configured with <paramref name="settings"/>, as Program.cs builds it.</summary>
    public static IHost BuildWorkerHost(IReadOnlyDictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureFunctionsWebApplication();
        builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null)
        {
            // Every level of every category, so the marker checks see lines the deployed app would filter out too.
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddReporting(builder.Configuration);
        return builder.Build();
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        await Azurite.DisposeAsync();

        // Every test of the collection uploads marked values (SampleTrial): none may have reached a log line.
        var leaked = Planted.In(Logs.Lines);
        if (leaked.Count > 0)
        {
            throw new InvalidOperationException($"{leaked.Count} log lines hold a planted participant value, for example: {leaked[0]}");
        }
    }

    /// <summary>A function class, created the way the worker creates it.</summary>
    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    /// <summary>Uploads to exports/{trialId}/{file}; returns the blob's ETag.</summary>
    public async Task<string> PutExportAsync(string trialId, string fileName, byte[] content)
    {
        var put = await Blobs.GetBlobContainerClient(StorageNames.ExportsContainer).GetBlobClient($"{trialId}/{fileName}")
            .UploadAsync(BinaryData.FromBytes(content), overwrite: true);
        return put.Value.ETag.ToString();
    }

    /// <summary>The queue message Event Grid would write for that upload, as the queue trigger hands it over (decoded).</summary>
    public string EventFor(string trialId, string fileName, string etag, long length)
    {
        var name = $"{trialId}/{fileName}";
        return BlobCreatedEvents.EventGridJson(Blobs.AccountName, Blobs.GetBlobContainerClient(StorageNames.ExportsContainer).GetBlobClient(name).Uri,
            StorageNames.ExportsContainer, name, etag, length, null, DateTimeOffset.UtcNow);
    }

    /// <summary>Uploads and delivers the BlobCreated event to IngestExport, as the host would.</summary>
    public async Task<string> UploadAsync(string trialId, string fileName, byte[] content)
    {
        var etag = await PutExportAsync(trialId, fileName, content);
        await DeliverAsync(EventFor(trialId, fileName, etag, content.Length));
        return etag;
    }

    public Task DeliverAsync(string message) => Function<IngestExportFunction>().RunAsync(message, CancellationToken.None);

    public async Task UploadTrialAsync(string trialId)
    {
        foreach (var (name, content) in SampleTrial.Files(trialId))
        {
            await UploadAsync(trialId, name, content);
        }
    }

    public async Task<LatestRun> LatestAsync(string trialId) =>
        await Store.GetLatestAsync(trialId, CancellationToken.None) ?? throw new InvalidOperationException($"{trialId} has no latest.json");

    public async Task<List<string>> ListAsync(string container, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in Blobs.GetBlobContainerClient(container).GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>Calls an HTTP function with a request built from <paramref name="pathAndQuery"/> and executes its result through
    /// the MVC services the worker's ASP.NET Core integration registers, as the worker does.</summary>
    public async Task<HttpAnswer> HttpAsync(Func<HttpRequest, Task<IActionResult>> function, string method, string pathAndQuery, string? jsonBody = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        using var scope = Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var uri = new Uri(new Uri(BaseUrl), pathAndQuery);
        http.Request.Method = method;
        http.Request.Scheme = uri.Scheme;
        http.Request.Host = new HostString(uri.Authority);
        http.Request.Path = uri.AbsolutePath;
        http.Request.QueryString = new QueryString(uri.Query);
        if (jsonBody is not null)
        {
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(jsonBody));
        }

        var body = new MemoryStream();
        http.Response.Body = body;
        var result = await function(http.Request);
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        return new HttpAnswer(http.Response.StatusCode, body.ToArray(), http.Response.Headers.CacheControl.ToString(), http.Response.ContentType);
    }
}

/// <summary>What an HTTP function answered.</summary>
public sealed record HttpAnswer(int Status, byte[] Body, string CacheControl, string? ContentType)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "App";
}
