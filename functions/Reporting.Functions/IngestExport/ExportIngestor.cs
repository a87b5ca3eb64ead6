using Reporting.Core;
using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Core.Validation;
using Reporting.Functions.Storage;
using Reporting.Pdf;

namespace Reporting.Functions.IngestExport;

/// <summary>
/// IngestExport's work: receipt, archive, unzip, validate against the accepted set, keep what passed, run, store
/// the outputs. Every step is idempotent, so an at-least-once delivery can repeat any of them; the receipt is
/// written last. Log lines name blobs, counts, codes and run ids only: never a cell value.
/// </summary>
public sealed class ExportIngestor(TrialStore store, ZipLimits zipLimits, ILogger<ExportIngestor> logger)
{
    private const int MaxAcceptedSetAttempts = 20;

    public async Task IngestAsync(BlobCreatedEvent blobEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobEvent);
        var source = $"{blobEvent.Container}/{blobEvent.BlobName}";
        if (blobEvent.Container != StorageNames.ExportsContainer)
        {
            logger.LogWarning("Ignored {Source}: only uploads to the {Container} container are ingested.", source, StorageNames.ExportsContainer);
            return;
        }

        var parts = blobEvent.BlobName.Split('/');
        if (parts.Length != 2 || !Names.IsIdentifier(parts[0]) || !Names.IsFileName(parts[1]))
        {
            logger.LogWarning("Ignored an upload to {Container}: blob names must be {{trialId}}/{{file}} with a valid trial id (docs/export-contract.md).",
                StorageNames.ExportsContainer);
            return;
        }

        var (trialId, fileName) = (parts[0], parts[1]);
        if (await store.HasReceiptAsync(blobEvent.BlobName, blobEvent.ETag, cancellationToken))
        {
            logger.LogInformation("Duplicate delivery of {Source} ({ETag}): already processed, nothing to do.", source, blobEvent.ETag);
            return;
        }

        using var scratch = new ScratchDirectory();
        var upload = await store.DownloadUploadAsync(blobEvent.BlobName, blobEvent.ETag, scratch.NewFile(), cancellationToken);
        if (upload is null)
        {
            logger.LogInformation("{Source} ({ETag}) was replaced or deleted before it was read; its newer version has its own event.", source, blobEvent.ETag);
            await store.AddReceiptAsync(blobEvent.BlobName, blobEvent.ETag, ReceiptOutcome.Superseded, null, null, cancellationToken);
            return;
        }

        var folder = TrialStore.ArchiveFolder(trialId, upload.ReceivedUtc, upload.Sha256);
        var archivePath = $"{folder}/{fileName}";
        await store.ArchiveAsync(archivePath, upload.LocalPath, cancellationToken);
        logger.LogInformation("Received {Source}: {Bytes} bytes, archived as {Container}/{ArchivePath}.", source, upload.Bytes,
            StorageNames.ArchiveContainer, archivePath);

        var context = new UploadContext(trialId, source, blobEvent.ETag, upload.ReceivedUtc);
        var files = new List<StagedFile>();
        if (fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            // Core's zip rules (the same as `reporting validate` applies): the directory is checked before anything is
            // inflated, and each entry is copied out under its declared size.
            var issues = new List<ValidationIssue>();
            var entries = new List<(string FileName, string LocalPath)>();
            await using (var zipStream = File.OpenRead(upload.LocalPath))
            {
                var zip = ExportZip.Read(fileName, zipStream, zipLimits);
                issues.AddRange(zip.Issues);
                foreach (var entry in zip.Files)
                {
                    var local = scratch.NewFile();
                    ValidationIssue? fault;
                    await using (var output = File.Create(local))
                    {
                        fault = zip.CopyEntry(entry.FileName, output);
                    }

                    if (fault is not null)
                    {
                        issues.Add(fault);
                        break;
                    }

                    entries.Add((entry.FileName, local));
                }
            }

            var rejected = issues.Any(i => i.Severity == Severity.Error) || entries.Count == 0;
            if (!rejected)
            {
                foreach (var (entryName, local) in entries)
                {
                    var (sha, bytes) = await HashFileAsync(local, cancellationToken);
                    var entryArchive = $"{folder}/{entryName}";
                    await store.ArchiveAsync(entryArchive, local, cancellationToken);
                    files.Add(new StagedFile(entryName, local, entryArchive, sha, bytes));
                }
            }

            await WriteReportAsync(new ValidationReport(trialId, fileName, rejected ? UploadStatus.Rejected : UploadStatus.Accepted,
                source, blobEvent.ETag, upload.ReceivedUtc, archivePath, upload.Sha256, upload.Bytes, null, null,
                issues.Count(i => i.Severity == Severity.Error), issues.Count(i => i.Severity != Severity.Error), issues, [], null, null,
                rejected ? "the zip was rejected" : null, TrialPipeline.Version), cancellationToken);
            if (rejected)
            {
                await store.AddReceiptAsync(blobEvent.BlobName, blobEvent.ETag, ReceiptOutcome.Rejected, archivePath, null, cancellationToken);
                return;
            }
        }
        else if (ExportFiles.Recognise(fileName) is null)
        {
            ValidationIssue[] issues = [new ValidationIssue(fileName, null, null, IssueCodes.UnknownFile, Severity.Error,
                $"This file name is not an export file of the contract (docs/export-contract.md: {ExportFiles.Listed}) or a .zip of them. " +
                "It was archived and not used.")];
            await WriteReportAsync(new ValidationReport(trialId, fileName, UploadStatus.Rejected, source, blobEvent.ETag, upload.ReceivedUtc,
                archivePath, upload.Sha256, upload.Bytes, null, null, 1, 0, issues, [], null, null, "the file was not recognised",
                TrialPipeline.Version), cancellationToken);
            await store.AddReceiptAsync(blobEvent.BlobName, blobEvent.ETag, ReceiptOutcome.Rejected, archivePath, null, cancellationToken);
            return;
        }
        else
        {
            files.Add(new StagedFile(fileName, upload.LocalPath, archivePath, upload.Sha256, upload.Bytes));
        }

