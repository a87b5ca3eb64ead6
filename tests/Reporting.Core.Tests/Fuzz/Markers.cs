using System.Text.RegularExpressions;

namespace Reporting.Core.Tests.Fuzz;

/// <summary>
/// Unique values planted in the cells of a fuzz case (<c>MK{seed}i{case}x{n}</c>). Each is a valid identifier, so it can
/// stand for any id as well as for free text. No validation message may ever contain one: a message that does has
/// echoed a cell. <see cref="Pattern"/> finds any marker of any case, in any letter case (a message that lower-cased
/// a value still leaks it).
/// </summary>
internal sealed partial class Markers(int seed, int index)
{
    private readonly string _prefix = $"MK{seed:x}i{index}x";
    private int _next;

    public int Planted => _next;

    public string Next() => _prefix + _next++.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The markers (or pieces of them long enough to identify one) in <paramref name="text"/>.</summary>
    public static IEnumerable<string> Find(string? text) =>
        text is null ? [] : Pattern().Matches(text).Select(m => m.Value);

    [GeneratedRegex("mk[0-9a-f]+i[0-9]+x[0-9]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Pattern();
}
