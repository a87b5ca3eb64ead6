using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using NCrontab;
using Reporting.LocalHost.Http;
using Reporting.LocalHost.Metadata;

namespace Reporting.LocalHost;

/// <summary>What the local host prints once everything listens: the functions, the storage endpoints and where reports land.</summary>
internal static class StartupTable
{
    public static void Write(TextWriter output, IReadOnlyList<FunctionDefinition> functions, HostJson hostJson, string baseUrl, LocalApp.LocalStorage storage,
        string functionKey, string? watchFolder, string schedule)
    {
        var rows = new List<(string Function, string Trigger, string Where)>();
        foreach (var f in functions.OrderBy(f => f.Trigger.Type, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            var t = f.Trigger;
            rows.Add(t.Type switch
            {
                FunctionsMetadata.QueueTrigger => (f.Name, $"queue {t.QueueName}", $"max {hostJson.MaxDequeueCount} tries, then {t.QueueName}-poison"),
                FunctionsMetadata.TimerTrigger => (f.Name, $"timer {schedule}", "next " + Next(schedule)),
                FunctionsMetadata.HttpTrigger => (f.Name, $"{string.Join('/', t.Methods).ToUpperInvariant()} {(IsAnonymous(t) ? "anonymous" : "function key")}",
                    baseUrl + HttpFunctions.RouteOf(hostJson.RoutePrefix, t.Route ?? f.Name)),
                _ => (f.Name, t.Type, "not served locally"),
            });
        }

        var w1 = Math.Max("function".Length, rows.Max(r => r.Function.Length));
        var w2 = Math.Max("trigger".Length, rows.Max(r => r.Trigger.Length));
        output.WriteLine("reporting-local: the app's functions on this machine (development only; never deployed)");
        output.WriteLine();
        output.WriteLine($"  {"function".PadRight(w1)}  {"trigger".PadRight(w2)}  local address");
        foreach (var (function, trigger, where) in rows)
        {
            output.WriteLine($"  {function.PadRight(w1)}  {trigger.PadRight(w2)}  {where}");
        }

        output.WriteLine();
        var connection = storage.ConnectionString;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  storage     {storage.Description}: blob {new BlobServiceClient(connection).Uri.Authority}, queue {new QueueServiceClient(connection).Uri.Authority}, table {new TableServiceClient(connection).Uri.Authority}"));
        output.WriteLine($"  connection  {connection}");
        output.WriteLine($"  function key (for the function-key endpoints; header {HttpFunctions.KeyHeader} or ?{HttpFunctions.KeyQuery}=): {functionKey}");
        output.WriteLine("  uploads     exports/<trialId>/<file> (Event Grid's BlobCreated events are simulated here)");
        output.WriteLine("  reports     reports/<trialId>/<runId>/trial.pdf, sites/<siteId>.pdf, run.json; validation/<trialId>/<file>.json");
        if (watchFolder is not null)
        {
            output.WriteLine($"  drop folder {Path.GetFullPath(watchFolder)}/<trialId>/: files placed there are uploaded; results land in <trialId>/results/");
        }

        output.WriteLine();
    }

    private static bool IsAnonymous(TriggerBinding trigger) => string.Equals(trigger.AuthLevel, "Anonymous", StringComparison.OrdinalIgnoreCase);

    private static string Next(string schedule)
    {
        var parsed = CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        return parsed is null ? "(schedule not NCrontab)" : parsed.GetNextOccurrence(DateTime.UtcNow).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