        var runId = await ApplyAsync(context, files, scratch, cancellationToken);
        await store.AddReceiptAsync(blobEvent.BlobName, blobEvent.ETag, ReceiptOutcome.Processed, archivePath, runId, cancellationToken);
    }

    /// <summary>Validates the new files against the accepted set, keeps the ones without errors, and runs when the set allows.</summary>
    private async Task<string?> ApplyAsync(UploadContext context, IReadOnlyList<StagedFile> uploads, ScratchDirectory scratch,
        CancellationToken cancellationToken)
    {
        var localCopies = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var attempt = 1; attempt <= MaxAcceptedSetAttempts; attempt++)
        {
            var (current, etag) = await store.LoadAcceptedSetAsync(context.TrialId, cancellationToken);
            var inputs = new Dictionary<string, ExportFile>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in current.Files)
            {
                inputs[file.FileName] = await FromArchiveAsync(file, localCopies, scratch, cancellationToken);
            }

            foreach (var upload in uploads)
            {
                inputs[upload.FileName] = Local(upload.FileName, upload.LocalPath);
            }

            var candidate = TrialPipeline.Run([.. inputs.Values], expectedTrialId: context.TrialId);
            var accepted = new List<AcceptedFile>(current.Files);
            var rejected = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var upload in uploads)
            {
                if (Check(candidate, upload.FileName) is { HasErrors: true })
                {
                    rejected.Add(upload.FileName);
                    continue;
                }

                if (current.Find(upload.FileName) is { } existing && existing.Sha256 == upload.Sha256)
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
                var final = new List<ExportFile>();
                foreach (var file in next.Files)
                {
                    var staged = uploads.FirstOrDefault(u => u.ArchivePath == file.ArchivePath);
                    final.Add(staged is not null ? Local(file.FileName, staged.LocalPath) : await FromArchiveAsync(file, localCopies, scratch, cancellationToken));
                }

                outcome = TrialPipeline.Run(final, expectedTrialId: context.TrialId);
            }

            if (changed && !await store.TrySaveAcceptedSetAsync(next, etag, cancellationToken))
            {
                continue; // another upload of this trial changed the set first: start again from its version
            }

            foreach (var upload in uploads)
            {
                var check = Check(candidate, upload.FileName);
                var isRejected = rejected.Contains(upload.FileName);
                var issues = check?.Issues ?? [];
                await WriteReportAsync(new ValidationReport(context.TrialId, upload.FileName,
                    isRejected ? UploadStatus.Rejected : UploadStatus.Accepted, context.Source, context.ETag, context.ReceivedUtc,
                    upload.ArchivePath, upload.Sha256, upload.Bytes, check?.Rows, check?.Kind, check?.Errors ?? 0, check?.Warnings ?? 0, issues,
                    outcome.BundleIssues, isRejected ? next.Find(upload.FileName) : null, outcome.Run?.RunId,
                    outcome.Run is null ? outcome.NotRunReason : null, TrialPipeline.Version), cancellationToken);
            }

            if (outcome.Run is not { } run)
            {
                logger.LogInformation("Trial {TrialId}: no run yet ({Reason}).", context.TrialId, outcome.NotRunReason ?? "the accepted files do not allow one");
                return null;
            }

            await WriteRunAsync(run, next.Sequence, context, cancellationToken);
            return run.RunId;
        }

        throw new InvalidOperationException($"Trial {context.TrialId}: the accepted set kept changing under concurrent uploads; the message will be retried.");
    }

    private async Task WriteRunAsync(RunModel run, long sequence, UploadContext context, CancellationToken cancellationToken)
    {
        var (trialId, runId) = (run.Trial.TrialId, run.RunId);
        if (await store.RunExistsAsync(trialId, runId, cancellationToken))
        {
            logger.LogInformation("Trial {TrialId}: run {RunId} already exists for these inputs; no new run.", trialId, runId);
        }
        else
        {
            var history = await HistoryAsync(run, cancellationToken);
            await PutReportAsync(TrialStore.TrialReportPath(trialId, runId), Reports.TrialReport(run, history), cancellationToken);
            foreach (var site in run.Sites)
            {
                await PutReportAsync(TrialStore.SiteReportPath(trialId, runId, site.SiteId), Reports.SiteReport(run, site.SiteId, history), cancellationToken);
            }

            await store.RecordRunAsync(run, context.Source, context.ReceivedUtc, cancellationToken);
            await store.PutRunJsonAsync(run, cancellationToken);
            logger.LogInformation("Trial {TrialId}: run {RunId} written ({Sites} sites, data cut-off {DataCutOff:yyyy-MM-dd}).", trialId, runId,
                run.Sites.Count, run.Trial.DataCutOff);
        }

        var latest = new LatestRun(trialId, runId, sequence, run.Trial.DataCutOff, TrialStore.RunJsonPath(trialId, runId),
            TrialStore.TrialReportPath(trialId, runId), [.. run.Sites.Select(s => s.SiteId)]);
        if (await store.AdvanceLatestAsync(latest, cancellationToken))
        {
            logger.LogInformation("Trial {TrialId}: latest run is now {RunId}.", trialId, runId);
        }
    }

    /// <summary>The trial's earlier runs (one per earlier data cut-off) for the trend sections of this run's reports.</summary>
    private async Task<RunHistory> HistoryAsync(RunModel run, CancellationToken cancellationToken)
    {
        var created = RunHistory.Create(run, await store.EarlierRunsAsync(run, cancellationToken));
        if (created.History is { } history)
        {
            return history;
        }

        logger.LogWarning("Trial {TrialId}: run {RunId} is reported without trends ({Problem}).", run.Trial.TrialId, run.RunId, created.Problem);
        return RunHistory.None;
    }

    private async Task PutReportAsync(string path, byte[] pdf, CancellationToken cancellationToken)
    {
        if (await store.PutRunReportAsync(path, pdf, cancellationToken))
        {
            logger.LogInformation("Report written: {Container}/{Path}.", StorageNames.ReportsContainer, path);
        }
    }

    private async Task WriteReportAsync(ValidationReport report, CancellationToken cancellationToken)
    {
        await store.WriteValidationReportAsync(report, cancellationToken);
        logger.LogInformation("Validation {TrialId}/{File}: {Status}, {Errors} errors, {Warnings} warnings.", report.TrialId, report.File,
            report.Status, report.Errors, report.Warnings);
    }

    private async Task<ExportFile> FromArchiveAsync(AcceptedFile file, Dictionary<string, string> localCopies, ScratchDirectory scratch,
        CancellationToken cancellationToken)
    {
        if (!localCopies.TryGetValue(file.ArchivePath, out var path))
        {
            path = scratch.NewFile();
            await store.DownloadArchivedAsync(file.ArchivePath, path, cancellationToken);
            localCopies[file.ArchivePath] = path;
        }

        return Local(file.FileName, path);
    }

    private static ExportFile Local(string fileName, string path) => new(fileName, () => File.OpenRead(path));

    private static async Task<(string Sha256, long Bytes)> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken);
        return (Convert.ToHexStringLower(hash), stream.Length);
    }

    private static FileValidation? Check(PipelineResult outcome, string fileName) =>
        outcome.Files.FirstOrDefault(f => string.Equals(f.FileName, fileName, StringComparison.OrdinalIgnoreCase));

    private sealed record UploadContext(string TrialId, string Source, string ETag, DateTimeOffset ReceivedUtc);

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
