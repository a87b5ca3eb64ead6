using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Reporting.Functions.Storage;
using Reporting.LocalHost.Azurite;
using Reporting.LocalHost.Testing;
using Reporting.TestSupport;
using Xunit.Abstractions;

namespace Reporting.Functions.Tests.Reliability;

/// <summary>
/// A worker killed in the middle of an ingest (the local host's crash point, <see cref="CrashPoint"/>): once after the
/// archive and the accepted set, before the run's first PDF; once after the PDFs and run.json, before latest.json. Each
/// time the host (reporting-local, a child process with <c>--data</c>) is started again on the same storage, and the
/// delivery it receives completes the work: every upload archived once and reported, one run per input set, the run of the
/// final files byte-identical to the offline pipeline's, and no planted cell value in any line the hosts printed.
/// </summary>
/// <remarks>
/// The killed worker's own message stays leased for the WebJobs listener's fixed ten minutes (as in Azure). The restarted
/// host completes the work from the Event Grid stand-in's fresh announcement of the same blob version (it announces every
/// export again at start; Event Grid delivers at least once); the full variant also waits for the leased originals to
/// come back and checks they are duplicates that change nothing.
/// </remarks>
[Collection(ReliabilityCollection.Name)]
public sealed partial class KilledWorkerTests(ITestOutputHelper output)
{
    private const string BeforeTheRun = "reports/*/*/trial.pdf";
    private const string BeforeLatest = "reports/*/latest.json";

    [Fact]
    public Task Ingest_WorkerKilledBeforeTheRunThenBeforeLatest_RestartCompletesEachRunOnceAndLosesNothing() => RunAsync(waitOutTheLease: false);

    [FullFact]
    [Trait("Category", "Full")]
    public Task Ingest_WorkerKilledTwice_LeasedDeliveriesComeBackAfterTheirLeaseAndChangeNothing() => RunAsync(waitOutTheLease: true);

    /// <summary>A zip holding the marked trial, and a second trial file by file: seven uploads in flight when the worker dies.</summary>
    private static IReadOnlyList<WorkItem> Items()
    {
        var marked = PlantedMarkers.Trial("kill-m");
        return
        [
            new WorkItem("kill-m", "export.zip", SampleTrial.Zip(marked), Entries: marked),
            .. SampleTrial.Files("kill-b").Select(f => new WorkItem("kill-b", f.Name, f.Content)),
        ];
    }

