using System.Globalization;
using System.Text.Json;

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
    /// (<c>IsPastDue</c>). Without schedule status (useMonitor off, runOnStartup) the host's clock is used.
    /// </summary>
    public static DateTimeOffset ScheduledTime(string? timerJson, DateTimeOffset invokedUtc)
    {
        if (string.IsNullOrWhiteSpace(timerJson))
        {
            return invokedUtc;
        }

        try
        {
            using var doc = JsonDocument.Parse(timerJson);
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                TryGet(doc.RootElement, "ScheduleStatus", out var status) && status.ValueKind == JsonValueKind.Object &&
                TryGet(status, "Next", out var next) && next.ValueKind == JsonValueKind.String &&
                DateTimeOffset.TryParse(next.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var scheduled) &&
                scheduled <= invokedUtc.AddMinutes(5))
            {
                return scheduled.ToUniversalTime();
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall back to the invocation time.
        }

        return invokedUtc;
    }

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
