using System.Text;
using Reporting.Functions;
using Reporting.Functions.IngestExport;
using Reporting.Storage;

namespace Reporting.Cli.Dev;

/// <summary>Stands in for Event Grid: turns new or changed blobs under exports/ into BlobCreated events (base64) on export-events.</summary>
public sealed class ExportsWatcher(StorageClient storage, Action<string> print)
{
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        await foreach (var blob in storage.Blobs.ListAsync(StorageNames.ExportsContainer, null, null, cancellationToken))
        {
            var etag = blob.ETag.ToString();
            if (_seen.TryGetValue(blob.Name, out var known) && known == etag)
            {
                continue;
            }

            _seen[blob.Name] = etag;
            var json = BlobCreatedEvent.ToEventGridJson(storage.Connection.AccountName, storage.Blobs.BlobUri(StorageNames.ExportsContainer, blob.Name),
                StorageNames.ExportsContainer, blob.Name, etag, blob.ContentLength, blob.ContentType, blob.LastModified ?? DateTimeOffset.UtcNow);
            await storage.Queues.SendAsync(StorageNames.ExportEventsQueue, Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), null, cancellationToken);
            print($"Upload seen: {StorageNames.ExportsContainer}/{blob.Name} -> BlobCreated event on {StorageNames.ExportEventsQueue}.");
            sent++;
        }

        return sent;
    }
}
