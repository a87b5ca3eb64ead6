using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reporting.Deploy.Tests;

/// <summary>One binding of a function in functions.metadata.</summary>
internal sealed record FunctionBinding(string Function, string Type, string Direction, JsonElement Json)
{
    public string? Property(string name) =>
        Json.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } value
            ? value.GetString()
            : null;

    /// <summary>Every string value of the binding, for %Setting% references.</summary>
    public IEnumerable<string> StringValues() =>
        Json.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => p.Value.GetString()!);
}

/// <summary>One function in functions.metadata.</summary>
internal sealed record FunctionEntry(string Name, string ScriptFile, string EntryPoint, string Language, IReadOnlyList<FunctionBinding> Bindings)
{
    public FunctionBinding Trigger =>
        Bindings.Single(b => b.Direction.Equals("In", StringComparison.OrdinalIgnoreCase) && b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// functions.metadata, which the Worker SDK writes at build time and the Functions host reads to create its
/// triggers: the contract between the app and the host (and so with infra/, which must create what it names).
/// </summary>
internal sealed partial class FunctionsMetadata
{
    private FunctionsMetadata(IReadOnlyList<FunctionEntry> functions) => Functions = functions;

    public IReadOnlyList<FunctionEntry> Functions { get; }

    public static FunctionsMetadata FromBuild() => Load(Path.Combine(RepoPaths.FunctionsBuildOutput, "functions.metadata"));

    public static FunctionsMetadata Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: build tests/Reporting.Deploy.Tests, which copies it from the worker's build.", path);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new FunctionsMetadata([.. document.RootElement.EnumerateArray().Select(f =>
        {
            var name = f.GetProperty("name").GetString()!;
            return new FunctionEntry(
                name,
                f.GetProperty("scriptFile").GetString()!,
                f.GetProperty("entryPoint").GetString()!,
                f.GetProperty("language").GetString()!,
                [.. f.GetProperty("bindings").EnumerateArray().Select(b => new FunctionBinding(
                    name, b.GetProperty("type").GetString()!, b.GetProperty("direction").GetString()!, b.Clone()))]);
        })]);
    }

    public FunctionEntry this[string name] => Functions.Single(f => f.Name == name);

    public IEnumerable<FunctionBinding> Bindings => Functions.SelectMany(f => f.Bindings);

    /// <summary>App settings the host resolves in binding values: <c>%FunderReportSchedule%</c> names the setting FunderReportSchedule.</summary>
    public IReadOnlyList<(FunctionBinding Binding, string Setting)> SettingReferences() =>
        [.. Bindings.SelectMany(b => b.StringValues().SelectMany(v => SettingReference().Matches(v)).Select(m => (b, m.Groups["name"].Value)))];

    [GeneratedRegex("%(?<name>[^%]+)%")]
    private static partial Regex SettingReference();
}
