using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Reporting.Core.Analysis;
using Reporting.Functions.Storage;

namespace Reporting.Functions.Tests.Reliability;

/// <summary>What one trial ended with: its latest run and that run's stored outputs (run.json and every PDF, by path inside
/// the run folder).</summary>
internal sealed record TrialOutcome(string TrialId, string LatestRunId, int Runs, IReadOnlyDictionary<string, byte[]> Outputs);

/// <summary>Everything the audit found wrong, by kind, and what each trial ended with.</summary>
internal sealed record AuditResult(
    IReadOnlyList<string> LostUploads,
    IReadOnlyList<string> DuplicateArchives,
    IReadOnlyList<string> DuplicateRuns,
    IReadOnlyList<string> IncompleteRuns,
    IReadOnlyList<string> WrongLatest,
    IReadOnlyList<string> Unreported,
    IReadOnlyDictionary<string, TrialOutcome> Trials,
    int ArchiveCopies,
    int RunCount)
{
    public IEnumerable<string> Problems =>
        LostUploads.Concat(DuplicateArchives).Concat(DuplicateRuns).Concat(IncompleteRuns).Concat(WrongLatest).Concat(Unreported);

    /// <summary>Fails the test with every problem found.</summary>
    public void AssertClean()
    {
        var problems = Problems.ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):\n{string.Join('\n', problems.Take(20))}");
    }

    public override string ToString() =>
        $"lost uploads {LostUploads.Count}, duplicate archive copies {DuplicateArchives.Count}, duplicate runs {DuplicateRuns.Count}, " +
        $"incomplete runs {IncompleteRuns.Count}, wrong latest runs {WrongLatest.Count}, unreported uploads {Unreported.Count} " +
        $"({ArchiveCopies} archive copies, {RunCount} runs over {Trials.Count} trials)";
}

/// <summary>
/// Reads storage directly after a workload and checks the app's promises (docs/architecture.md, "At-least-once, idempotent,
/// resumable"): every upload has its receipt and exactly one archived copy of its bytes (a zip's entries beside it), and no
/// other copy exists; every file name's validation report is that of its last upload; every run folder is complete (run.json,
/// trial.pdf, one PDF per site, a Runs row) and no two runs have the same inputs; latest.json names the run of the trial's
/// final accepted files.
/// </summary>
internal static class StorageAudit
{
    public static async Task<AuditResult> RunAsync(BlobServiceClient blobs, TableServiceClient tables, IReadOnlyList<Upload> uploads)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(uploads);
        var store = new TrialStore(blobs, tables);
        var lost = new List<string>();
        var duplicates = new List<string>();
        var duplicateRuns = new List<string>();
        var incomplete = new List<string>();
        var wrongLatest = new List<string>();
        var unreported = new List<string>();
        var outcomes = new Dictionary<string, TrialOutcome>(StringComparer.Ordinal);
        var archive = blobs.GetBlobContainerClient(StorageNames.ArchiveContainer);
        var receipts = tables.GetTableClient(StorageNames.ReceiptsTable);
        var archiveCopies = 0;
        var runCount = 0;

