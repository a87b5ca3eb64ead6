using Microsoft.Azure.Functions.Worker;

namespace Reporting.Functions.PublishFunderReports;

/// <summary>
/// Timer trigger on <c>%FunderReportSchedule%</c> (six-field NCrontab, UTC): each funder's portfolio report for the
/// period the occurrence closes. Idempotent per funder and period, so a retried or late occurrence delivers nothing twice.
/// </summary>
public sealed class PublishFunderReports(FunderPublisher publisher, TimeProvider clock)
{
    [Function(nameof(PublishFunderReports))]
    public Task RunAsync([TimerTrigger("%" + AppSettings.FunderReportSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return publisher.PublishAsync(FunderPeriod.ScheduledTime(timer.ScheduleStatus?.Next, clock.GetUtcNow()), cancellationToken);
    }
}
