using System.Text.RegularExpressions;
using NCrontab;
using Reporting.Functions.Hosting;

namespace Reporting.Cli.Dev;

/// <summary>Fires a timerTrigger function on its 6-field NCrontab schedule (UTC), with %Setting% expanded from the app settings.</summary>
public sealed partial class TimerTrigger
{
    private readonly FunctionDefinition _function;
    private readonly HandlerInvoker _invoker;
    private readonly Action<string> _print;
    private readonly CrontabSchedule _schedule;
    private DateTimeOffset _next;
    private DateTimeOffset? _last;

    public TimerTrigger(FunctionDefinition function, Func<string, string?> setting, HandlerInvoker invoker, Action<string> print, DateTimeOffset now)
    {
        _function = function;
        _invoker = invoker;
        _print = print;
        var expression = Setting().Replace(function.Schedule ?? "", m => setting(m.Groups[1].Value) ?? m.Value);
        _schedule = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        _next = function.RunOnStartup ? now : NextAfter(now);
        Expression = expression;
    }

    public string Expression { get; }

    public DateTimeOffset Next => _next;

    public async Task FireIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now < _next)
        {
            return;
        }

        var scheduled = _next;
        var envelope = Envelope.ForTimer(_function.Name, _function.BindingName, scheduled, _last, now - scheduled > TimeSpan.FromMinutes(1), now);
        var result = await _invoker.InvokeAsync(_function.Name, envelope, cancellationToken);
        foreach (var line in result.Logs)
        {
            _print($"  {_function.Name}: {line}");
        }

        // Like the host: a failed timer run is not retried; the next occurrence comes on schedule.
        _last = scheduled;
        _next = NextAfter(now);
    }

    private DateTimeOffset NextAfter(DateTimeOffset time) =>
        new(DateTime.SpecifyKind(_schedule.GetNextOccurrence(time.UtcDateTime), DateTimeKind.Utc));

    [GeneratedRegex("%([A-Za-z0-9_:]+)%")]
    private static partial Regex Setting();
}
