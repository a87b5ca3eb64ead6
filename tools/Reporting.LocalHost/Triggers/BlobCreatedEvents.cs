using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Reporting.Functions;

namespace Reporting.LocalHost.Triggers;

/// <summary>
/// Stands in for Event Grid, which Azurite lacks: every new or changed blob under <c>exports/</c> becomes a
/// <c>Microsoft.Storage.BlobCreated</c> event (Event Grid schema, as Event Grid writes it to a storage queue) on
/// <c>export-events</c>. Like Event Grid it delivers at least once: after a restart, existing blobs are announced
/// again and the app's receipts make that harmless.
/// </summary>
public sealed class BlobCreatedEvents(BlobServiceClient blobs, QueueServiceClient queues, bool base64)
{
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    /// <summary>Sends one event per blob not seen with this ETag before; returns how many were sent.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        var container = blobs.GetBlobContainerClient(StorageNames.ExportsContainer);
        var queue = queues.GetQueueClient(StorageNames.ExportEventsQueue);
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var etag = blob.Properties.ETag?.ToString() ?? "";
            if (_seen.TryGetValue(blob.Name, out var known) && known == etag)
            {
                continue;
            }

            var json = EventGridJson(blobs.AccountName, container.GetBlobClient(blob.Name).Uri, StorageNames.ExportsContainer, blob.Name, etag,
                blob.Properties.ContentLength ?? 0, blob.Properties.ContentType, blob.Properties.LastModified ?? DateTimeOffset.UnixEpoch);
            await queue.SendMessageAsync(base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(json)) : json, cancellationToken);
            _seen[blob.Name] = etag;
            sent++;
        }

        return sent;
    }

    /// <summary>A BlobCreated event in the Event Grid schema, as Event Grid writes it to a storage queue (before base64).</summary>
    public static string EventGridJson(string accountName, Uri blobUrl, string container, string blobName, string etag, long contentLength,
        string? contentType, DateTimeOffset eventTime)
    {
        ArgumentNullException.ThrowIfNull(blobUrl);
        var evt = new Dictionary<string, object?>
        {
            ["topic"] = $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/{accountName}",
            ["subject"] = $"/blobServices/default/containers/{container}/blobs/{blobName}",
            ["eventType"] = "Microsoft.Storage.BlobCreated",
            ["id"] = Guid.NewGuid().ToString(),
            ["data"] = new Dictionary<string, object?>
            {
                ["api"] = "PutBlob",
                ["clientRequestId"] = Guid.NewGuid().ToString(),
                ["requestId"] = Guid.NewGuid().ToString(),
                ["eTag"] = etag,
                ["contentType"] = contentType ?? "application/octet-stream",
                ["contentLength"] = contentLength,
                ["blobType"] = "BlockBlob",
                ["url"] = blobUrl.AbsoluteUri,
                ["sequencer"] = eventTime.UtcTicks.ToString("D20", CultureInfo.InvariantCulture),
                ["storageDiagnostics"] = new Dictionary<string, object?> { ["batchId"] = Guid.NewGuid().ToString() },
            },
            ["dataVersion"] = "",
            ["metadataVersion"] = "1",
            ["eventTime"] = eventTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        return JsonSerializer.Serialize(evt);
    }
}
