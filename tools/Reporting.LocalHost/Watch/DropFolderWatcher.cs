using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Hosting;
using Reporting.Core.Validation;
using Reporting.Functions;
using Reporting.Functions.Storage;

namespace Reporting.LocalHost.Watch;

/// <summary>
/// A drop folder for a trial statistician's own exports: a file (an export CSV, trial.json or a zip) placed in
/// <c>DIR/&lt;trialId&gt;/</c> is uploaded to <c>exports/&lt;trialId&gt;/</c> once it has stopped changing; its validation
/// result is printed (one issue a line, as compilers print them) and written to <c>DIR/&lt;trialId&gt;/results/validation/</c>,
/// and when a run follows, its PDFs and run.json are copied to <c>DIR/&lt;trialId&gt;/results/&lt;runId&gt;/</c>.
/// A file whose bytes are already in storage is not uploaded again (so a restart with --data re-sends nothing).
/// </summary>
public sealed class DropFolderWatcher(string folder, BlobServiceClient blobs, TrialStore store, TextWriter output) : BackgroundService
{
    public const string ResultsFolder = "results";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, (long Length, DateTime Modified)> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Length, DateTime Modified)> _pending = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(folder);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(stoppingToken);
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or RequestFailedException)
            {
                output.WriteLine($"Drop folder: {e.GetType().Name} while scanning; trying again.");
                await Task.Delay(Interval, stoppingToken);
            }
        }
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        foreach (var trialDir in new DirectoryInfo(folder).EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (!Names.IsIdentifier(trialDir.Name))
            {
                continue;
            }

            foreach (var file in trialDir.EnumerateFiles().Where(f => !f.Name.StartsWith('.')).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var key = $"{trialDir.Name}/{file.Name}";
                var state = (file.Length, file.LastWriteTimeUtc);
                if (_seen.TryGetValue(key, out var seen) && seen == state)
                {
                    continue;
                }

                // Upload only once the file has stopped changing between two scans (a copy may still be in progress).
                if (!_pending.TryGetValue(key, out var pending) || pending != state)
                {
                    _pending[key] = state;
                    continue;
                }

                _pending.Remove(key);
                _seen[key] = state;
                await UploadAsync(trialDir.Name, file, cancellationToken);
            }
        }
    }

    private async Task UploadAsync(string trialId, FileInfo file, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(StorageNames.ExportsContainer).GetBlobClient($"{trialId}/{file.Name}");
        byte[] md5;
        await using (var stream = file.OpenRead())
        {
            md5 = await MD5.HashDataAsync(stream, cancellationToken);
        }

        try
        {
            var existing = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (existing.Value.ContentHash is { } hash && hash.AsSpan().SequenceEqual(md5))
            {
                return; // these bytes are in storage already
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        var put = await blob.UploadAsync(file.FullName, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentHash = md5 } }, cancellationToken);
        var etag = put.Value.ETag.ToString().Trim('"');
        output.WriteLine($"{trialId}/{file.Name}: uploaded to {StorageNames.ExportsContainer}/{trialId}/{file.Name}; validating.");
        _ = FollowAsync(trialId, file.Name, etag, file.Directory!.FullName, cancellationToken);
    }

    /// <summary>Waits for the upload's validation report, prints it, and copies the run it led to.</summary>
    private async Task FollowAsync(string trialId, string fileName, string etag, string trialFolder, CancellationToken cancellationToken)
    {
        try
        {
            ValidationReport? report = null;
            while (report is null || report.SourceETag != etag)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
                report = await store.GetValidationReportAsync(trialId, fileName, cancellationToken);
            }

            var results = Directory.CreateDirectory(Path.Combine(trialFolder, ResultsFolder, "validation"));
            var reportPath = Path.Combine(results.FullName, fileName + ".json");
            await File.WriteAllTextAsync(reportPath, JsonSerializer.Serialize(report, TrialStore.Json), cancellationToken);
            lock (output)
            {
                output.WriteLine($"{trialId}/{fileName}: {report.Status.ToString().ToLowerInvariant()}, {report.Errors} errors, {report.Warnings} warnings " +
                                 $"(report: {reportPath})");
                foreach (var issue in report.Issues.Concat(report.ExportIssues).Take(20))
                {
                    output.WriteLine("  " + Format(issue));
                }

                if (report.RunId is null && report.NotRunReason is { } reason)
                {
                    output.WriteLine($"  {reason}");
                }
            }

            if (report.RunId is not { } runId)
            {
                return;
            }

            while (!await store.RunExistsAsync(trialId, runId, cancellationToken))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
            }

            var runFolder = Directory.CreateDirectory(Path.Combine(trialFolder, ResultsFolder, runId));
            var prefix = TrialStore.RunPrefix(trialId, runId) + "/";
            var container = blobs.GetBlobContainerClient(StorageNames.ReportsContainer);
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
            {
                var path = Path.Combine(runFolder.FullName, blob.Name[prefix.Length..]);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await container.GetBlobClient(blob.Name).DownloadToAsync(path, cancellationToken);
            }

            lock (output)
            {
                output.WriteLine($"{trialId}: run {runId}: {Path.Combine(runFolder.FullName, "trial.pdf")}, site reports in {Path.Combine(runFolder.FullName, "sites")}");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (RequestFailedException e)
        {
            output.WriteLine($"{trialId}/{fileName}: could not follow the upload ({e.Status} {e.ErrorCode}).");
        }
    }

    /// <summary><c>contacts.csv(12,status): error invalid-enum: message</c>, the form compilers use.</summary>
    public static string Format(ValidationIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var where = issue.Line is { } line ? $"{issue.File}({line}{(issue.Column is null ? "" : "," + issue.Column)})" : issue.File;
        return $"{where}: {(issue.Severity == Severity.Error ? "error" : "warning")} {issue.Code}: {issue.Message}";
    }
}
