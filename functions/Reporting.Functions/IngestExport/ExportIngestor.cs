using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Reporting.Functions.Analysis;
using Reporting.Functions.Hosting;
using Reporting.Storage;

namespace Reporting.Functions.IngestExport;

/// <summary>
/// IngestExport: receipt, archive, unzip, validate, keep the accepted set, run, store outputs.
/// Every step is idempotent so that an at-least-once delivery can repeat any of them.
/// </summary>
public sealed class ExportIngestor(StorageClient storage, ITrialAnalysis analysis, ZipLimits zipLimits)
{
    /// <summary>The JSON of accepted.json, latest.json and the validation reports: the same conventions as run.json
    /// (camelCase, enums as camelCase strings, readable Unicode).</summary>
    public static readonly JsonSerializerOptions Json = Reporting.Core.Analysis.RunModelJson.Options;

    private const int MaxAcceptedSetAttempts = 20;

    private BlobService Blobs => storage.Blobs;

    private TableService Tables => storage.Tables;

    public async Task IngestAsync(BlobCreatedEvent blobEvent, InvocationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobEvent);
        ArgumentNullException.ThrowIfNull(log);
        var source = $"{blobEvent.Container}/{blobEvent.BlobName}";
        if (blobEvent.Container != StorageNames.ExportsContainer)
        {
            log.Warn($"Ignored {source}: only uploads to the {StorageNames.ExportsContainer} container are ingested.");
            return;
        }

        var parts = blobEvent.BlobName.Split('/');
        if (parts.Length != 2 || !Names.IsIdentifier(parts[0]) || !Names.IsFileName(parts[1]))
        {
            log.Warn($"Ignored an upload to {StorageNames.ExportsContainer}: blob names must be {{trialId}}/{{file}} with a valid trial id (docs/export-contract.md).");
            return;
        }

        var (trialId, fileName) = (parts[0], parts[1]);
        var receiptKey = (Names.TableKey(blobEvent.BlobName), Names.TableKey(blobEvent.ETag));
        if (await Tables.GetAsync(StorageNames.ReceiptsTable, receiptKey.Item1, receiptKey.Item2, cancellationToken).ConfigureAwait(false) is not null)
        {
            log.Info($"Duplicate delivery of {source} ({blobEvent.ETag}): already processed, nothing to do.");
            return;
        }

