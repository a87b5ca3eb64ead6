using System.Globalization;
using System.Text;
using Reporting.Core;

namespace Reporting.Functions.Storage;

/// <summary>Blob and table key naming. Identifiers become parts of blob names, so only safe ones are used
/// (docs/export-contract.md, "Identifiers").</summary>
public static class Names
{
    /// <summary>The export contract's identifier rule (Core's, so the app and the CLI never disagree).</summary>
    public static bool IsIdentifier(string? value) => value is not null && Identifiers.IsValid(value.AsSpan());

    /// <summary>An uploaded file's name: 1–128 characters, no path separators, no control characters.</summary>
    public static bool IsFileName(string? value) =>
        value is { Length: > 0 and <= 128 } && value != "." && value != ".." &&
        !value.Any(c => c is '/' or '\\' || char.IsControl(c));

    /// <summary>A table key for any string: '/', '\', '#', '?' and control characters are not allowed in keys.</summary>
    public static string TableKey(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
