using System.Globalization;
using System.Text.Json;

namespace Reporting.Cli.Dev;

/// <summary>One function as its function.json declares it (only the trigger binding matters to the dev host).</summary>
public sealed record FunctionDefinition(string Name, string TriggerType, string BindingName, string? QueueName, string? Schedule, bool RunOnStartup,
    string? Route, string? AuthLevel);

/// <summary>The queue settings of host.json <c>extensions.queues</c>, with the host's defaults.</summary>
public sealed record QueueSettings(int MaxDequeueCount = 5, TimeSpan VisibilityTimeout = default, int BatchSize = 16, bool Base64 = true);

/// <summary>Reads host.json and every <c>{Function}/function.json</c> under the app folder, as the Functions host does,
/// so a binding change needs no change here.</summary>
public sealed record FunctionCatalog(IReadOnlyList<FunctionDefinition> Functions, QueueSettings Queues)
{
    public static FunctionCatalog Load(string hostJsonPath, string functionsFolder)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var file in Directory.GetFiles(functionsFolder, "function.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(Path.GetDirectoryName(file))!;
            if (file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ||
                file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var binding in doc.RootElement.GetProperty("bindings").EnumerateArray())
            {
                var type = Text(binding, "type");
                if (type is null || !type.EndsWith("Trigger", StringComparison.Ordinal))
                {
                    continue;
                }

                functions.Add(new FunctionDefinition(name, type, Text(binding, "name") ?? "", Text(binding, "queueName"), Text(binding, "schedule"),
                    binding.TryGetProperty("runOnStartup", out var start) && start.ValueKind == JsonValueKind.True,
                    Text(binding, "route"), Text(binding, "authLevel")));
            }
        }

        var queues = new QueueSettings();
        using (var host = JsonDocument.Parse(File.ReadAllText(hostJsonPath)))
        {
            if (host.RootElement.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("queues", out var q))
            {
                queues = new QueueSettings(
                    q.TryGetProperty("maxDequeueCount", out var max) ? max.GetInt32() : 5,
                    Text(q, "visibilityTimeout") is { } vt ? TimeSpan.Parse(vt, CultureInfo.InvariantCulture) : TimeSpan.Zero,
                    q.TryGetProperty("batchSize", out var batch) ? batch.GetInt32() : 16,
                    !string.Equals(Text(q, "messageEncoding"), "none", StringComparison.OrdinalIgnoreCase));
            }
        }

        return new FunctionCatalog(functions, queues);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
