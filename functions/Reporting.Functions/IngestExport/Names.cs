using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Functions.IngestExport;

/// <summary>Blob and table key naming. Identifiers become parts of blob names, so only safe ones are used (docs/export-contract.md).</summary>
public static partial class Names
{
    /// <summary>1–64 ASCII letters, digits, '-', '_' and '.', not starting with '.'.</summary>
    public static bool IsIdentifier(string? value) => value is not null && Identifier().IsMatch(value);

    /// <summary>An uploaded file's name: 1–128 characters, no path separators, no control characters.</summary>
    public static bool IsFileName(string? value) =>
        value is { Length: > 0 and <= 128 } && value != "." && value != ".." &&
        !value.Any(c => c is '/' or '\\' || char.IsControl(c));

    /// <summary>A table key for any string: '/', '\', '#', '?' and control characters are not allowed in keys.</summary>
    public static string TableKey(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                sb.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex Identifier();
}
