using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reporting.Deploy.Tests.Arm;

/// <summary>
/// A value only Azure knows during the deployment: a property of a deployed resource (an endpoint, an identity's
/// principal id). Kept symbolic, so a test can still say which resource and which property a setting points at.
/// </summary>
internal sealed record RuntimeValue(string ResourceId, string Path)
{
    public RuntimeValue Member(string name) => new(ResourceId, Path.Length == 0 ? name : $"{Path}.{name}");

    public override string ToString() => Text(ResourceId, Path);

    /// <summary>How a runtime value reads once it is part of a string or a test's expectation.</summary>
    public static string Text(string resourceId, string path) => $"runtime({resourceId}).{path}";
}

/// <summary>
/// The subscription and resource group the test evaluation deploys into. Fixed values, so every evaluation of the
/// same template gives the same names and ids.
/// </summary>
internal sealed record ArmEnvironment(string SubscriptionId, string TenantId, string ResourceGroupName, string Location)
{
    public static ArmEnvironment Test { get; } = new(
        "11111111-2222-3333-4444-555555555555", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "rg-reporting-test", "uksouth");

    public string SubscriptionScope => $"/subscriptions/{SubscriptionId}";

    public string ResourceGroupId => $"{SubscriptionScope}/resourceGroups/{ResourceGroupName}";

    /// <summary>The id of a resource in the resource group, as ARM's resourceId() builds it.</summary>
    public string ResourceId(string type, params string[] names) => ResourceGroupId + ProviderPath(type, names);

    /// <summary>The id of a subscription-level resource (role definitions), as subscriptionResourceId() builds it.</summary>
    public string SubscriptionResourceId(string type, params string[] names) => SubscriptionScope + ProviderPath(type, names);

    /// <summary>"/providers/Namespace/type1/name1/type2/name2..." for a type with one name per type segment.</summary>
    public static string ProviderPath(string type, IReadOnlyList<string> names)
    {
        var segments = type.Split('/');
        if (segments.Length < 2 || segments.Length - 1 != names.Count)
        {
            throw new InvalidOperationException($"Resource type {type} needs {segments.Length - 1} name segment(s), got {names.Count}: {string.Join("/", names)}.");
        }

        var path = $"/providers/{segments[0]}";
        for (var i = 1; i < segments.Length; i++)
        {
            path += $"/{segments[i]}/{names[i - 1]}";
        }

        return path;
    }
}

/// <summary>Conversions between template JSON, the evaluator's values and the JSON the tests read.</summary>
internal static class ArmValues
{
    /// <summary>A JSON value taken literally (a parameter file's values are not expressions).</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var number) ? number : throw new NotSupportedException($"Non-integer number {element} in a template."),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.OrdinalIgnoreCase),
        _ => throw new NotSupportedException($"JSON value kind {element.ValueKind}."),
    };

    /// <summary>An evaluated value as JSON; runtime values become their <see cref="RuntimeValue.Text"/>.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        long n => JsonValue.Create(n),
        bool b => JsonValue.Create(b),
        RuntimeValue r => JsonValue.Create(r.ToString()),
        IReadOnlyList<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        IReadOnlyDictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        _ => throw new NotSupportedException($"Value of type {value.GetType().Name}."),
    };

    /// <summary>A value as format() and concat() turn it into text.</summary>
    public static string ToText(object? value) => value switch
    {
        null => "",
        string s => s,
        long n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        RuntimeValue r => r.ToString(),
        _ => ToJson(value)!.ToJsonString(),
    };
}