        using var scratch = new ScratchDirectory();
        var upload = await DownloadAsync(blobEvent, scratch, cancellationToken).ConfigureAwait(false);
        if (upload is null)
        {
            log.Info($"{source} ({blobEvent.ETag}) was replaced or deleted before it was read; its newer version has its own event.");
            await ReceiptAsync(receiptKey, blobEvent, "superseded", null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var folder = $"{trialId}/{upload.ReceivedUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{upload.Sha256[..12]}";
        var archivePath = $"{folder}/{fileName}";
        await ArchiveAsync(archivePath, upload.LocalPath, cancellationToken).ConfigureAwait(false);
        log.Info($"Received {source}: {upload.Bytes} bytes, archived as {StorageNames.ArchiveContainer}/{archivePath}.");

        var context = new UploadContext(trialId, source, blobEvent.ETag, upload.ReceivedUtc);
        var files = new List<StagedFile>();
        if (fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            var zip = ZipExports.Extract(upload.LocalPath, fileName, scratch.Path, analysis.IsKnownFile, zipLimits);
            foreach (var entry in zip.Files)
            {
                var (sha, bytes) = await HashFileAsync(entry.LocalPath, cancellationToken).ConfigureAwait(false);
                var entryArchive = $"{folder}/{entry.FileName}";
                await ArchiveAsync(entryArchive, entry.LocalPath, cancellationToken).ConfigureAwait(false);
                files.Add(new StagedFile(entry.FileName, entry.LocalPath, entryArchive, sha, bytes));
            }

            await WriteReportAsync(context, new ValidationReport(trialId, fileName, zip.Rejected ? ValidationReport.Rejected : ValidationReport.Accepted,
                source, blobEvent.ETag, upload.ReceivedUtc, archivePath, upload.Sha256, upload.Bytes, null, "zip",
                zip.Issues.Count(i => i.Severity == "error"), zip.Issues.Count(i => i.Severity != "error"), zip.Issues, null, null,
                zip.Rejected ? "the zip was rejected" : null, analysis.PipelineVersion), log, cancellationToken).ConfigureAwait(false);
            if (zip.Rejected || files.Count == 0)
            {
                await ReceiptAsync(receiptKey, blobEvent, "rejected", archivePath, null, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        else if (!analysis.IsKnownFile(fileName))
        {
            Issue[] issues = [new Issue(fileName, null, null, "file.unknown-name", "error",
                "This file name is not an export file of the export contract (docs/export-contract.md) (trial.json, sites.csv, participants.csv, contacts.csv, fidelity.csv, codings.csv) or a .zip of them. It was archived and not used.")];
            await WriteReportAsync(context, new ValidationReport(trialId, fileName, ValidationReport.Rejected, source, blobEvent.ETag, upload.ReceivedUtc,
                archivePath, upload.Sha256, upload.Bytes, null, null, 1, 0, issues, null, null, "the file was not recognised",
                analysis.PipelineVersion), log, cancellationToken).ConfigureAwait(false);
            await ReceiptAsync(receiptKey, blobEvent, "rejected", archivePath, null, cancellationToken).ConfigureAwait(false);
            return;
        }
        else
        {
            files.Add(new StagedFile(fileName, upload.LocalPath, archivePath, upload.Sha256, upload.Bytes));
        }

        var runId = await ApplyAsync(context, files, scratch, log, cancellationToken).ConfigureAwait(false);
        await ReceiptAsync(receiptKey, blobEvent, "processed", archivePath, runId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates the new files against the accepted set, keeps the ones without errors, and runs when the set allows.</summary>
    private async Task<string?> ApplyAsync(UploadContext context, IReadOnlyList<StagedFile> uploads, ScratchDirectory scratch, InvocationLog log,
        CancellationToken cancellationToken)
    {
        var localCopies = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var attempt = 1; attempt <= MaxAcceptedSetAttempts; attempt++)
        {
            var (current, etag) = await LoadAcceptedSetAsync(context.TrialId, cancellationToken).ConfigureAwait(false);
            var inputs = new Dictionary<string, InputFile>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in current.Files)
            {
                inputs[file.FileName] = await InputFromArchiveAsync(file, localCopies, scratch, cancellationToken).ConfigureAwait(false);
            }

            foreach (var upload in uploads)
            {
                var path = upload.LocalPath;
                inputs[upload.FileName] = new InputFile(upload.FileName, () => File.OpenRead(path));
            }

            var candidate = analysis.Analyse(context.TrialId, [.. inputs.Values]);
            var accepted = new List<AcceptedFile>(current.Files);
            var rejected = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var upload in uploads)
            {
                var check = Check(candidate, upload.FileName);
                if (check is { HasErrors: true })
                {
                    rejected.Add(upload.FileName);
                    continue;
                }

                var existing = current.Find(upload.FileName);
                if (existing is not null && existing.Sha256 == upload.Sha256)
                {
                    continue; // identical bytes: keep the entry, so the run id stays the same
                }

                accepted.RemoveAll(f => string.Equals(f.FileName, upload.FileName, StringComparison.OrdinalIgnoreCase));
                accepted.Add(new AcceptedFile(upload.FileName, upload.ArchivePath, upload.Sha256, upload.Bytes, context.ReceivedUtc, context.Source));
            }

            accepted.Sort((a, b) => string.CompareOrdinal(a.FileName, b.FileName));
            var changed = !accepted.SequenceEqual(current.Files);
            var next = changed ? current with { Sequence = current.Sequence + 1, Files = accepted } : current;
            var outcome = candidate;
            if (rejected.Count > 0)
            {
                // The run uses what is accepted, not the candidate that held the rejected file(s).
                var final = new List<InputFile>();
                foreach (var file in next.Files)
                {
                    var staged = uploads.FirstOrDefault(u => u.ArchivePath == file.ArchivePath);
                    final.Add(staged is not null
                        ? new InputFile(file.FileName, () => File.OpenRead(staged.LocalPath))
                        : await InputFromArchiveAsync(file, localCopies, scratch, cancellationToken).ConfigureAwait(false));
                }

                outcome = analysis.Analyse(context.TrialId, final);
            }

            if (changed)
            {
                var write = await Blobs.PutAsync(StorageNames.ReportsContainer, AcceptedSetPath(context.TrialId),
                    BinaryData.FromObjectAsJson(next, Json), etag is { } e ? BlobWriteCondition.IfMatch(e) : BlobWriteCondition.CreateOnly,
                    "application/json", cancellationToken).ConfigureAwait(false);
                if (!write.Written)
                {
                    continue; // another upload of this trial changed the set first: start again from its version
                }
            }

            foreach (var upload in uploads)
            {
                var check = Check(candidate, upload.FileName);
                var isRejected = rejected.Contains(upload.FileName);
                var issues = check?.Issues ?? [];
                await WriteReportAsync(context, new ValidationReport(context.TrialId, upload.FileName,
                    isRejected ? ValidationReport.Rejected : ValidationReport.Accepted, context.Source, context.ETag, context.ReceivedUtc,
                    upload.ArchivePath, upload.Sha256, upload.Bytes, check?.Rows, check?.Kind,
                    issues.Count(i => IsError(i)), issues.Count(i => !IsError(i)), issues,
                    isRejected ? next.Find(upload.FileName) : null, outcome.Run?.RunId, outcome.Run is null ? outcome.NotRunReason : null,
                    analysis.PipelineVersion), log, cancellationToken).ConfigureAwait(false);
            }

            if (outcome.Run is null)
            {
                log.Info($"Trial {context.TrialId}: no run yet ({outcome.NotRunReason ?? "the accepted files do not allow one"}).");
                return null;
            }

            await WriteRunAsync(outcome.Run, next.Sequence, context, log, cancellationToken).ConfigureAwait(false);
            return outcome.Run.RunId;
        }

        throw new InvalidOperationException($"Trial {context.TrialId}: the accepted set kept changing under concurrent uploads; the message will be retried.");
    }

    private async Task WriteRunAsync(AnalysisRun run, long sequence, UploadContext context, InvocationLog log, CancellationToken cancellationToken)
    {
        var prefix = $"{run.TrialId}/{run.RunId}";
        var runJsonPath = $"{prefix}/run.json";
        if (await Blobs.GetPropertiesAsync(StorageNames.ReportsContainer, runJsonPath, cancellationToken).ConfigureAwait(false) is not null)
        {
            log.Info($"Trial {run.TrialId}: run {run.RunId} already exists for these inputs; no new run.");
        }
        else
        {
            await PutOutputAsync($"{prefix}/trial.pdf", BinaryData.FromBytes(run.TrialPdf()), "application/pdf", log, cancellationToken).ConfigureAwait(false);
            foreach (var site in run.Sites)
            {
                await PutOutputAsync($"{prefix}/sites/{site.SiteId}.pdf", BinaryData.FromBytes(run.SitePdf(site.SiteId)), "application/pdf", log, cancellationToken)
                    .ConfigureAwait(false);
            }

            await Tables.UpsertAsync(StorageNames.RunsTable, new TableEntity(run.TrialId, run.RunId, new Dictionary<string, object?>
            {
                ["Title"] = run.Title,
                ["DataCutOff"] = run.DataCutOff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["PipelineVersion"] = analysis.PipelineVersion,
                ["SiteCount"] = run.Sites.Count,
                ["Funders"] = string.Join(',', run.Funders.Select(f => f.FunderId)),
                ["RunJson"] = runJsonPath,
                ["TriggeredBy"] = context.Source,
                ["ReceivedUtc"] = context.ReceivedUtc,
            }), cancellationToken).ConfigureAwait(false);
            foreach (var site in run.Sites)
            {
                await Tables.UpsertAsync(StorageNames.SiteMetricsTable, SiteRow(run, site), cancellationToken).ConfigureAwait(false);
            }

            // run.json last: its presence marks a complete run.
            await PutOutputAsync(runJsonPath, BinaryData.FromString(run.RunJson), "application/json", log, cancellationToken).ConfigureAwait(false);
            log.Info($"Trial {run.TrialId}: run {run.RunId} written ({run.Sites.Count} sites, data cut-off {run.DataCutOff:yyyy-MM-dd}).");
        }

        await UpdateLatestAsync(new LatestRun(run.TrialId, run.RunId, sequence, run.DataCutOff, runJsonPath, $"{prefix}/trial.pdf",
            [.. run.Sites.Select(s => s.SiteId)]), log, cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity SiteRow(AnalysisRun run, SiteMetric site) =>
        new(run.TrialId, $"{site.SiteId}|{run.RunId}", new Dictionary<string, object?>
        {
            ["RunId"] = run.RunId,
            ["SiteId"] = site.SiteId,
            ["SiteName"] = site.SiteName,
            ["DataCutOff"] = run.DataCutOff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Offered"] = site.Offered,
            ["Engaged"] = site.Engaged,
            ["Pending"] = site.Pending,
            ["Proportion"] = site.Proportion,
            ["CiLow"] = site.CiLow,
            ["CiHigh"] = site.CiHigh,
            ["FidelityScore"] = site.FidelityScore,
            ["EngagementClass"] = site.EngagementClass,
            ["FidelityClass"] = site.FidelityClass,
        });

    /// <summary>Moves latest.json forward only: a slower ingest of an older accepted set never overwrites a newer run.</summary>
    private async Task UpdateLatestAsync(LatestRun latest, InvocationLog log, CancellationToken cancellationToken)
    {
        var path = LatestPath(latest.TrialId);
        for (var attempt = 1; attempt <= MaxAcceptedSetAttempts; attempt++)
        {
            await using var existing = await Blobs.GetAsync(StorageNames.ReportsContainer, path, cancellationToken).ConfigureAwait(false);
            BlobWriteCondition condition;
            if (existing is null)
            {
                condition = BlobWriteCondition.CreateOnly;
            }
            else
            {
                var previous = await JsonSerializer.DeserializeAsync<LatestRun>(existing.Content, Json, cancellationToken).ConfigureAwait(false);
                if (previous is not null && (previous.RunId == latest.RunId || previous.Sequence > latest.Sequence))
                {
                    return;
                }

                condition = BlobWriteCondition.IfMatch(existing.Info.ETag);
            }

            var write = await Blobs.PutAsync(StorageNames.ReportsContainer, path, BinaryData.FromObjectAsJson(latest, Json), condition,
                "application/json", cancellationToken).ConfigureAwait(false);
            if (write.Written)
            {
                log.Info($"Trial {latest.TrialId}: latest run is now {latest.RunId}.");
                return;
            }
        }

        throw new InvalidOperationException($"Trial {latest.TrialId}: latest.json kept changing; the message will be retried.");
    }

    private async Task PutOutputAsync(string path, BinaryData content, string contentType, InvocationLog log, CancellationToken cancellationToken)
    {
        var result = await Blobs.PutAsync(StorageNames.ReportsContainer, path, content, BlobWriteCondition.CreateOnly, contentType, cancellationToken)
            .ConfigureAwait(false);
        if (result.Written && path.EndsWith(".pdf", StringComparison.Ordinal))
        {
            log.Info($"Report written: {StorageNames.ReportsContainer}/{path}.");
        }
    }

    private async Task WriteReportAsync(UploadContext context, ValidationReport report, InvocationLog log, CancellationToken cancellationToken)
    {
        await Blobs.PutAsync(StorageNames.ValidationContainer, $"{context.TrialId}/{report.File}.json", BinaryData.FromObjectAsJson(report, Json),
            BlobWriteCondition.None, "application/json", cancellationToken).ConfigureAwait(false);
        log.Info($"Validation {context.TrialId}/{report.File}: {report.Status}, {report.Errors} errors, {report.Warnings} warnings.");
    }

    private async Task ReceiptAsync((string Partition, string Row) key, BlobCreatedEvent blobEvent, string outcome, string? archivePath, string? runId,
        CancellationToken cancellationToken)
    {
        // Written last: a failure before this point leaves no receipt, so the retry does the (idempotent) work again.
        await Tables.InsertAsync(StorageNames.ReceiptsTable, new TableEntity(key.Partition, key.Row, new Dictionary<string, object?>
        {
            ["Blob"] = $"{blobEvent.Container}/{blobEvent.BlobName}",
            ["ETag"] = blobEvent.ETag,
            ["Outcome"] = outcome,
            ["ArchivePath"] = archivePath,
            ["RunId"] = runId,
        }), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DownloadedUpload?> DownloadAsync(BlobCreatedEvent blobEvent, ScratchDirectory scratch, CancellationToken cancellationToken)
    {
        await using var download = await Blobs.GetAsync(StorageNames.ExportsContainer, blobEvent.BlobName, new ETag($"\"{blobEvent.ETag}\""), cancellationToken)
            .ConfigureAwait(false);
        if (download is null)
        {
            return null;
        }

        var path = scratch.NewFile();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        await using (var output = File.Create(path))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await download.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                bytes += read;
            }
        }

        // The upload time, not the processing time: a retry archives to the same place.
        var received = download.Info.LastModified ?? DateTimeOffset.UnixEpoch;
        return new DownloadedUpload(path, Convert.ToHexStringLower(hash.GetHashAndReset()), bytes, received);
    }

    private async Task ArchiveAsync(string archivePath, string localPath, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(localPath);
        await Blobs.PutAsync(StorageNames.ArchiveContainer, archivePath, stream, BlobWriteCondition.CreateOnly, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<InputFile> InputFromArchiveAsync(AcceptedFile file, Dictionary<string, string> localCopies, ScratchDirectory scratch,
        CancellationToken cancellationToken)
    {
        if (!localCopies.TryGetValue(file.ArchivePath, out var path))
        {
            await using var download = await Blobs.GetAsync(StorageNames.ArchiveContainer, file.ArchivePath, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The accepted copy {StorageNames.ArchiveContainer}/{file.ArchivePath} is missing.");
            path = scratch.NewFile();
            await using (var output = File.Create(path))
            {
                await download.Content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            }

            localCopies[file.ArchivePath] = path;
        }

        return new InputFile(file.FileName, () => File.OpenRead(path));
    }

    private async Task<(AcceptedSet Set, ETag? ETag)> LoadAcceptedSetAsync(string trialId, CancellationToken cancellationToken)
    {
        await using var download = await Blobs.GetAsync(StorageNames.ReportsContainer, AcceptedSetPath(trialId), cancellationToken).ConfigureAwait(false);
        if (download is null)
        {
            return (new AcceptedSet(trialId, 0, []), null);
        }

        var set = await JsonSerializer.DeserializeAsync<AcceptedSet>(download.Content, Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{StorageNames.ReportsContainer}/{AcceptedSetPath(trialId)} is empty.");
        return (set with { Files = [.. set.Files] }, download.Info.ETag);
    }

    private static async Task<(string Sha256, long Bytes)> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return (Convert.ToHexStringLower(hash), stream.Length);
    }

    private static FileCheck? Check(AnalysisOutcome outcome, string fileName) =>
        outcome.Files.FirstOrDefault(f => string.Equals(f.FileName, fileName, StringComparison.OrdinalIgnoreCase));

    private static bool IsError(Issue issue) => string.Equals(issue.Severity, "error", StringComparison.OrdinalIgnoreCase);

    public static string AcceptedSetPath(string trialId) => $"{trialId}/accepted.json";

    public static string LatestPath(string trialId) => $"{trialId}/latest.json";

    private sealed record UploadContext(string TrialId, string Source, string ETag, DateTimeOffset ReceivedUtc);

    private sealed record DownloadedUpload(string LocalPath, string Sha256, long Bytes, DateTimeOffset ReceivedUtc);

    private sealed record StagedFile(string FileName, string LocalPath, string ArchivePath, string Sha256, long Bytes);
}

/// <summary>A per-invocation temporary folder, deleted on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reporting-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string NewFile() => System.IO.Path.Combine(Path, Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans the temp folder.
        }
    }
}
