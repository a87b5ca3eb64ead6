using Microsoft.Azure.Functions.Worker;
using Reporting.Functions.Storage;

namespace Reporting.Functions.IngestExport;

/// <summary>
/// Queue trigger on <c>export-events</c>: Event Grid delivers a <c>Microsoft.Storage.BlobCreated</c> event there
/// for every upload under <c>exports/</c>. Any failure throws, so the host makes the message visible again and,
/// after <c>maxDequeueCount</c> (host.json), moves it to <c>export-events-poison</c>.
/// </summary>
public sealed class IngestExport(ExportIngestor ingestor)
{
    [Function(nameof(IngestExport))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.ExportEventsQueue, Connection = AppSettings.TrialDataConnection)] string message,
        CancellationToken cancellationToken) =>
        ingestor.IngestAsync(BlobCreatedEvent.Parse(message), cancellationToken);
}
