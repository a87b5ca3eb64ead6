using System.Text.Json;
using Reporting.Functions.Hosting;

namespace Reporting.Functions.IngestExport;

/// <summary>The parts of an Event Grid <c>Microsoft.Storage.BlobCreated</c> event the ingest needs.</summary>
public sealed record BlobCreatedEvent(string Container, string BlobName, string ETag, Uri? Url)
{
    public const string EventType = "Microsoft.Storage.BlobCreated";

    private const string SubjectPrefix = "/blobServices/default/containers/";

    /// <summary>
    /// Parses the queue message text (Event Grid schema, or CloudEvents with <c>type</c>/<c>subject</c>; a one-element
    /// array is accepted too). Returns null with a reason when the message is not a BlobCreated event: such a message
    /// fails the invocation so that it ends in the poison queue.
    /// </summary>
    public static BlobCreatedEvent? Parse(string messageText, out string? error)
    {
        error = null;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(Envelope.QueueText(messageText));
        }
        catch (JsonException)
        {
            error = "the message is not JSON";
            return null;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                if (root.GetArrayLength() != 1)
                {
                    error = "the message holds more than one event";
                    return null;
                }

                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the message is not an event object";
                return null;
            }

            var type = String(root, "eventType") ?? String(root, "type");
            if (!string.Equals(type, EventType, StringComparison.Ordinal))
            {
                error = "the event is not Microsoft.Storage.BlobCreated";
                return null;
            }

            var subject = String(root, "subject");
            if (subject is null || !subject.StartsWith(SubjectPrefix, StringComparison.Ordinal))
            {
                error = "the event subject is not a blob subject";
                return null;
            }

            var rest = subject[SubjectPrefix.Length..];
            var marker = rest.IndexOf("/blobs/", StringComparison.Ordinal);
            if (marker <= 0 || marker + 7 >= rest.Length)
            {
                error = "the event subject names no blob";
                return null;
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object || String(data, "eTag") is not { Length: > 0 } etag)
            {
                error = "the event has no data.eTag";
                return null;
            }

            var url = String(data, "url");
            return new BlobCreatedEvent(rest[..marker], rest[(marker + 7)..], etag.Trim('"'),
                Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed : null);
        }
    }

    /// <summary>An Event Grid-schema BlobCreated event as Event Grid writes it to a storage queue (before base64).</summary>
    public static string ToEventGridJson(string accountName, Uri blobUrl, string container, string blobName, string etag, long contentLength,
        string? contentType, DateTimeOffset eventTime)
    {
        var evt = new Dictionary<string, object?>
        {
            ["topic"] = $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/{accountName}",
            ["subject"] = $"{SubjectPrefix}{container}/blobs/{blobName}",
            ["eventType"] = EventType,
            ["id"] = Guid.NewGuid().ToString(),
            ["data"] = new Dictionary<string, object?>
            {
                ["api"] = "PutBlob",
                ["contentType"] = contentType ?? "application/octet-stream",
                ["contentLength"] = contentLength,
                ["blobType"] = "BlockBlob",
                ["eTag"] = etag.Trim('"'),
                ["url"] = blobUrl.AbsoluteUri,
                ["sequencer"] = eventTime.UtcTicks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
            },
            ["dataVersion"] = "",
            ["metadataVersion"] = "1",
            ["eventTime"] = eventTime.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        return JsonSerializer.Serialize(evt);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
