using Reporting.Functions.Hosting;

namespace Reporting.Functions.PublishFunderReports;

/// <summary>POST /PublishFunderReports: the timer trigger (binding <c>timer</c>, schedule %FunderReportSchedule%).</summary>
public static class PublishFunderReportsFunction
{
    public const string Name = "PublishFunderReports";
    public const string Binding = "timer";

    public static IEndpointRouteBuilder MapPublishFunderReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/" + Name, async (HttpRequest request, FunderPublisher publisher, ILoggerFactory loggers, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            var log = new InvocationLog(loggers.CreateLogger(Name));
            var invocation = await Envelope.ReadAsync(request, cancellationToken);
            var invoked = invocation.Sys?.UtcNow ?? clock.GetUtcNow();
            var scheduled = FunderPeriod.ScheduledTime(invocation.DataText(Binding), invoked);
            try
            {
                var published = await publisher.PublishAsync(scheduled, log, cancellationToken);
                return Envelope.Respond(200, log.Lines, published);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.Warn($"Funder reports failed ({ex.GetType().Name}): {ex.Message.Split('\n', 2)[0].Trim()}");
                return Envelope.Respond(500, log.Lines);
            }
        });
        return endpoints;
    }
}
