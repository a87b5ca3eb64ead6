using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Reporting.Core;
using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Functions.Storage;
using Reporting.LocalHost;
using Reporting.Samples;
using Reporting.TestSupport;
using Xunit.Abstractions;

namespace Reporting.Functions.Tests.Reliability;

/// <summary>
/// Many trials uploading their files at once through the local host (the WebJobs queue listener at host.json's batch size,
/// the Event Grid stand-in): every trial must end with the run the offline pipeline gives for its files, with its own sites;
/// every upload archived once and reported; nothing in the poison queue. The time taken is reported, not asserted.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class LoadTests(ITestOutputHelper output)
{
    [Fact]
    public Task Load_FiveTrialsUploadingAtOnce_EachEndsWithItsOwnRun() => RunAsync(5);

    [FullFact]
    [Trait("Category", "Full")]
    public Task Load_FiftyTrialsUploadingAtOnce_EachEndsWithItsOwnRun() => RunAsync(50);

    private async Task RunAsync(int trialCount)
    {
        var folder = Directory.CreateTempSubdirectory("load-trials-").FullName;
        try
        {
            var items = new List<WorkItem>();
            var expected = new Dictionary<string, (string RunId, IReadOnlyList<string> SiteIds)>(StringComparer.Ordinal);
            for (var i = 0; i < trialCount; i++)
            {
                var trialId = string.Create(CultureInfo.InvariantCulture, $"load-{i:D2}");
                var files = Trial(Path.Combine(folder, trialId), trialId, i);
                items.AddRange(files.Select(f => new WorkItem(trialId, f.Name, f.Content)));
                var run = TrialPipeline.Run([.. files.Select(f => new ExportFile(f.Name, () => new MemoryStream(f.Content, writable: false)))],
                    expectedTrialId: trialId).Run ?? throw new InvalidOperationException($"{trialId}: the generated trial gives no run.");
                expected[trialId] = (run.RunId, SiteIdsOf(files.Single(f => f.Name == "sites.csv").Content));
            }

            var logs = new LogRecorder();
            await using var app = await LocalApp.StartAsync(
                new LocalOptions(Port: 0, VisibilityTimeout: TimeSpan.FromSeconds(1), RepoRoot: RepoPaths.Root) { LogSink = logs },
                TextWriter.Null, CancellationToken.None);
            var connection = app.Azurite!.ConnectionString;
            var blobs = new BlobServiceClient(connection);
            var tables = new TableServiceClient(connection);
            var queues = new QueueServiceClient(connection);

            var clock = Stopwatch.StartNew();
            var uploads = await Workload.UploadAsync(blobs, items.OrderBy(_ => Random.Shared.Next()), phase: 0);
            await Workload.WaitForReceiptsAsync(new TrialStore(blobs, tables), uploads, queues);
            await Workload.WaitForEmptyQueueAsync(queues);
            clock.Stop();

            var poison = (await queues.GetQueueClient(StorageNames.ExportEventsPoisonQueue).PeekMessagesAsync(32)).Value
                .Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.MessageText))).ToList();
            var audit = await StorageAudit.RunAsync(blobs, tables, uploads);
            ReliabilityNote.Write(output, string.Create(CultureInfo.InvariantCulture,
                $"load: {trialCount} trials, {uploads.Count} uploads at once, all processed in {clock.Elapsed.TotalSeconds:F1} s; " +
                $"poison messages {poison.Count}{(poison.Count > 0 ? ": " + string.Join(" | ", poison) : "")}; " +
                $"IngestExport executions that failed and were retried {ReliabilityNote.FailedIngests(logs.Lines)}; {audit}; " +
                $"log lines {logs.Lines.Count}, planted values in them {PlantedMarkers.CountIn(logs.Lines)}"));

            Assert.Empty(poison);
            audit.AssertClean();
            foreach (var (trialId, (runId, siteIds)) in expected)
            {
                var outcome = audit.Trials[trialId];
                Assert.Equal(runId, outcome.LatestRunId);
                var run = RunModelJson.Deserialize(Encoding.UTF8.GetString(outcome.Outputs["run.json"]));
                Assert.Equal(trialId, run.Trial.TrialId);
                Assert.Equal(siteIds, run.Sites.Select(s => s.SiteId).Order(StringComparer.Ordinal));
            }

            PlantedMarkers.AssertNoneIn(logs.Lines, "the load run's log");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A small synthetic trial of its own size and seed; the first holds a planted site name.</summary>
    private static IReadOnlyList<(string Name, byte[] Content)> Trial(string directory, string trialId, int index)
    {
        SampleGenerator.WriteScaled(directory, new ScaledOptions(Sites: 3 + (index % 4), Participants: 24 + (2 * (index % 10)), ContactsPerParticipant: 3,
            TrialId: trialId), seed: (ulong)(100 + index));
        var files = Directory.GetFiles(directory).Order(StringComparer.Ordinal).Select(f => (Name: Path.GetFileName(f), Content: File.ReadAllBytes(f))).ToList();
        if (index == 0)
        {
            var sites = files.FindIndex(f => f.Name == "sites.csv");
            var lines = Encoding.UTF8.GetString(files[sites].Content).Split('\n');
            var cells = lines[1].Split(',');
            cells[1] = PlantedMarkers.SiteName;
            lines[1] = string.Join(',', cells);
            files[sites] = ("sites.csv", Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        }

        return files;
    }

    /// <summary>The site ids sites.csv lists (its first column), read independently of the app's reader.</summary>
    private static List<string> SiteIdsOf(byte[] sitesCsv) =>
        [.. Encoding.UTF8.GetString(sitesCsv).Split('\n').Skip(1).Where(l => l.Trim().Length > 0).Select(l => l.Split(',')[0].Trim()).Order(StringComparer.Ordinal)];
}
