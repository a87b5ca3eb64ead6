using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Reporting.Functions.Storage;
using Reporting.LocalHost;
using Reporting.LocalHost.Azurite;
using Reporting.TestSupport;
using Xunit.Abstractions;

namespace Reporting.Functions.Tests.Reliability;

/// <summary>
/// Storage faults between the app's Azure SDK clients and Azurite (<see cref="FaultProxy"/>): 500/503/429 answers, dropped
/// connections before and after a write reached storage, answers slower than the clients' network timeout, truncated
/// downloads and lost races on the accepted set. The local host runs the app as a developer runs it (the WebJobs queue
/// listener, the Event Grid stand-in); the SDK's own retry policy, left at its defaults except a shorter network timeout,
/// is what recovers. The same uploads then run fault-free on a fresh Azurite: every trial must end with the same run and
/// byte-identical run.json and PDFs.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class StorageFaultTests(ITestOutputHelper output)
{
    /// <summary>The clients' network timeout under the proxy (the SDK default is 100 s); held-back answers wait longer.</summary>
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan SlowerThan = TimeSpan.FromSeconds(5);

    [Fact]
    public Task Ingest_UnderInjectedStorageFaults_ArchivesEachUploadOnceAndMatchesAFaultFreeRun() =>
        RunAsync(ShortWorkload(), FaultScript.AllKinds(seed: 1501, rate: 0.03, SlowerThan), minimumFaults: 10);

    [FullFact]
    [Trait("Category", "Full")]
    public Task Ingest_UnderAHundredOrMoreStorageFaults_ArchivesEachUploadOnceAndMatchesAFaultFreeRun() =>
        RunAsync(FullWorkload(), FaultScript.AllKinds(seed: 1502, rate: 0.03, SlowerThan), minimumFaults: 100);

    /// <summary>16 uploads over three trials: file by file, a zip, rejected then corrected files holding planted values, a
    /// second upload of the same bytes, and two events delivered twice.</summary>
    private static Workload ShortWorkload()
    {
        var plain = SampleTrial.Files("flt-a");
        var marked = PlantedMarkers.Trial("flt-m");
        return new Workload(
        [
            [
                .. plain.Select(f => new WorkItem("flt-a", f.Name, f.Content)),
                .. MarkedFirstPhase("flt-m", marked),
                new WorkItem("flt-z", "export.zip", SampleTrial.Zip(SampleTrial.Files("flt-z")), Entries: SampleTrial.Files("flt-z")),
            ],
            [new WorkItem("flt-a", "sites.csv", plain.Single(f => f.Name == "sites.csv").Content)],
            [.. MarkedCorrections("flt-m", marked)],
        ], duplicateEvents: 2, seed: 15);
    }

    /// <summary>36 uploads over six trials: four file by file, one of them sent again as a zip of the same files, a zip-only
    /// trial, the marked trial with rejected then corrected files, second uploads of the same bytes, five events delivered twice.</summary>
    private static Workload FullWorkload()
    {
        string[] plainTrials = ["flt-a", "flt-b", "flt-c", "flt-d"];
        var marked = PlantedMarkers.Trial("flt-m");
        return new Workload(
        [
            [
                .. plainTrials.SelectMany(t => SampleTrial.Files(t).Select(f => new WorkItem(t, f.Name, f.Content))),
                .. MarkedFirstPhase("flt-m", marked),
                new WorkItem("flt-z", "export.zip", SampleTrial.Zip(SampleTrial.Files("flt-z")), Entries: SampleTrial.Files("flt-z")),
            ],
            [
                new WorkItem("flt-a", "sites.csv", SampleTrial.Files("flt-a").Single(f => f.Name == "sites.csv").Content),
                new WorkItem("flt-c", "codings.csv", SampleTrial.Files("flt-c").Single(f => f.Name == "codings.csv").Content),
                new WorkItem("flt-b", "export.zip", SampleTrial.Zip(SampleTrial.Files("flt-b")), Entries: SampleTrial.Files("flt-b")),
            ],
            [.. MarkedCorrections("flt-m", marked)],
        ], duplicateEvents: 5, seed: 16);
    }

    /// <summary>The marked trial's first uploads: participants.csv and contacts.csv with errors (rejected), the rest valid.</summary>
    private static IEnumerable<WorkItem> MarkedFirstPhase(string trialId, IReadOnlyList<(string Name, byte[] Content)> marked) =>
    [
        .. marked.Where(f => f.Name is not ("participants.csv" or "contacts.csv")).Select(f => new WorkItem(trialId, f.Name, f.Content)),
        new WorkItem(trialId, "participants.csv", PlantedMarkers.RejectedParticipants(trialId), Accepted: false),
        new WorkItem(trialId, "contacts.csv", PlantedMarkers.RejectedContacts(trialId), Accepted: false),
    ];

    private static IEnumerable<WorkItem> MarkedCorrections(string trialId, IReadOnlyList<(string Name, byte[] Content)> marked) =>
        marked.Where(f => f.Name is "participants.csv" or "contacts.csv").Select(f => new WorkItem(trialId, f.Name, f.Content));

    private async Task RunAsync(Workload workload, FaultScript script, int minimumFaults)
    {
        var reference = await RunOnceAsync(workload, null);
        var faulted = await RunOnceAsync(workload, script);

        var faults = faulted.Faults!;
        ReliabilityNote.Write(output, string.Create(CultureInfo.InvariantCulture,
            $"storage faults (seed {script.Seed}): {workload.UploadCount} uploads over {workload.TrialIds.Count()} trials, " +
            $"{workload.DuplicateEvents} events delivered twice; {faults}; IngestExport executions that failed and were retried by the queue " +
            $"{ReliabilityNote.FailedIngests(faulted.Logs)}; poison messages {faulted.Poisoned}; {faulted.Audit}; " +
            $"log lines {faulted.Logs.Count + reference.Logs.Count}, planted values in them {PlantedMarkers.CountIn(faulted.Logs) + PlantedMarkers.CountIn(reference.Logs)}; " +
            $"with faults {faulted.Took.TotalSeconds:F0} s, fault-free {reference.Took.TotalSeconds:F0} s"));

        reference.Audit.AssertClean();
        faulted.Audit.AssertClean();
        StorageAudit.AssertSameOutputs(reference.Audit, faulted.Audit);
        Assert.True(faults.TotalFaults >= minimumFaults, $"only {faults.TotalFaults} faults were injected");
        Assert.True(faults.Faults[FaultKind.AcceptedSetRace] > 0, "no race on the accepted set was injected");
        Assert.True(faults.Retries > 0, "the SDK never retried");
        // Every held-back answer was abandoned: the clients' (lowered) network timeout fired, then the SDK retried.
        Assert.Equal(faults.Faults[FaultKind.SlowerThanTimeout], faults.TimedOut);
        Assert.Equal(0, faulted.Poisoned);
        Assert.Equal(0, reference.Poisoned);
        PlantedMarkers.AssertNoneIn(reference.Logs, "the fault-free run's log");
        PlantedMarkers.AssertNoneIn(faulted.Logs, "the fault run's log");
    }

    private sealed record Outcome(AuditResult Audit, FaultCounts? Faults, IReadOnlyList<string> Logs, int Poisoned, TimeSpan Took);

    /// <summary>The workload through a local host on a fresh Azurite, behind the proxy when <paramref name="script"/> is given.</summary>
    private static async Task<Outcome> RunOnceAsync(Workload workload, FaultScript? script)
    {
        await using var azurite = await AzuriteProcess.StartAsync(RepoPaths.Root, null, CancellationToken.None);
        await using var proxy = script is null ? null : await FaultProxy.StartAsync(azurite.BlobPort, azurite.QueuePort, azurite.TablePort, script);
        var logs = new LogRecorder();
        var options = new LocalOptions(Port: 0, VisibilityTimeout: TimeSpan.FromSeconds(1), RepoRoot: RepoPaths.Root)
        {
            // The app's clients (and the queue listener, which shares the TrialData connection) go through the proxy; the
            // WebJobs host's own locks and timer state do not.
            StorageConnectionString = proxy?.ConnectionString ?? azurite.ConnectionString,
            Settings = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:LogLevel:Azure.Core"] = "Warning",
            },
            LogSink = logs,
            ConfigureStorageClients = proxy is null ? null : clientOptions => clientOptions.Retry.NetworkTimeout = NetworkTimeout,
        };

        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var queues = new QueueServiceClient(azurite.ConnectionString);
        var tables = new TableServiceClient(azurite.ConnectionString);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<Upload> uploads;
        await using (await LocalApp.StartAsync(options, TextWriter.Null, CancellationToken.None))
        {
            proxy?.Enabled = true;
            uploads = await workload.RunAsync(blobs, queues, new TrialStore(blobs, tables));
            proxy?.Enabled = false;
        }

        clock.Stop();
        var poisoned = (await queues.GetQueueClient(StorageNames.ExportEventsPoisonQueue).PeekMessagesAsync(32)).Value.Length;
        var audit = await StorageAudit.RunAsync(blobs, tables, uploads);
        return new Outcome(audit, proxy?.Counts(), logs.Lines, poisoned, clock.Elapsed);
    }
}
