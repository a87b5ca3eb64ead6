using System.Globalization;

namespace Reporting.Core.Export;

/// <summary>Whether a site characteristic holds one of a list of values or a number.</summary>
public enum CharacteristicKind
{
    /// <summary>One of a declared list of values (e.g. <c>nhs_only</c>, <c>voluntary_only</c>, <c>partnership</c>).</summary>
    Category,

    /// <summary>A number (e.g. inpatient beds); as a comparison axis it is split at its median.</summary>
    Number,
}

/// <summary>
/// A characteristic of sites that a comparison axis, a report or a QCA condition can name: the built-in columns
/// <c>locality</c>, <c>employer</c> and <c>supervisor_days_per_week</c> of <c>sites.csv</c>, or a column declared in
/// trial.json <c>siteCharacteristics</c> (docs/export-contract.md).
/// </summary>
public sealed record SiteCharacteristic
{
    /// <summary>A characteristic; <paramref name="values"/> lists a category's allowed values and is empty for a number.</summary>
    public SiteCharacteristic(string name, string label, CharacteristicKind kind, IReadOnlyList<string> values, bool builtIn = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(values);
        if (kind == CharacteristicKind.Category && values.Count == 0)
        {
            throw new ArgumentException("A category characteristic needs at least one value.", nameof(values));
        }

        if (kind == CharacteristicKind.Number && values.Count > 0)
        {
            throw new ArgumentException("A number characteristic has no list of values.", nameof(values));
        }

        Name = name;
        Label = label;
        Kind = kind;
        Values = values;
        BuiltIn = builtIn;
    }

    /// <summary>The column name in sites.csv (lower case; matched case-insensitively).</summary>
    public string Name { get; }

    /// <summary>How reports name it (e.g. "Organisational context").</summary>
    public string Label { get; }

    /// <summary>Category or number.</summary>
    public CharacteristicKind Kind { get; }

    /// <summary>A category's allowed values in their declared order (the order of its groups); empty for a number.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Whether the contract defines the column itself rather than trial.json.</summary>
    public bool BuiltIn { get; }

    /// <summary>The declared spelling of <paramref name="value"/> (matched case-insensitively after trimming), or null when it is not allowed.</summary>
    public string? Allowed(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        return Values.FirstOrDefault(v => string.Equals(v, trimmed, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>One site's value of one characteristic: <see cref="Category"/> or <see cref="Number"/>, both null when sites.csv leaves it blank.</summary>
public sealed record CharacteristicValue(string Name, CharacteristicKind Kind, string? Category, double? Number)
{
    /// <summary>Whether the site has a value.</summary>
    public bool HasValue => Category is not null || Number is not null;
}

/// <summary>The built-in site characteristics and the naming rule for declared ones.</summary>
public static class SiteCharacteristics
{
    /// <summary><c>locality</c>: urban, town, rural, mixed.</summary>
    public static SiteCharacteristic Locality { get; } = new("locality", "Locality", CharacteristicKind.Category,
        Enum.GetValues<Locality>().Select(EnumText<Locality>.ToText).ToArray(), builtIn: true);

    /// <summary><c>employer</c>: nhs, voluntary, other.</summary>
    public static SiteCharacteristic Employer { get; } = new("employer", "Employer", CharacteristicKind.Category,
        Enum.GetValues<Employer>().Select(EnumText<Employer>.ToText).ToArray(), builtIn: true);

    /// <summary><c>supervisor_days_per_week</c>: a number.</summary>
    public static SiteCharacteristic SupervisorDaysPerWeek { get; } = new("supervisor_days_per_week", "Supervisor days per week", CharacteristicKind.Number, [], builtIn: true);

    /// <summary>The built-in characteristics, in the order reports list them.</summary>
    public static IReadOnlyList<SiteCharacteristic> BuiltIn { get; } = [Locality, Employer, SupervisorDaysPerWeek];

    /// <summary>Names a declared characteristic may not take: the columns sites.csv already defines, and the role axis.</summary>
    public static IReadOnlyList<string> ReservedNames { get; } = ["site_id", "site_name", "locality", "employer", "region", "supervisor_days_per_week", AxisNames.Role];

    /// <summary>Whether <paramref name="name"/> is a valid declared name: 1–64 ASCII letters, digits and '_', starting with a letter.</summary>
    public static bool IsValidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is >= 1 and <= Identifiers.MaxLength && char.IsAsciiLetter(name[0])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
    }

    /// <summary>The values a site has for the built-in characteristics, then for the declared ones (in declaration order).</summary>
    public static IReadOnlyList<CharacteristicValue> ValuesOf(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var values = new List<CharacteristicValue>(3 + site.Characteristics.Count)
        {
            new(Locality.Name, CharacteristicKind.Category, site.Locality is { } l ? EnumText<Locality>.ToText(l) : null, null),
            new(Employer.Name, CharacteristicKind.Category, site.Employer is { } e ? EnumText<Employer>.ToText(e) : null, null),
            new(SupervisorDaysPerWeek.Name, CharacteristicKind.Number, null, site.SupervisorDaysPerWeek),
        };
        values.AddRange(site.Characteristics);
        return values;
    }

    private static readonly string[] Acronyms = ["NHS", "BME"];

    /// <summary>A group label for a category value: the value with '_' read as a space, and NHS and BME in capitals
    /// ("nhs_only" → "NHS only", "bme_specific" → "BME specific").</summary>
    public static string ValueLabel(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var words = value.Split('_');
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = Acronyms.FirstOrDefault(a => string.Equals(a, words[i], StringComparison.OrdinalIgnoreCase)) ?? words[i];
        }

        return string.Join(' ', words);
    }

    internal static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The axis names that are not site characteristics.</summary>
public static class AxisNames
{
    /// <summary>The stakeholder group of each source, across sites.</summary>
    public const string Role = "role";
}
