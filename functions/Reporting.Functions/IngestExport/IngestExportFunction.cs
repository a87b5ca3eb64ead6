using Reporting.Functions.Hosting;

namespace Reporting.Functions.IngestExport;

/// <summary>POST /IngestExport: the queue trigger on export-events (binding <c>message</c>). Any failure answers 500,
/// which fails the invocation: the host makes the message visible again and, after maxDequeueCount, moves it to
/// export-events-poison.</summary>
public static class IngestExportFunction
{
    public const string Name = "IngestExport";
    public const string Binding = "message";

    public static IEndpointRouteBuilder MapIngestExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/" + Name, async (HttpRequest request, ExportIngestor ingestor, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var log = new InvocationLog(loggers.CreateLogger(Name));
            var invocation = await Envelope.ReadAsync(request, cancellationToken);
            var text = invocation.DataText(Binding);
            if (text is null)
            {
                log.Warn($"The invocation has no '{Binding}' binding value.");
                return Envelope.Respond(500, log.Lines);
            }

            var blobEvent = BlobCreatedEvent.Parse(text, out var error);
            if (blobEvent is null)
            {
                log.Warn($"Rejected the message: {error}. It will be retried and then moved to the poison queue.");
                return Envelope.Respond(500, log.Lines);
            }

            try
            {
                await ingestor.IngestAsync(blobEvent, log, cancellationToken);
                return Envelope.Respond(200, log.Lines);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The type and message only: storage and Core messages carry no cell values.
                log.Warn($"Ingest of {blobEvent.Container}/{blobEvent.BlobName} failed ({ex.GetType().Name}): {FirstLine(ex.Message)}");
                return Envelope.Respond(500, log.Lines);
            }
        });
        return endpoints;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