    private async Task RunAsync(bool waitOutTheLease)
    {
        var data = Directory.CreateTempSubdirectory("killed-worker-").FullName;
        var printed = new List<string>();
        try
        {
            // 1. Killed after the archive and the accepted set, before the run's first PDF.
            IReadOnlyList<Upload> uploads;
            string firstCrash;
            await using (var first = Start(BeforeTheRun, data))
            {
                var (_, _, connection, _) = await first.WaitForStartAsync();
                uploads = await Workload.UploadAsync(new BlobServiceClient(connection), Items(), phase: 0);
                Assert.Equal(137, await first.WaitForExitAsync(TimeSpan.FromMinutes(5)));
                printed.AddRange(first.Lines.Concat(first.Errors));
                firstCrash = CrashedAt(first.Errors);
            }

            var crashedTrial = TrialOf(firstCrash);
            await InspectAsync(data, async (blobs, tables) =>
            {
                Assert.Empty(await ListAsync(blobs, StorageNames.ReportsContainer, "", ".pdf"));
                Assert.NotEmpty(await ListAsync(blobs, StorageNames.ArchiveContainer, crashedTrial + "/", ""));
                Assert.True((await blobs.GetBlobContainerClient(StorageNames.ReportsContainer).GetBlobClient(TrialStore.AcceptedSetPath(crashedTrial)).ExistsAsync()).Value);
                var receipts = await ReceiptsAsync(tables, uploads);
                Assert.True(receipts < uploads.Count,
                    $"all {receipts} uploads have a receipt although the worker died before {crashedTrial}'s run: a receipt must be written last");
            });

            // 2. Killed after the PDFs and run.json of a run, before latest.json names it.
            string secondCrash;
            await using (var second = Start(BeforeLatest, data))
            {
                await second.WaitForStartAsync();
                Assert.Equal(137, await second.WaitForExitAsync(TimeSpan.FromMinutes(5)));
                printed.AddRange(second.Lines.Concat(second.Errors));
                secondCrash = CrashedAt(second.Errors);
            }

            var unnamedTrial = TrialOf(secondCrash);
            await InspectAsync(data, async (blobs, tables) =>
            {
                var store = new TrialStore(blobs, tables);
                var latest = await store.GetLatestAsync(unnamedTrial, CancellationToken.None);
                var complete = (await ListAsync(blobs, StorageNames.ReportsContainer, unnamedTrial + "/", "/run.json")).Select(p => p.Split('/')[1]);
                Assert.Contains(complete, runId => runId != latest?.RunId);
                var receipts = await ReceiptsAsync(tables, uploads);
                Assert.True(receipts < uploads.Count,
                    $"all {receipts} uploads have a receipt although the worker died before {unnamedTrial}'s latest.json: a receipt must be written last");
            });

            // 3. Started again: the work completes.
            await using var third = Start(null, data);
            var (_, _, storage, _) = await third.WaitForStartAsync();
            var blobs = new BlobServiceClient(storage);
            var tables = new TableServiceClient(storage);
            var queues = new QueueServiceClient(storage);
            await Workload.WaitForReceiptsAsync(new TrialStore(blobs, tables), uploads, queues);
            var leased = await LeasedAsync(queues);
            var audit = await StorageAudit.RunAsync(blobs, tables, uploads);
            var duplicates = 0;
            if (waitOutTheLease)
            {
                await Workload.WaitForEmptyQueueAsync(queues);
                duplicates = third.Lines.Count(l => l.Contains("Duplicate delivery of exports/", StringComparison.Ordinal));
                var after = await StorageAudit.RunAsync(blobs, tables, uploads);
                Assert.Equal(audit.RunCount, after.RunCount);
                Assert.Equal(audit.ArchiveCopies, after.ArchiveCopies);
                after.AssertClean();
            }

            third.Terminate();
            Assert.Equal(0, await third.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            printed.AddRange(third.Lines.Concat(third.Errors));

            ReliabilityNote.Write(output, string.Create(CultureInfo.InvariantCulture,
                $"killed worker: {uploads.Count} uploads over 2 trials; crashes 2 (exit 137 {firstCrash} | {secondCrash}); " +
                $"deliveries still leased by the killed workers when the restart had finished {leased}" +
                $"{(waitOutTheLease ? $", seen again after their lease as duplicates that did nothing {duplicates}" : "")}; {audit}; lines printed by the hosts {printed.Count}, planted values in them {PlantedMarkers.CountIn(printed)}"));

            audit.AssertClean();
            foreach (var trialId in new[] { "kill-m", "kill-b" })
            {
                var files = trialId == "kill-m" ? PlantedMarkers.Trial(trialId) : SampleTrial.Files(trialId);
                OfflineReference.AssertMatches(audit.Trials[trialId], OfflineReference.Run(trialId, files));
            }

            Assert.True(leased > 0, "the killed workers' deliveries should still be leased, not lost");
            if (waitOutTheLease)
            {
                Assert.True(duplicates >= leased, $"{leased} leased deliveries, {duplicates} seen as duplicates");
            }

            PlantedMarkers.AssertNoneIn(printed, "the hosts' output");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static LocalHostProcess Start(string? crashAt, string data) =>
        LocalHostProcess.Start(crashAt is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [CrashPoint.Variable] = crashAt },
            "--port", "0", "--data", data, "--retry-after-seconds", "1");

    /// <summary>The blob path of the write the host crashed before, from its crash line.</summary>
    private static string CrashedAt(IReadOnlyList<string> errors)
    {
        var line = Assert.Single(errors, l => l.Contains($"crash point {CrashPoint.Variable}=", StringComparison.Ordinal));
        return CrashLine().Match(line) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException(line);
    }

    /// <summary>The trial of a crashed write's path (<c>[account/]reports/{trialId}/…</c>).</summary>
    private static string TrialOf(string crashedPath)
    {
        var segments = crashedPath.Split('/');
        return segments[Array.IndexOf(segments, StorageNames.ReportsContainer) + 1];
    }

    /// <summary>Opens the stopped host's persisted storage with an Azurite of the test's own, stopped gently afterwards.</summary>
    private static async Task InspectAsync(string data, Func<BlobServiceClient, TableServiceClient, Task> inspect)
    {
        await using var azurite = await AzuriteProcess.StartAsync(RepoPaths.Root, Path.Combine(data, "azurite"), CancellationToken.None);
        await inspect(new BlobServiceClient(azurite.ConnectionString), new TableServiceClient(azurite.ConnectionString));
    }

    private static async Task<List<string>> ListAsync(BlobServiceClient blobs, string container, string prefix, string suffix)
    {
        var names = new List<string>();
        await foreach (var blob in blobs.GetBlobContainerClient(container).GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }))
        {
            if (blob.Name.EndsWith(suffix, StringComparison.Ordinal))
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }

    private static async Task<int> ReceiptsAsync(TableServiceClient tables, IEnumerable<Upload> uploads)
    {
        var receipts = tables.GetTableClient(StorageNames.ReceiptsTable);
        var count = 0;
        foreach (var upload in uploads)
        {
            var row = await receipts.GetEntityIfExistsAsync<TableEntity>(Names.TableKey(upload.Item.BlobName), Names.TableKey(upload.ETag));
            count += row.HasValue ? 1 : 0;
        }

        return count;
    }

    /// <summary>Messages left in export-events once the restarted host has nothing visible left to take: the deliveries the
    /// killed workers had leased.</summary>
    private static async Task<int> LeasedAsync(QueueServiceClient queues)
    {
        var queue = queues.GetQueueClient(StorageNames.ExportEventsQueue);
        var last = -1;
        for (var stable = 0; stable < 8;)
        {
            await Task.Delay(500);
            var visible = (await queue.PeekMessagesAsync(1)).Value.Length;
            var count = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            stable = visible == 0 && count == last ? stable + 1 : 0;
            last = count;
        }

        return last;
    }

    [GeneratedRegex(@"before PUT (\S+):")]
    private static partial Regex CrashLine();
}
