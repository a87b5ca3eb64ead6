using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Reporting.Functions;
using Reporting.Functions.Hosting;
using Reporting.Functions.IngestExport;
using Reporting.Storage;

namespace Reporting.Cli.Dev;

public sealed record DevOptions(DirectoryInfo? Upload, DirectoryInfo? Out, bool ExitWhenDone, string? RepoRoot = null);

/// <summary>
/// The local trigger host (development only, never deployed): Azurite, the handler, Event Grid's BlobCreated events,
/// queue and timer triggers driven from the function.json files, and the HTTP functions served by the handler.
/// </summary>
public sealed class DevHost(Action<string> print)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<int> RunAsync(DevOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = options.RepoRoot ?? FindRepoRoot();
        await using var azurite = new AzuriteLauncher();
        await azurite.StartAsync(root, print, cancellationToken);
        var storage = new StorageClient(StorageConnection.Parse(azurite.ConnectionString));
        await StorageBootstrap.EnsureCreatedAsync(storage, cancellationToken);

        var port = InProcessHandler.FreePort();
        var handlerUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var settings = new Dictionary<string, string?>
        {
            [AppSettings.TrialDataConnection] = azurite.ConnectionString,
            [AppSettings.DownloadLinkSigningKey] = Environment.GetEnvironmentVariable(AppSettings.DownloadLinkSigningKey)
                ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            [AppSettings.FunderReportSchedule] = Environment.GetEnvironmentVariable(AppSettings.FunderReportSchedule) ?? AppSettings.DefaultFunderReportSchedule,
            [AppSettings.PublicBaseUrl] = handlerUrl,
        };
        await using var handler = await InProcessHandler.StartAsync(port, settings, cancellationToken);
        using var http = new HttpClient { BaseAddress = handler.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        var invoker = new HandlerInvoker(http);
        print($"Handler listening on {handlerUrl}.");

        var catalog = FunctionCatalog.Load(Path.Combine(root, "host.json"), Path.Combine(root, "functions", "Reporting.Functions"));
        var pumps = new List<QueueTriggerPump>();
        var timers = new List<TimerTrigger>();
        foreach (var function in catalog.Functions)
        {
            switch (function.TriggerType)
            {
                case "queueTrigger":
                    pumps.Add(new QueueTriggerPump(storage, invoker, function, catalog.Queues, print));
                    await storage.Queues.CreateQueueIfNotExistsAsync(function.QueueName!, cancellationToken);
                    print($"{function.Name}: queue trigger on {function.QueueName} (max dequeue count {catalog.Queues.MaxDequeueCount}).");
                    break;
                case "timerTrigger":
                    var timer = new TimerTrigger(function, key => settings.GetValueOrDefault(key), invoker, print, DateTimeOffset.UtcNow);
                    timers.Add(timer);
                    print($"{function.Name}: timer '{timer.Expression}', next at {timer.Next:yyyy-MM-dd HH:mm:ss}Z.");
                    break;
                case "httpTrigger":
                    print($"{function.Name}: {handlerUrl}/api/{function.Route} (auth level {function.AuthLevel ?? "function"}; the Functions host enforces keys in Azure).");
                    break;
                default:
                    print($"{function.Name}: trigger {function.TriggerType} is not driven by the dev host.");
                    break;
            }
        }

        var watcher = new ExportsWatcher(storage, print);
        var uploads = options.Upload is null ? [] : await UploadAsync(storage, options.Upload, cancellationToken);
        var trialId = uploads.Count > 0 ? uploads[0].TrialId : null;

        while (!cancellationToken.IsCancellationRequested)
        {
            await watcher.ScanAsync(cancellationToken);
            foreach (var pump in pumps)
            {
                while (await pump.RunOnceAsync(cancellationToken) > 0)
                {
                }
            }

            foreach (var timer in timers)
            {
                await timer.FireIfDueAsync(DateTimeOffset.UtcNow, cancellationToken);
            }

            if (options.ExitWhenDone && trialId is not null && await DoneAsync(storage, uploads, pumps, cancellationToken))
            {
                return await FinishAsync(storage, http, trialId, options.Out, cancellationToken);
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return 0;
    }

    private async Task<List<Uploaded>> UploadAsync(StorageClient storage, DirectoryInfo folder, CancellationToken cancellationToken)
    {
        var trialJson = Path.Combine(folder.FullName, "trial.json");
        var trialId = folder.Name;
        if (File.Exists(trialJson))
        {
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(trialJson, cancellationToken));
            if (doc.RootElement.TryGetProperty("trialId", out var id) && id.GetString() is { Length: > 0 } text)
            {
                trialId = text;
            }
        }

        var uploaded = new List<Uploaded>();
        foreach (var file in folder.GetFiles().Where(f => f.Extension is ".csv" or ".json" or ".zip").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            await using var stream = file.OpenRead();
            var put = await storage.Blobs.PutAsync(StorageNames.ExportsContainer, $"{trialId}/{file.Name}", stream, BlobWriteCondition.None, null, cancellationToken);
            uploaded.Add(new Uploaded(trialId, file.Name, put.ETag!.Value.ToString().Trim('"')));
            print($"Uploaded {file.Name} to {StorageNames.ExportsContainer}/{trialId}/{file.Name}.");
        }

        return uploaded;
    }

    private static async Task<bool> DoneAsync(StorageClient storage, IReadOnlyList<Uploaded> uploads, IReadOnlyList<QueueTriggerPump> pumps, CancellationToken cancellationToken)
    {
        foreach (var pump in pumps)
        {
            if (await storage.Queues.GetApproximateCountAsync(pump.Queue, cancellationToken) > 0)
            {
                return false;
            }
        }

        foreach (var upload in uploads)
        {
            var report = await storage.Blobs.ReadAllAsync(StorageNames.ValidationContainer, $"{upload.TrialId}/{upload.FileName}.json", cancellationToken);
            if (report?.ToObjectFromJson<ValidationReport>(ExportIngestor.Json) is not { } r || r.SourceETag != upload.ETag)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<int> FinishAsync(StorageClient storage, HttpClient http, string trialId, DirectoryInfo? outDir, CancellationToken cancellationToken)
    {
        var output = outDir ?? new DirectoryInfo("out");
        var validationDir = Directory.CreateDirectory(Path.Combine(output.FullName, "validation"));
        var failures = 0;
        await foreach (var blob in storage.Blobs.ListAsync(StorageNames.ValidationContainer, trialId + "/", null, cancellationToken))
        {
            await CopyAsync(storage, StorageNames.ValidationContainer, blob.Name, Path.Combine(validationDir.FullName, blob.Name[(trialId.Length + 1)..]), cancellationToken);
            var report = (await storage.Blobs.ReadAllAsync(StorageNames.ValidationContainer, blob.Name, cancellationToken))!.ToObjectFromJson<ValidationReport>(ExportIngestor.Json)!;
            print($"Validation {report.File}: {report.Status} ({report.Errors} errors, {report.Warnings} warnings).");
            failures += report.Status == ValidationReport.Rejected ? 1 : 0;
        }

        var latest = (await storage.Blobs.ReadAllAsync(StorageNames.ReportsContainer, ExportIngestor.LatestPath(trialId), cancellationToken))
            ?.ToObjectFromJson<LatestRun>(ExportIngestor.Json);
        if (latest is null)
        {
            print($"No run for {trialId}: see the validation reports in {validationDir.FullName}.");
            return 1;
        }

        var prefix = $"{trialId}/{latest.RunId}/";
        await foreach (var blob in storage.Blobs.ListAsync(StorageNames.ReportsContainer, prefix, null, cancellationToken))
        {
            await CopyAsync(storage, StorageNames.ReportsContainer, blob.Name, Path.Combine(output.FullName, blob.Name[prefix.Length..]), cancellationToken);
        }

        print($"Run {latest.RunId}: trial.pdf, {latest.Sites.Count} site reports and run.json copied to {output.FullName}.");
        var site = latest.Sites[0];
        using var linkResponse = await http.PostAsJsonAsync(new Uri("/api/links", UriKind.Relative), new { trialId, siteId = site }, cancellationToken);
        linkResponse.EnsureSuccessStatusCode();
        using var link = JsonDocument.Parse(await linkResponse.Content.ReadAsStringAsync(cancellationToken));
        var url = link.RootElement.GetProperty("url").GetString()!;
        using var pdf = await http.GetAsync(new Uri(url), cancellationToken);
        var bytes = await pdf.Content.ReadAsByteArrayAsync(cancellationToken);
        var works = pdf.IsSuccessStatusCode && bytes.AsSpan().StartsWith("%PDF-"u8);
        print($"Download link for site {site} ({(works ? "checked: 200, PDF" : $"FAILED: {(int)pdf.StatusCode}")}; valid while this dev host runs):");
        print(url);
        return works && failures == 0 ? 0 : 1;
    }

    private static async Task CopyAsync(StorageClient storage, string container, string name, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var download = await storage.Blobs.GetAsync(container, name, cancellationToken)
            ?? throw new InvalidOperationException($"{container}/{name} disappeared while copying.");
        await using var file = File.Create(path);
        await download.Content.CopyToAsync(file, cancellationToken);
    }

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

        throw new InvalidOperationException("Run 'reporting dev' inside the repository (Reporting.sln not found).");
    }

    private sealed record Uploaded(string TrialId, string FileName, string ETag);
}
