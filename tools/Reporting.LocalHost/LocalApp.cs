using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reporting.Functions;
using Reporting.Functions.Storage;
using Reporting.LocalHost.Azurite;
using Reporting.LocalHost.Http;
using Reporting.LocalHost.Metadata;
using Reporting.LocalHost.Testing;
using Reporting.LocalHost.Triggers;
using Reporting.LocalHost.Watch;

namespace Reporting.LocalHost;

/// <summary>What the local host was asked to do.</summary>
/// <param name="Port">HTTP port on 127.0.0.1; 0 picks a free one.</param>
/// <param name="DataFolder">Azurite's persistent folder (runs, reports, keys survive a restart); null keeps everything in memory.</param>
/// <param name="WatchFolder">A drop folder: files placed in <c>DIR/&lt;trialId&gt;/</c> are uploaded to <c>exports/&lt;trialId&gt;/</c>.</param>
/// <param name="Upload">Upload this folder's exports once everything runs.</param>
/// <param name="Out">Where a run-once invocation copies the reports.</param>
/// <param name="ExitWhenDone">Stop once the uploads are processed and a download link was checked.</param>
/// <param name="VisibilityTimeout">Overrides host.json's queue visibility timeout (the delay before a failed message is retried).</param>
/// <param name="RepoRoot">The repository folder (for the pinned Azurite); null finds it from the working folder.</param>
public sealed record LocalOptions(
    int Port,
    string? DataFolder = null,
    string? WatchFolder = null,
    string? Upload = null,
    string? Out = null,
    bool ExitWhenDone = false,
    TimeSpan? VisibilityTimeout = null,
    string? RepoRoot = null)
{
    /// <summary>Extra app settings, applied last (tests use them for schedules and keys).</summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>Receives every log line as well as the console (tests read them back).</summary>
    public ILoggerProvider? LogSink { get; init; }

    /// <summary>A storage account to use instead of starting Azurite (a connection string, <c>--storage</c>): for example
    /// an Azurite the caller runs itself, which outlives this host. With it, <see cref="DataFolder"/> only keeps the keys.</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>A test seam: adjusts the options of every Azure SDK client of this host (the app's and the listener's), for
    /// example a shorter network timeout behind a fault-injecting proxy. Null keeps the SDK's defaults, as the app does.</summary>
    public Action<ClientOptions>? ConfigureStorageClients { get; init; }
}

/// <summary>
/// The app's functions on this machine, without a Functions host: Azurite for storage, the WebJobs SDK's queue listener
/// and timer scheduler for the queue and timer triggers, ASP.NET Core for the HTTP functions, and a stand-in for Event
/// Grid. The function classes come from the app's own registrations (<see cref="ReportingServices.AddReporting"/>).
/// Development only: it is never deployed.
/// </summary>
public static class LocalApp
{
    /// <summary>The documented default port (the one the Functions tools use).</summary>
    public const int DefaultPort = 7071;

    private const string KeysFile = "local-host-keys.json";

    /// <summary>Runs until Ctrl-C or SIGTERM (or, with <see cref="LocalOptions.ExitWhenDone"/>, until the uploads are done).</summary>
    public static async Task<int> RunAsync(LocalOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        await using var running = await StartAsync(options, output, cancellationToken);
        running.WriteStartupTable();
        if (options.Upload is { } upload)
        {
            var run = new SampleRun(running.Services.GetRequiredService<BlobServiceClient>(), running.Services.GetRequiredService<QueueServiceClient>(),
                running.Services.GetRequiredService<TrialStore>(), running.BaseUrl, running.FunctionKey, output);
            var uploads = await run.UploadAsync(upload, cancellationToken);
            if (options.ExitWhenDone)
            {
                return await run.WaitAndCollectAsync(uploads, options.Out ?? "out", cancellationToken);
            }
        }

        output.WriteLine("Running. Links printed here work while this host runs (and after a restart with --data). Stop with Ctrl-C.");
        await running.WaitForShutdownAsync(cancellationToken);
        output.WriteLine("Stopped.");
        return 0;
    }

