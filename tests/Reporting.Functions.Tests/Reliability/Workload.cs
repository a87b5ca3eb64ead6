using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Reporting.Functions.Storage;
using Reporting.LocalHost.Triggers;

namespace Reporting.Functions.Tests.Reliability;

/// <summary>One file a trial team uploads. <paramref name="Accepted"/>: whether it passes validation (a rejected file stays
/// archived and reported, and out of the runs); <paramref name="Entries"/>: a zip's files.</summary>
internal sealed record WorkItem(string TrialId, string FileName, byte[] Content, bool Accepted = true,
    IReadOnlyList<(string Name, byte[] Content)>? Entries = null)
{
    public string BlobName => $"{TrialId}/{FileName}";
}

/// <summary>An upload as it happened: the blob version (ETag) the item became, and the phase it was uploaded in.</summary>
internal sealed record Upload(WorkItem Item, string ETag, int Phase)
{
    public string Sha256 => Workload.Sha256(Item.Content);
}

/// <summary>
/// Uploads in phases: each phase's files are uploaded concurrently in a seeded random order (several trials mixed), and the
/// next phase starts when every upload of this one has its receipt. Between phases, copies of some BlobCreated events are
/// delivered again (Event Grid delivers at least once).
/// </summary>
internal sealed class Workload(IReadOnlyList<IReadOnlyList<WorkItem>> phases, int duplicateEvents, int seed)
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(15);

    public IReadOnlyList<IReadOnlyList<WorkItem>> Phases => phases;

    public int UploadCount => phases.Sum(p => p.Count);

    public IEnumerable<string> TrialIds => phases.SelectMany(p => p).Select(i => i.TrialId).Distinct(StringComparer.Ordinal);

    /// <summary>How many extra deliveries of earlier events are sent (after the first phase).</summary>
    public int DuplicateEvents => duplicateEvents;

    /// <summary>Runs the phases against storage directly (as trial teams and Event Grid reach it, not through the app's
    /// clients); returns every upload once the queue is empty.</summary>
    public async Task<IReadOnlyList<Upload>> RunAsync(BlobServiceClient blobs, QueueServiceClient queues, TrialStore store)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(store);
        var random = new Random(seed);
        var uploads = new List<Upload>();
        var exports = blobs.GetBlobContainerClient(StorageNames.ExportsContainer);
        for (var phase = 0; phase < phases.Count; phase++)
        {
            var done = await UploadAsync(blobs, phases[phase].OrderBy(_ => random.Next()), phase);
            uploads.AddRange(done);
            await WaitForReceiptsAsync(store, done, queues);
            if (phase == 0 && duplicateEvents > 0)
            {
                var queue = queues.GetQueueClient(StorageNames.ExportEventsQueue);
                foreach (var again in done.OrderBy(_ => random.Next()).Take(duplicateEvents))
                {
                    var json = BlobCreatedEvents.EventGridJson(blobs.AccountName, exports.GetBlobClient(again.Item.BlobName).Uri, StorageNames.ExportsContainer,
                        again.Item.BlobName, again.ETag, again.Item.Content.Length, null, DateTimeOffset.UtcNow);
                    await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)));
                }
            }
        }

        await WaitForEmptyQueueAsync(queues);
        return uploads;
    }

    /// <summary>Uploads the items concurrently (overwriting), as trial teams do; returns the blob versions they became.</summary>
    public static async Task<IReadOnlyList<Upload>> UploadAsync(BlobServiceClient blobs, IEnumerable<WorkItem> items, int phase)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var exports = blobs.GetBlobContainerClient(StorageNames.ExportsContainer);
        return await Task.WhenAll(items.Select(async item =>
        {
            var put = await exports.GetBlobClient(item.BlobName).UploadAsync(BinaryData.FromBytes(item.Content), overwrite: true);
            return new Upload(item, put.Value.ETag.ToString().Trim('"'), phase);
        }));
    }

    /// <summary>Waits (a guard against hangs, not a timed assertion) until every upload has its receipt; fails at once when a
    /// message reaches the poison queue of <paramref name="queues"/> (its upload would never get one).</summary>
    public static async Task WaitForReceiptsAsync(TrialStore store, IEnumerable<Upload> uploads, QueueServiceClient queues)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(queues);
        var poison = queues.GetQueueClient(StorageNames.ExportEventsPoisonQueue);
        var waiting = uploads.ToList();
        var deadline = DateTime.UtcNow + Guard;
        while (waiting.Count > 0)
        {
            var poisoned = (await poison.ExistsAsync()).Value ? (await poison.PeekMessagesAsync(32)).Value.Length : 0;
            if (poisoned > 0 || DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException(
                    $"{waiting.Count} upload(s) without a receipt ({string.Join(", ", waiting.Take(5).Select(u => u.Item.BlobName))}); " +
                    $"{poisoned} message(s) in {StorageNames.ExportEventsPoisonQueue}.");
            }

            var next = new List<Upload>();
            foreach (var upload in waiting)
            {
                if (!await store.HasReceiptAsync(upload.Item.BlobName, upload.ETag, CancellationToken.None))
                {
                    next.Add(upload);
                }
            }

            waiting = next;
            if (waiting.Count > 0)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Waits until export-events holds no message, visible or leased: every delivery, duplicates included, is done.</summary>
    public static async Task WaitForEmptyQueueAsync(QueueServiceClient queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        var queue = queues.GetQueueClient(StorageNames.ExportEventsQueue);
        var deadline = DateTime.UtcNow + Guard;
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("export-events never emptied.");
            }

            await Task.Delay(250);
        }
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
