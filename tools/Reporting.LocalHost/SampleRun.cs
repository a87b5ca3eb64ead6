using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Reporting.Functions;
using Reporting.Functions.Storage;
using Reporting.LocalHost.Http;

namespace Reporting.LocalHost;

/// <summary>
/// The run-once mode behind scripts/run-sample.sh: uploads a folder of exports, waits until every upload has its
/// validation report, copies the run's PDFs, run.json and the validation reports to a folder, mints a signed link for
/// one site through CreateDownloadLink and checks that it downloads a PDF.
/// </summary>
public sealed class SampleRun(BlobServiceClient blobs, QueueServiceClient queues, TrialStore store, Uri baseUrl, string functionKey, TextWriter output)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public sealed record Uploaded(string TrialId, string FileName, string ETag);

    public async Task<IReadOnlyList<Uploaded>> UploadAsync(string folder, CancellationToken cancellationToken)
    {
        var trialId = TrialIdOf(folder);
        var uploaded = new List<Uploaded>();
        var container = blobs.GetBlobContainerClient(StorageNames.ExportsContainer);
        foreach (var file in new DirectoryInfo(folder).GetFiles().Where(f => f.Extension is ".csv" or ".json" or ".zip").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var put = await container.GetBlobClient($"{trialId}/{file.Name}").UploadAsync(file.FullName, overwrite: true, cancellationToken);
            uploaded.Add(new Uploaded(trialId, file.Name, put.Value.ETag.ToString().Trim('"')));
            output.WriteLine($"Uploaded {file.Name} to {StorageNames.ExportsContainer}/{trialId}/{file.Name}.");
        }

        return uploaded;
    }

    public async Task<int> WaitAndCollectAsync(IReadOnlyList<Uploaded> uploads, string outFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        if (uploads.Count == 0)
        {
            output.WriteLine("Nothing was uploaded.");
            return 1;
        }

        var reports = new Dictionary<string, ValidationReport>(StringComparer.Ordinal);
        while (reports.Count < uploads.Count)
        {
            foreach (var upload in uploads.Where(u => !reports.ContainsKey(u.FileName)))
            {
                if (await store.GetValidationReportAsync(upload.TrialId, upload.FileName, cancellationToken) is { } report && report.SourceETag == upload.ETag)
                {
                    reports[upload.FileName] = report;
                }
            }

            await Task.Delay(Poll, cancellationToken);
        }

        // Every upload is validated; wait for the queue to drain, so the run the last upload triggered is written.
        var queue = queues.GetQueueClient(StorageNames.ExportEventsQueue);
        while ((await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount > 0)
        {
            await Task.Delay(Poll, cancellationToken);
        }

        var trialId = uploads[0].TrialId;
        var outDir = Directory.CreateDirectory(Path.GetFullPath(outFolder));
        var validationDir = Directory.CreateDirectory(Path.Combine(outDir.FullName, "validation"));
        var rejected = 0;
        foreach (var report in reports.Values.OrderBy(r => r.File, StringComparer.Ordinal))
        {
            await File.WriteAllTextAsync(Path.Combine(validationDir.FullName, report.File + ".json"), JsonSerializer.Serialize(report, TrialStore.Json), cancellationToken);
            output.WriteLine($"Validation {report.File}: {report.Status.ToString().ToLowerInvariant()} ({report.Errors} errors, {report.Warnings} warnings).");
            rejected += report.Status == UploadStatus.Rejected ? 1 : 0;
        }

        var latest = await store.GetLatestAsync(trialId, cancellationToken);
        if (latest is null)
        {
            output.WriteLine($"No run for {trialId}: see the validation reports in {validationDir.FullName}.");
            return 1;
        }

        var prefix = TrialStore.RunPrefix(trialId, latest.RunId) + "/";
        var container = blobs.GetBlobContainerClient(StorageNames.ReportsContainer);
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            var path = Path.Combine(outDir.FullName, blob.Name[prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await container.GetBlobClient(blob.Name).DownloadToAsync(path, cancellationToken);
        }

        output.WriteLine($"Run {latest.RunId}: trial.pdf, {latest.Sites.Count} site reports and run.json copied to {outDir.FullName}.");
        var works = await CheckLinkAsync(trialId, latest.Sites[0], cancellationToken);
        return works && rejected == 0 ? 0 : 1;
    }

    private async Task<bool> CheckLinkAsync(string trialId, string siteId, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add(HttpFunctions.KeyHeader, functionKey);
        using var minted = await http.PostAsJsonAsync(new Uri("api/links", UriKind.Relative), new { trialId, siteId }, cancellationToken);
        minted.EnsureSuccessStatusCode();
        using var link = JsonDocument.Parse(await minted.Content.ReadAsStringAsync(cancellationToken));
        var url = link.RootElement.GetProperty("url").GetString()!;
        using var pdf = await http.GetAsync(new Uri(url), cancellationToken);
        var bytes = await pdf.Content.ReadAsByteArrayAsync(cancellationToken);
        var works = pdf.IsSuccessStatusCode && bytes.AsSpan().StartsWith("%PDF-"u8);
        output.WriteLine($"Download link for site {siteId} ({(works ? "checked: 200, a PDF" : $"FAILED: {(int)pdf.StatusCode}")}).");
        output.WriteLine("It works while a local host runs: this one stops now. To keep one running, start 'scripts/local-host.sh' (see the README).");
        output.WriteLine(url);
        return works;
    }

    /// <summary>trial.json's trialId, else the folder's name.</summary>
    public static string TrialIdOf(string folder)
    {
        var trialJson = Path.Combine(folder, "trial.json");
        if (File.Exists(trialJson))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(trialJson));
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("trialId", out var id) &&
                    id.ValueKind == JsonValueKind.String && Names.IsIdentifier(id.GetString()))
                {
                    return id.GetString()!;
                }
            }
            catch (JsonException)
            {
                // The app will report trial.json; the folder name still places the upload.
            }
        }

        return new DirectoryInfo(folder).Name;
    }
}
