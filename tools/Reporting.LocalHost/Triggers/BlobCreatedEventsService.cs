using Microsoft.Extensions.Hosting;

namespace Reporting.LocalHost.Triggers;

/// <summary>Runs <see cref="BlobCreatedEvents"/> twice a second while the host runs.</summary>
public sealed class BlobCreatedEventsService(BlobCreatedEvents events, ILogger<BlobCreatedEventsService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await events.ScanAsync(stoppingToken);
                if (sent > 0)
                {
                    logger.LogInformation("{Count} BlobCreated event(s) sent for new uploads under exports/.", sent);
                }

                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Azure.RequestFailedException e)
            {
                logger.LogWarning("Scanning exports/ failed ({Status} {Code}); trying again.", e.Status, e.ErrorCode);
                await Task.Delay(Interval, stoppingToken);
            }
        }
    }
}