        foreach (var trialId in uploads.Select(u => u.Item.TrialId).Distinct(StringComparer.Ordinal))
        {
            var trialUploads = uploads.Where(u => u.Item.TrialId == trialId).ToList();

            // Receipts and archived copies: each upload once, nothing else.
            var expectedArchive = new Dictionary<string, string>(StringComparer.Ordinal); // path -> sha256
            foreach (var upload in trialUploads)
            {
                var row = await receipts.GetEntityIfExistsAsync<TableEntity>(Names.TableKey(upload.Item.BlobName), Names.TableKey(upload.ETag));
                if (!row.HasValue || row.Value is not { } receipt)
                {
                    lost.Add($"{upload.Item.BlobName} ({upload.ETag}): no receipt");
                    continue;
                }

                var outcome = receipt.GetString("Outcome");
                var archivePath = receipt.GetString("ArchivePath");
                if (outcome is not (nameof(ReceiptOutcome.Processed) or nameof(ReceiptOutcome.Rejected)) || archivePath is null)
                {
                    lost.Add($"{upload.Item.BlobName} ({upload.ETag}): receipt {outcome}, archive {archivePath ?? "none"}");
                    continue;
                }

                if (expectedArchive.ContainsKey(archivePath))
                {
                    duplicates.Add($"{upload.Item.BlobName} ({upload.ETag}): shares its archive path with another upload");
                }

                expectedArchive[archivePath] = upload.Sha256;
                var folder = archivePath[..archivePath.LastIndexOf('/')];
                if (upload.Item.Entries is { } entries && upload.Item.Accepted)
                {
                    foreach (var (name, content) in entries)
                    {
                        expectedArchive[$"{folder}/{name}"] = Workload.Sha256(content);
                    }
                }
            }

            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var blob in archive.GetBlobsAsync(new GetBlobsOptions { Prefix = trialId + "/" }))
            {
                var content = await archive.GetBlobClient(blob.Name).DownloadContentAsync();
                found[blob.Name] = Convert.ToHexStringLower(SHA256.HashData(content.Value.Content.ToMemory().Span));
            }

            archiveCopies += found.Count;
            foreach (var (path, sha) in expectedArchive)
            {
                if (!found.TryGetValue(path, out var stored))
                {
                    lost.Add($"archive/{path}: missing");
                }
                else if (stored != sha)
                {
                    lost.Add($"archive/{path}: holds other bytes than the upload");
                }
            }

            duplicates.AddRange(found.Keys.Where(p => !expectedArchive.ContainsKey(p)).Select(p => $"archive/{p}: a copy no upload accounts for"));

            // Validation reports: each name's report is its last upload's. A zip's entries are reported under the zip's ETag,
            // so an accepted zip counts as an upload of each of its entries' names too.
            var reported = trialUploads
                .Select(u => (Name: u.Item.FileName, u.ETag, u.Phase, u.Item.Accepted, Source: u.Item.BlobName))
                .Concat(trialUploads.Where(u => u.Item.Entries is not null && u.Item.Accepted)
                    .SelectMany(u => u.Item.Entries!.Select(e => (Name: e.Name, u.ETag, u.Phase, Accepted: true, Source: $"{u.Item.BlobName} ({e.Name})"))));
            foreach (var last in reported.GroupBy(r => r.Name, StringComparer.Ordinal).Select(g => g.MaxBy(r => r.Phase)))
            {
                var report = await store.GetValidationReportAsync(trialId, last.Name, CancellationToken.None);
                if (report is null || report.SourceETag != last.ETag)
                {
                    unreported.Add($"{last.Source}: validation report {(report is null ? "missing" : "of another upload")}");
                }
                else if ((report.Status == UploadStatus.Accepted) != last.Accepted)
                {
                    unreported.Add($"{last.Source}: reported {report.Status}, expected {(last.Accepted ? "accepted" : "rejected")}");
                }
            }

            // Runs: complete, indexed, one per distinct input set.
            var reports = blobs.GetBlobContainerClient(StorageNames.ReportsContainer);
            var byRun = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            await foreach (var blob in reports.GetBlobsAsync(new GetBlobsOptions { Prefix = trialId + "/" }))
            {
                var parts = blob.Name.Split('/', 3);
                if (parts.Length == 3)
                {
                    (byRun.TryGetValue(parts[1], out var list) ? list : byRun[parts[1]] = []).Add(parts[2]);
                }
            }

