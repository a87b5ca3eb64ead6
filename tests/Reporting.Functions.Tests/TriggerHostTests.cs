extern alias cli;

using System.Text;
using cli::Reporting.Cli.Dev;
using Reporting.Functions.IngestExport;
using Reporting.Tests.Azurite;

namespace Reporting.Functions.Tests;

/// <summary>The dev trigger host against the handler: function.json discovery, the dequeue-count rule and the poison queue.</summary>
[Collection(HandlerCollection.Name)]
public sealed class TriggerHostTests(HandlerFixture fixture)
{
    private static FunctionCatalog Catalog()
    {
        var root = AzuriteFixture.RepoRoot();
        return FunctionCatalog.Load(Path.Combine(root, "host.json"), Path.Combine(root, "functions", "Reporting.Functions"));
    }

    [Fact]
    public void FunctionCatalog_RepoFunctionJson_FindsTriggersAndHostQueueSettings()
    {
        var catalog = Catalog();

        var ingest = catalog.Functions.Single(f => f.Name == IngestExportFunction.Name);
        Assert.Equal(("queueTrigger", "message", StorageNames.ExportEventsQueue), (ingest.TriggerType, ingest.BindingName, ingest.QueueName));
        Assert.Equal("%FunderReportSchedule%", catalog.Functions.Single(f => f.Name == "PublishFunderReports").Schedule);
        Assert.Equal(5, catalog.Queues.MaxDequeueCount);
        Assert.True(catalog.Queues.Base64);
    }

    [Fact]
    public async Task QueuePump_MessageThatAlwaysFails_LandsInPoisonQueueAfterMaxDequeueCount()
    {
        var catalog = Catalog();
        var function = catalog.Functions.Single(f => f.Name == IngestExportFunction.Name);
        var log = new List<string>();
        // Retry at once instead of after host.json's visibility timeout; the rule under test is the dequeue count.
        var settings = catalog.Queues with { VisibilityTimeout = TimeSpan.Zero };
        var pump = new QueueTriggerPump(fixture.Storage, new HandlerInvoker(fixture.Client), function, settings, line => { lock (log) { log.Add(line); } });
        var text = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"not\":\"an event\"}"));
        var id = await fixture.Storage.Queues.SendAsync(pump.Queue, text, null, CancellationToken.None);

        for (var attempt = 0; attempt < settings.MaxDequeueCount; attempt++)
        {
            Assert.Equal(1, await pump.RunOnceAsync(CancellationToken.None));
        }

        var poisoned = await fixture.Storage.Queues.PeekAsync(pump.PoisonQueue, 32, CancellationToken.None);
        Assert.Contains(poisoned, m => m.Text == text);
        Assert.DoesNotContain(await fixture.Storage.Queues.PeekAsync(pump.Queue, 32, CancellationToken.None), m => m.MessageId == id);
        Assert.Contains(log, l => l.Contains($"moved to {StorageNames.ExportEventsPoisonQueue}", StringComparison.Ordinal) && l.Contains("not Microsoft.Storage.BlobCreated", StringComparison.Ordinal));
        Assert.Equal(settings.MaxDequeueCount - 1, log.Count(l => l.Contains("retrying", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task QueuePump_ValidEvent_IsProcessedAndDeleted()
    {
        var trial = "q" + Guid.NewGuid().ToString("N")[..10];
        var name = $"{trial}/sites.csv";
        var content = SampleTrial.Bytes(SampleTrial.Sites);
        await fixture.Storage.Blobs.PutAsync(StorageNames.ExportsContainer, name, BinaryData.FromBytes(content), Storage.BlobWriteCondition.None, null, CancellationToken.None);
        var watcher = new ExportsWatcher(fixture.Storage, _ => { });
        var catalog = Catalog();
        var pump = new QueueTriggerPump(fixture.Storage, new HandlerInvoker(fixture.Client), catalog.Functions.Single(f => f.Name == IngestExportFunction.Name),
            catalog.Queues, _ => { });

        Assert.True(await watcher.ScanAsync(CancellationToken.None) >= 1);
        while (await pump.RunOnceAsync(CancellationToken.None) > 0)
        {
        }

        Assert.NotNull(await fixture.Storage.Blobs.GetPropertiesAsync(StorageNames.ValidationContainer, $"{trial}/sites.csv.json", CancellationToken.None));
        // Nothing changed since: a second scan sends no event.
        Assert.Equal(0, await watcher.ScanAsync(CancellationToken.None));
    }
}
