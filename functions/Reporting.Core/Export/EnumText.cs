using System.Text;

namespace Reporting.Core.Export;

/// <summary>Enumeration values as the export contract spells them: snake_case, matched case-insensitively.</summary>
public static class EnumText<T>
    where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByText = Enum.GetValues<T>()
        .ToDictionary(v => ToText(v), v => v, StringComparer.OrdinalIgnoreCase);

    /// <summary>The allowed values, for messages (these are the contract's words, never data).</summary>
    public static string Allowed { get; } = string.Join(", ", Enum.GetValues<T>().Select(ToText));

    /// <summary>Parses a value case-insensitively.</summary>
    public static bool TryParse(string text, out T value) => ByText.TryGetValue(text, out value);

    /// <summary>The contract's spelling of <paramref name="value"/> (e.g. <c>peer_support</c>).</summary>
    public static string ToText(T value)
    {
        var name = value.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
