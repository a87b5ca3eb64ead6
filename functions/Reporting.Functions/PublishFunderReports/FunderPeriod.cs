using System.Globalization;

namespace Reporting.Functions.PublishFunderReports;

/// <summary>Which month a scheduled funder report covers, and when an invocation was scheduled.</summary>
public static class FunderPeriod
{
    /// <summary>The calendar month before <paramref name="scheduledUtc"/>, as yyyy-MM (a run on 2026-11-01 covers "2026-10").</summary>
    public static string For(DateTimeOffset scheduledUtc)
    {
        var utc = scheduledUtc.UtcDateTime;
        return new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    /// <summary>The period before <paramref name="period"/>.</summary>
    public static string Previous(string period)
    {
        var month = DateTime.ParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return month.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The occurrence this timer invocation stands for. While an invocation runs, the host's <c>ScheduleStatus.Next</c>
    /// still holds the occurrence being fired (it moves on after the call), also when a missed occurrence is run late
    /// (<c>IsPastDue</c>). Without schedule status (useMonitor off, runOnStartup), or with one that lies in the future,
    /// the clock is used.
    /// </summary>
    public static DateTimeOffset ScheduledTime(DateTime? scheduleNext, DateTimeOffset invokedUtc)
    {
        if (scheduleNext is not { } next)
        {
            return invokedUtc;
        }

        var scheduled = next.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc))
            : new DateTimeOffset(next.ToUniversalTime());
        return scheduled <= invokedUtc.AddMinutes(5) ? scheduled : invokedUtc;
    }
}
