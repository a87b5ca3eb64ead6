using System.Globalization;
using System.Text;
using Reporting.Functions.Hosting;
using Reporting.Storage;

namespace Reporting.Cli.Dev;

/// <summary>
/// Drives one queueTrigger function like the host: gets messages (dequeue count +1 each time), decodes base64,
/// posts the envelope, deletes on 2xx; on failure makes the message visible again after the visibility timeout,
/// and once it has been dequeued maxDequeueCount times moves it to <c>{queue}-poison</c>, logging why.
/// </summary>
public sealed class QueueTriggerPump(StorageClient storage, HandlerInvoker invoker, FunctionDefinition function, QueueSettings settings, Action<string> print)
{
    /// <summary>How long a message stays hidden while the handler works on it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public string Queue => function.QueueName ?? throw new InvalidOperationException($"{function.Name} names no queue.");

    public string PoisonQueue => Queue + "-poison";

    /// <summary>Receives one batch and processes it; returns the number of messages handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var messages = await storage.Queues.ReceiveAsync(Queue, Math.Clamp(settings.BatchSize, 1, 32), Lease, cancellationToken);
        await Task.WhenAll(messages.Select(m => HandleAsync(m, cancellationToken)));
        return messages.Count;
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = settings.Base64 ? Encoding.UTF8.GetString(Convert.FromBase64String(message.Text)) : message.Text;
        }
        catch (FormatException)
        {
            await PoisonAsync(message, "the message is not base64 (host.json messageEncoding is base64)", cancellationToken);
            return;
        }

        var envelope = Envelope.ForQueueMessage(function.Name, function.BindingName, text, message.MessageId, message.DequeueCount, DateTimeOffset.UtcNow);
        HandlerInvoker.Result result;
        try
        {
            result = await invoker.InvokeAsync(function.Name, envelope, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            result = new HandlerInvoker.Result(false, 0, [$"the handler did not answer ({ex.GetType().Name})"]);
        }

        foreach (var line in result.Logs)
        {
            print($"  {function.Name}: {line}");
        }

        if (result.Succeeded)
        {
            await storage.Queues.DeleteMessageAsync(Queue, message.MessageId, message.PopReceipt, cancellationToken);
            return;
        }

        if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            await PoisonAsync(message, string.Create(CultureInfo.InvariantCulture,
                $"{function.Name} failed {message.DequeueCount} times (last status {result.Status}): {result.Logs.LastOrDefault() ?? "no log"}"), cancellationToken);
            return;
        }

        print(string.Create(CultureInfo.InvariantCulture,
            $"  {function.Name} failed (status {result.Status}, attempt {message.DequeueCount} of {settings.MaxDequeueCount}); retrying."));
        await storage.Queues.UpdateVisibilityAsync(Queue, message.MessageId, message.PopReceipt, settings.VisibilityTimeout, cancellationToken);
    }

    private async Task PoisonAsync(QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        await storage.Queues.CreateQueueIfNotExistsAsync(PoisonQueue, cancellationToken);
        await storage.Queues.SendAsync(PoisonQueue, message.Text, null, cancellationToken);
        await storage.Queues.DeleteMessageAsync(Queue, message.MessageId, message.PopReceipt, cancellationToken);
        print($"  Message {message.MessageId} moved to {PoisonQueue}: {reason}");
    }
}
