namespace Reporting.Core;

/// <summary>
/// The identifier rule of the export contract: 1–64 characters of ASCII letters, digits, '-', '_' and '.',
/// not starting with '.'. Identifiers become parts of blob and file names, so anything else is rejected.
/// </summary>
public static class Identifiers
{
    /// <summary>The longest identifier allowed.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="value"/> satisfies the identifier rule.</summary>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value.Length > MaxLength || value[0] == '.')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
