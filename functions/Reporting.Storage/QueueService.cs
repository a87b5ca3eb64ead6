using System.Globalization;
using System.Security;
using System.Xml.Linq;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Storage;

/// <summary>A queue message. <see cref="PopReceipt"/> is empty for peeked messages.</summary>
public sealed record QueueMessage(string MessageId, string PopReceipt, long DequeueCount, string Text,
    DateTimeOffset? InsertedOn, DateTimeOffset? NextVisibleOn);

/// <summary>Storage queue operations. Message text is stored as given: base64 encoding is the caller's choice
/// (the Functions host expects base64, see host.json <c>messageEncoding</c>).</summary>
public sealed class QueueService : StorageServiceBase
{
    internal QueueService(HttpPipeline pipeline, Uri endpoint)
        : base(pipeline, endpoint)
    {
    }

    /// <summary>Creates the queue; false when it already existed.</summary>
    public async Task<bool> CreateQueueIfNotExistsAsync(string queue, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Put, Uri.EscapeDataString(queue));
        var response = await SendAsync(message, cancellationToken, 201, 204).ConfigureAwait(false);
        return response.Status == 201;
    }

    /// <summary>Adds a message; returns its id.</summary>
    public async Task<string> SendAsync(string queue, string text, TimeSpan? visibilityDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var message = CreateMessage(RequestMethod.Post, Uri.EscapeDataString(queue) + "/messages",
            ("visibilitytimeout", visibilityDelay is { } d ? Seconds(d) : null));
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        message.Request.Content = RequestContent.Create(BinaryData.FromString(
            $"<QueueMessage><MessageText>{SecurityElement.Escape(text)}</MessageText></QueueMessage>"));
        var response = await SendAsync(message, cancellationToken, 201).ConfigureAwait(false);
        return ParseMessages(response).Single().MessageId;
    }

    /// <summary>Gets up to <paramref name="maxMessages"/> (1–32) messages and hides them for <paramref name="visibilityTimeout"/>.
    /// Each get increments the message's dequeue count.</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, Uri.EscapeDataString(queue) + "/messages",
            ("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture)), ("visibilitytimeout", Seconds(visibilityTimeout)));
        var response = await SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return ParseMessages(response);
    }

    /// <summary>Reads up to <paramref name="maxMessages"/> visible messages without hiding them or counting a dequeue.</summary>
    public async Task<IReadOnlyList<QueueMessage>> PeekAsync(string queue, int maxMessages, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, Uri.EscapeDataString(queue) + "/messages",
            ("peekonly", "true"), ("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture)));
        var response = await SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return ParseMessages(response);
    }

    /// <summary>Deletes a received message; false when it was already gone or the pop receipt is stale.</summary>
    public async Task<bool> DeleteMessageAsync(string queue, string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Delete,
            Uri.EscapeDataString(queue) + "/messages/" + Uri.EscapeDataString(messageId), ("popreceipt", popReceipt));
        var response = await SendAsync(message, cancellationToken, 204, 404).ConfigureAwait(false);
        return response.Status == 204;
    }

    /// <summary>Makes a received message visible again after <paramref name="visibilityTimeout"/>; returns the new pop receipt.</summary>
    public async Task<string> UpdateVisibilityAsync(string queue, string messageId, string popReceipt, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Put,
            Uri.EscapeDataString(queue) + "/messages/" + Uri.EscapeDataString(messageId),
            ("popreceipt", popReceipt), ("visibilitytimeout", Seconds(visibilityTimeout)));
        var response = await SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-popreceipt", out var receipt) ? receipt : popReceipt;
    }

    /// <summary>The approximate number of messages in the queue.</summary>
    public async Task<int> GetApproximateCountAsync(string queue, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, Uri.EscapeDataString(queue), ("comp", "metadata"));
        var response = await SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count)
            ? int.Parse(count, CultureInfo.InvariantCulture)
            : 0;
    }

    private static string Seconds(TimeSpan value) =>
        ((long)Math.Max(0, Math.Ceiling(value.TotalSeconds))).ToString(CultureInfo.InvariantCulture);

    private static List<QueueMessage> ParseMessages(Azure.Response response)
    {
        var doc = XDocument.Load(response.ContentStream!);
        return doc.Root!.Elements("QueueMessage").Select(m => new QueueMessage(
            m.Element("MessageId")!.Value,
            m.Element("PopReceipt")?.Value ?? "",
            long.Parse(m.Element("DequeueCount")?.Value ?? "0", CultureInfo.InvariantCulture),
            m.Element("MessageText")?.Value ?? "",
            Date(m.Element("InsertionTime")?.Value),
            Date(m.Element("TimeNextVisible")?.Value))).ToList();
    }

    private static DateTimeOffset? Date(string? value) =>
        value is null ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
