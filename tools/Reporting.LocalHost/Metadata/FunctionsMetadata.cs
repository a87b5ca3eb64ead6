using System.Text.Json;

namespace Reporting.LocalHost.Metadata;

/// <summary>One function as the worker build's <c>functions.metadata</c> declares it: the contract with the Functions host.</summary>
public sealed record FunctionDefinition(string Name, string EntryPoint, TriggerBinding Trigger);

/// <summary>A function's trigger binding. Only the fields of the trigger kinds this app uses are read.</summary>
public sealed record TriggerBinding(
    string Type,
    string Name,
    string? QueueName,
    string? Connection,
    string? Schedule,
    string? Route,
    string? AuthLevel,
    IReadOnlyList<string> Methods);

/// <summary>Reads <c>functions.metadata</c>, the file the Worker SDK writes at build and the Functions host reads at start.</summary>
public static class FunctionsMetadata
{
    public const string FileName = "functions.metadata";

    public const string QueueTrigger = "queueTrigger";
    public const string TimerTrigger = "timerTrigger";
    public const string HttpTrigger = "httpTrigger";

    /// <summary>The metadata beside the local host's own assembly (copied from the worker's build output).</summary>
    public static IReadOnlyList<FunctionDefinition> LoadBesideAssembly() => Load(Path.Combine(AppContext.BaseDirectory, FileName));

    public static IReadOnlyList<FunctionDefinition> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: build functions/Reporting.Functions (the Worker SDK writes it).");
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var functions = new List<FunctionDefinition>();
        foreach (var function in doc.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => String(b, "type") is { } type && type.EndsWith("Trigger", StringComparison.Ordinal));
            var methods = trigger.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
                ? m.EnumerateArray().Select(x => x.GetString()!).ToList()
                : [];
            functions.Add(new FunctionDefinition(
                function.GetProperty("name").GetString()!,
                function.GetProperty("entryPoint").GetString()!,
                new TriggerBinding(String(trigger, "type")!, String(trigger, "name")!, String(trigger, "queueName"), String(trigger, "connection"),
                    String(trigger, "schedule"), String(trigger, "route"), String(trigger, "authLevel"), methods)));
        }

        return functions;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
