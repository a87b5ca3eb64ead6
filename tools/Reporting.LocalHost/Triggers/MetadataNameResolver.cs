using System.Text.RegularExpressions;
using Microsoft.Azure.WebJobs;
using Reporting.LocalHost.Metadata;

namespace Reporting.LocalHost.Triggers;

/// <summary>
/// Resolves <c>{Function}.{field}</c> (for example <c>IngestExport.queueName</c>) from functions.metadata, then any
/// <c>%Setting%</c> inside that value from configuration, as the Functions host resolves a binding expression;
/// other names are plain settings.
/// </summary>
public sealed partial class MetadataNameResolver(LocalFunctions functions, IConfiguration configuration) : INameResolver
{
    public string? Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && functions.All.FirstOrDefault(f => f.Name == name[..dot]) is { } function)
        {
            var trigger = function.Trigger;
            var value = name[(dot + 1)..] switch
            {
                "queueName" => trigger.QueueName,
                "connection" => trigger.Connection,
                "schedule" => trigger.Schedule,
                _ => null,
            } ?? throw new InvalidOperationException($"functions.metadata gives {function.Name} no {name[(dot + 1)..]}.");
            return Setting().Replace(value, m => configuration[m.Groups[1].Value]
                ?? throw new InvalidOperationException($"App setting {m.Groups[1].Value} (used by {function.Name}) is not set."));
        }

        return configuration[name];
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Setting();
}