    /// <summary>Starts Azurite, the listeners and the HTTP server; the caller stops them by disposing the result.</summary>
    public static async Task<RunningLocalApp> StartAsync(LocalOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var root = options.RepoRoot ?? FindRepoRoot();
        var port = ReservePort(options.Port);
        var functions = new LocalFunctions(FunctionsMetadata.LoadBesideAssembly());
        var hostJson = HostJson.LoadBesideAssembly();
        if (options.VisibilityTimeout is { } visibility)
        {
            hostJson = hostJson with { VisibilityTimeout = visibility };
        }

        var dataFolder = options.DataFolder is null ? null : Path.GetFullPath(options.DataFolder);
        var azurite = options.StorageConnectionString is null
            ? await AzuriteProcess.StartAsync(root, dataFolder is null ? null : Path.Combine(dataFolder, "azurite"), cancellationToken)
            : null;
        var storage = azurite is null
            ? new LocalStorage("given with --storage", options.StorageConnectionString!)
            : new LocalStorage(dataFolder is null ? "Azurite in memory" : "Azurite persisted in " + Path.Combine(dataFolder, "azurite"), azurite.ConnectionString);
        try
        {
            var keys = LoadOrCreateKeys(dataFolder);
            var baseUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
            var app = Build(options, output, functions, hostJson, storage, azurite, keys, baseUrl);
            try
            {
                app.MapHttpFunctions(functions.All, hostJson.RoutePrefix, keys.FunctionKey);
                await app.Services.GetRequiredService<TrialStore>().EnsureCreatedAsync(app.Services.GetRequiredService<QueueServiceClient>(), cancellationToken);
                await app.StartAsync(cancellationToken);
                return new RunningLocalApp(app, azurite, new Uri(baseUrl), keys.FunctionKey, () => StartupTable.Write(output, functions.All, hostJson,
                    baseUrl, storage, keys.FunctionKey, options.WatchFolder, app.Configuration[AppSettings.FunderReportSchedule]!));
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }
        catch
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            throw;
        }
    }

