using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Reporting.Functions;

namespace Reporting.Deploy.Tests;

/// <summary>What the app declares it reads and uses, taken by reflection so new names are picked up.</summary>
internal static class AppDeclarations
{
    public static Assembly FunctionsAssembly => typeof(AppSettings).Assembly;

    /// <summary>
    /// Every app setting name in <see cref="AppSettings"/>: its public const strings, except those named
    /// Default*, which are default values rather than setting names.
    /// </summary>
    public static IReadOnlyList<(string Field, string Setting)> AppSettingNames() =>
        [.. typeof(AppSettings).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && !f.Name.StartsWith("Default", StringComparison.Ordinal))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!))];

    /// <summary>Connection names: settings the app reads as a connection (field name ends with Connection).</summary>
    public static bool IsConnection(string fieldName) => fieldName.EndsWith("Connection", StringComparison.Ordinal);

    /// <summary>The list property of <see cref="StorageNames"/> (Containers, Queues, Tables) plus every const whose name ends with the kind.</summary>
    public static IReadOnlyList<string> StorageNamesOf(string kind)
    {
        var listed = (IReadOnlyList<string>)typeof(StorageNames).GetProperty(kind + "s", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var consts = typeof(StorageNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith(kind, StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!);
        return [.. listed.Union(consts, StringComparer.Ordinal)];
    }

    /// <summary>Every [Function] method of the app: function name to "Namespace.Type.Method", as functions.metadata names entry points.</summary>
    public static IReadOnlyDictionary<string, string> Functions() =>
        FunctionsAssembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToDictionary(x => x.Attribute!.Name, x => $"{x.Method.DeclaringType!.FullName}.{x.Method.Name}", StringComparer.Ordinal);
}
