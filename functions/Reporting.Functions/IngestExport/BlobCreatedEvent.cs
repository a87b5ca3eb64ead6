using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;

namespace Reporting.Functions.IngestExport;

/// <summary>The parts of an Event Grid <c>Microsoft.Storage.BlobCreated</c> event the ingest needs.</summary>
public sealed record BlobCreatedEvent(string Container, string BlobName, string ETag, Uri? Url)
{
    public const string EventType = "Microsoft.Storage.BlobCreated";

    private const string SubjectPrefix = "/blobServices/default/containers/";

    /// <summary>
    /// Parses the queue message (Event Grid schema, or CloudEvents; a one-element array is accepted too) with the
    /// Event Grid SDK. A message that is not one BlobCreated event throws <see cref="FormatException"/>: the
    /// invocation fails, the host retries it and then moves it to the poison queue.
    /// </summary>
    public static BlobCreatedEvent Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var data = BinaryData.FromString(message);
        string? subject;
        object? systemData;
        try
        {
            var trimmed = message.TrimStart();
            if (IsCloudEvent(trimmed))
            {
                var events = CloudEvent.ParseMany(data);
                var single = Single(events.Length);
                subject = events[single].Subject;
                if (events[single].Type != EventType || !events[single].TryGetSystemEventData(out systemData))
                {
                    throw new FormatException("The event is not Microsoft.Storage.BlobCreated.");
                }
            }
            else
            {
                var events = EventGridEvent.ParseMany(data);
                var single = Single(events.Length);
                subject = events[single].Subject;
                if (events[single].EventType != EventType || !events[single].TryGetSystemEventData(out systemData))
                {
                    throw new FormatException("The event is not Microsoft.Storage.BlobCreated.");
                }
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            throw new FormatException($"The message is not an Event Grid event ({e.GetType().Name}).", e);
        }

        if (systemData is not StorageBlobCreatedEventData created || string.IsNullOrEmpty(created.ETag))
        {
            throw new FormatException("The BlobCreated event has no data.eTag.");
        }

        if (subject is null || !subject.StartsWith(SubjectPrefix, StringComparison.Ordinal))
        {
            throw new FormatException("The event subject is not a blob subject.");
        }

        var rest = subject[SubjectPrefix.Length..];
        var marker = rest.IndexOf("/blobs/", StringComparison.Ordinal);
        if (marker <= 0 || marker + 7 >= rest.Length)
        {
            throw new FormatException("The event subject names no blob.");
        }

        return new BlobCreatedEvent(rest[..marker], rest[(marker + 7)..], created.ETag.Trim('"'),
            Uri.TryCreate(created.Url, UriKind.Absolute, out var url) ? url : null);
    }

    private static int Single(int count) =>
        count == 1 ? 0 : throw new FormatException(count == 0 ? "The message holds no event." : "The message holds more than one event.");

    /// <summary>CloudEvents carry <c>specversion</c>; Event Grid's own schema does not.</summary>
    private static bool IsCloudEvent(string json) => json.Contains("\"specversion\"", StringComparison.OrdinalIgnoreCase);
}