    private static WebApplication Build(LocalOptions options, TextWriter output, LocalFunctions functions, HostJson hostJson, LocalStorage storage,
        AzuriteProcess? azurite, LocalKeys keys, string baseUrl)
    {
        var settings = new Dictionary<string, string?>
        {
            [AppSettings.TrialDataConnection] = storage.ConnectionString,
            // The WebJobs host keeps timer schedule state and its locks here, as the Functions host does in AzureWebJobsStorage.
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            [AppSettings.DownloadLinkSigningKey] = Environment.GetEnvironmentVariable(AppSettings.DownloadLinkSigningKey) ?? keys.SigningKey,
            [AppSettings.FunderReportSchedule] = Environment.GetEnvironmentVariable(AppSettings.FunderReportSchedule) ?? AppSettings.DefaultFunderReportSchedule,
            [AppSettings.PublicBaseUrl] = baseUrl,
            ["Logging:LogLevel:Default"] = "Information",
            // Expected 404s and 412s of the conditional writes are logged by the SDK as warnings; real faults still show as errors.
            ["Logging:LogLevel:Azure.Core"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Logging:LogLevel:Microsoft.Azure.WebJobs.Hosting"] = "Warning",
            ["Logging:LogLevel:Host.Startup"] = "Warning",
            ["Logging:LogLevel:Host.General"] = "Warning",
            ["Logging:LogLevel:Microsoft.Azure.WebJobs.Extensions.Timers"] = "Warning",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        };

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        if (options.Settings is { } overrides)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        if (options.LogSink is { } sink)
        {
            builder.Logging.AddProvider(sink);
        }

        builder.WebHost.UseUrls(baseUrl);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.AddReporting(builder.Configuration);
        AddTestSeams(builder.Services, options, azurite);
        builder.Services.AddMvcCore();
        builder.Services.AddSingleton(functions);
        builder.Services.AddSingleton<FunctionInvoker>();
        builder.Host.ConfigureWebJobs(webJobs =>
        {
            webJobs.AddAzureStorageCoreServices();
            webJobs.AddAzureStorageQueues(queues =>
            {
                queues.MaxDequeueCount = hostJson.MaxDequeueCount;
                queues.VisibilityTimeout = hostJson.VisibilityTimeout;
                queues.BatchSize = hostJson.BatchSize;
                queues.MessageEncoding = hostJson.Base64Messages
                    ? Azure.Storage.Queues.QueueMessageEncoding.Base64
                    : Azure.Storage.Queues.QueueMessageEncoding.None;
                // Not in host.json: the Functions default (1 minute) is too slow for a developer waiting on an upload.
                queues.MaxPollingInterval = TimeSpan.FromSeconds(1);
            });
            webJobs.AddTimers();
        });
        builder.Services.Replace(ServiceDescriptor.Singleton<INameResolver, MetadataNameResolver>());
        builder.Services.Replace(ServiceDescriptor.Singleton<Microsoft.Azure.WebJobs.Extensions.Timers.ScheduleMonitor, BlobScheduleMonitor>());
        builder.Services.AddHostedService(sp => new BlobCreatedEventsService(
            new BlobCreatedEvents(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<QueueServiceClient>(), hostJson.Base64Messages),
            sp.GetRequiredService<ILogger<BlobCreatedEventsService>>()));
        if (options.WatchFolder is { } watch)
        {
            builder.Services.AddHostedService(sp => new DropFolderWatcher(Path.GetFullPath(watch), sp.GetRequiredService<BlobServiceClient>(),
                sp.GetRequiredService<TrialStore>(), output));
        }

        return builder.Build();
    }

    /// <summary>
    /// The local host's test seams, none of them in the app: <see cref="LocalOptions.ConfigureStorageClients"/> and the crash
    /// point of <see cref="CrashPoint.Variable"/>, both applied to every Azure SDK client through Microsoft.Extensions.Azure's
    /// defaults (the clients <see cref="ReportingServices.AddReporting"/> registers, unchanged otherwise).
    /// </summary>
    private static void AddTestSeams(IServiceCollection services, LocalOptions options, AzuriteProcess? azurite)
    {
        var crash = CrashPoint.FromEnvironment(() => azurite?.DisposeAsync() ?? ValueTask.CompletedTask);
        if (options.ConfigureStorageClients is null && crash is null)
        {
            return;
        }

        services.AddAzureClients(clients => clients.ConfigureDefaults(clientOptions =>
        {
            options.ConfigureStorageClients?.Invoke(clientOptions);
            if (crash is not null)
            {
                clientOptions.AddPolicy(crash, HttpPipelinePosition.PerCall);
            }
        }));
    }

    /// <summary>The repository root (for the pinned Azurite): the working folder or the build output's ancestors.</summary>
    public static string FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Reporting.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new PrerequisiteException("Run reporting-local inside the repository, or pass --repo <folder> (the folder holding Reporting.sln).");
    }

    /// <summary>Checks the port is free (or picks one for 0), so that a busy port is one clear line, not a Kestrel stack trace.</summary>
    private static int ReservePort(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        catch (SocketException)
        {
            throw new PrerequisiteException(string.Create(CultureInfo.InvariantCulture,
                $"Port {port} on 127.0.0.1 is in use (another reporting-local?): stop that process, or pass --port <N> (--port 0 picks a free one)."));
        }
    }

    internal sealed record LocalKeys(string SigningKey, string FunctionKey);

    /// <summary>The storage account the host uses, and how to describe it.</summary>
    internal sealed record LocalStorage(string Description, string ConnectionString);

    /// <summary>The link-signing key and the function key: random per run, or kept in the data folder so links minted before
    /// a restart still work after it.</summary>
    private static LocalKeys LoadOrCreateKeys(string? dataFolder)
    {
        var path = dataFolder is null ? null : Path.Combine(dataFolder, KeysFile);
        if (path is not null && File.Exists(path) && JsonSerializer.Deserialize<LocalKeys>(File.ReadAllText(path)) is { } stored)
        {
            return stored;
        }

        var keys = new LocalKeys(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_'));
        if (path is not null)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(keys));
        }

        return keys;
    }
}