            var indexed = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var record in store.ListRunsAsync(trialId, CancellationToken.None))
            {
                indexed.Add(record.RunId);
            }

            var inputSets = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (runId, files) in byRun)
            {
                runCount++;
                var run = files.Contains("run.json") ? await store.ReadRunAsync(trialId, runId, CancellationToken.None) : null;
                if (run is null)
                {
                    incomplete.Add($"{trialId}/{runId}: no run.json");
                    continue;
                }

                string[] expected = ["run.json", "trial.pdf", .. run.Sites.Select(s => $"sites/{s.SiteId}.pdf")];
                if (!expected.Order(StringComparer.Ordinal).SequenceEqual(files.Order(StringComparer.Ordinal)))
                {
                    incomplete.Add($"{trialId}/{runId}: outputs {string.Join(", ", files.Order(StringComparer.Ordinal))}");
                }

                if (!indexed.Contains(runId))
                {
                    incomplete.Add($"{trialId}/{runId}: no row in the Runs table");
                }

                var key = InputKey(run.Provenance.Files.Select(f => (f.FileName, f.Sha256)));
                if (inputSets.TryGetValue(key, out var twin))
                {
                    duplicateRuns.Add($"{trialId}: runs {twin} and {runId} have the same inputs");
                }

                inputSets[key] = runId;
            }

            duplicateRuns.AddRange(indexed.Where(r => !byRun.ContainsKey(r)).Select(r => $"{trialId}/{r}: a Runs row without outputs"));

            // The latest run is the one of the final accepted files.
            var finalInputs = FinalInputs(trialUploads);
            var latest = await store.GetLatestAsync(trialId, CancellationToken.None);
            if (finalInputs.Count == 0)
            {
                if (latest is not null)
                {
                    wrongLatest.Add($"{trialId}: a latest run although nothing was accepted");
                }

                continue;
            }

            var latestRun = latest is null ? null : await store.ReadRunAsync(trialId, latest.RunId, CancellationToken.None);
            if (latest is null || latestRun is null)
            {
                wrongLatest.Add($"{trialId}: no latest run");
                continue;
            }

            if (InputKey(latestRun.Provenance.Files.Select(f => (f.FileName, f.Sha256))) != InputKey(finalInputs.Select(f => (f.Key, f.Value))))
            {
                wrongLatest.Add($"{trialId}: latest run {latest.RunId} is not the run of the final accepted files");
            }

            var outputs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var file in byRun[latest.RunId])
            {
                outputs[file] = (await reports.GetBlobClient($"{trialId}/{latest.RunId}/{file}").DownloadContentAsync()).Value.Content.ToArray();
            }

            outcomes[trialId] = new TrialOutcome(trialId, latest.RunId, byRun.Count, outputs);
        }

        return new AuditResult(lost, duplicates, duplicateRuns, incomplete, wrongLatest, unreported, outcomes, archiveCopies, runCount);
    }

    /// <summary>Each file name's last accepted bytes (a zip contributes its entries).</summary>
    public static Dictionary<string, string> FinalInputs(IEnumerable<Upload> uploads)
    {
        var inputs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var upload in uploads.Where(u => u.Item.Accepted).OrderBy(u => u.Phase))
        {
            if (upload.Item.Entries is { } entries)
            {
                foreach (var (name, content) in entries)
                {
                    inputs[name] = Workload.Sha256(content);
                }
            }
            else
            {
                inputs[upload.Item.FileName] = upload.Sha256;
            }
        }

        return inputs;
    }

    /// <summary>Fails the test unless both runs ended each trial with the same run and byte-identical outputs.</summary>
    public static void AssertSameOutputs(AuditResult expected, AuditResult actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.Trials.Keys.Order(StringComparer.Ordinal), actual.Trials.Keys.Order(StringComparer.Ordinal));
        foreach (var (trialId, reference) in expected.Trials)
        {
            var outcome = actual.Trials[trialId];
            Assert.Equal(reference.LatestRunId, outcome.LatestRunId);
            Assert.Equal(reference.Outputs.Keys.Order(StringComparer.Ordinal), outcome.Outputs.Keys.Order(StringComparer.Ordinal));
            foreach (var (path, bytes) in reference.Outputs)
            {
                Assert.True(bytes.AsSpan().SequenceEqual(outcome.Outputs[path]), $"{trialId}/{reference.LatestRunId}/{path} differs from the fault-free run's");
            }
        }
    }

    private static string InputKey(IEnumerable<(string FileName, string Sha256)> files) =>
        string.Join('\n', files.Select(f => $"{f.FileName.ToLowerInvariant()}:{f.Sha256}").Order(StringComparer.Ordinal));
}
