namespace Reporting.Core.Export;

/// <summary>
/// The framework codings.csv is coded under (docs/method.md, "Frameworks"): its domains in order, each with the
/// constructs it lists (or any construct), and always the domain <c>other</c> for inductive codes. An open framework
/// (<see cref="Open"/>) accepts any domain and construct. The framework orders matrices and patterns, decides
/// which domains are accepted (<c>unknown-domain</c>) and which constructs are warned about (<c>unknown-construct</c>),
/// and is the row set of the coverage table.
/// </summary>
public sealed record CodingFramework
{
    /// <summary>The domain every framework has, for inductive codes.</summary>
    public const string OtherDomain = "other";

    private static readonly string[] OpenOrder = ["evidence", "context", "facilitation"];

    /// <summary>A framework over <paramref name="domains"/>; <c>other</c> is added last when they lack it. Domain names are
    /// compared case-insensitively and must be distinct.</summary>
    public CodingFramework(string name, IReadOnlyList<FrameworkDomain> domains, bool open = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(domains);
        if (domains.Select(d => d.Domain).Distinct(StringComparer.OrdinalIgnoreCase).Count() != domains.Count)
        {
            throw new ArgumentException("Each domain may appear once in a framework.", nameof(domains));
        }

        if (open && domains.Count > 0)
        {
            throw new ArgumentException("An open framework lists no domains.", nameof(domains));
        }

        Name = name;
        Open = open;
        Domains = open || domains.Any(d => d.Domain == OtherDomain)
            ? domains
            : [.. domains, new FrameworkDomain(OtherDomain, "Other", null)];
    }

    /// <summary>The framework's name: a built-in name, or the inline framework's <c>name</c> (default <c>inline</c>).</summary>
    public string Name { get; }

    /// <summary>Whether any domain and construct is accepted (the built-in <c>open</c> framework).</summary>
    public bool Open { get; }

    /// <summary>The domains in order; empty for an open framework.</summary>
    public IReadOnlyList<FrameworkDomain> Domains { get; }

    /// <summary>The listed domain <paramref name="domain"/> names (case-insensitive, trimmed), or null.</summary>
    public FrameworkDomain? FindDomain(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var key = domain.Trim();
        return Domains.FirstOrDefault(d => string.Equals(d.Domain, key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether codes may be filed under <paramref name="domain"/>.</summary>
    public bool AcceptsDomain(string domain) => Open || FindDomain(domain) is not null;

    /// <summary>
    /// How a domain is written in the run: the framework's spelling when it lists the domain, otherwise the text
    /// trimmed and in lower case (domains are compared case-insensitively).
    /// </summary>
    public string DomainName(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return FindDomain(domain)?.Domain ?? domain.Trim().ToLowerInvariant();
    }

    /// <summary>
    /// Whether a coding under <paramref name="domain"/> and <paramref name="construct"/> should be warned about:
    /// the domain lists its constructs and this is none of them (nor an alias).
    /// </summary>
    public bool IsUnlistedConstruct(string domain, string construct) =>
        FindDomain(domain) is { Constructs: { } listed } && FrameworkDomain.Find(listed, construct) is null;

    /// <summary>The listed construct a coding belongs to (by name or alias), or null.</summary>
    public FrameworkConstruct? FindConstruct(string domain, string construct) =>
        FindDomain(domain) is { Constructs: { } listed } ? FrameworkDomain.Find(listed, construct) : null;

    /// <summary>
    /// The order of codes: by the framework's domains, then its listed constructs, then construct and code text.
    /// An open framework keeps the adapted PARIHS order: evidence, context, facilitation, other domains by name, other.
    /// </summary>
    public IReadOnlyList<T> Order<T>(IEnumerable<T> items, Func<T, (string Domain, string Construct, string Code)> key)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(key);
        return items
            .Select(i => (Item: i, Key: key(i)))
            .Select(x => (x.Item, Rank: DomainRank(x.Key.Domain), Domain: x.Key.Domain.Trim().ToUpperInvariant(),
                ConstructRank: ConstructRank(x.Key.Domain, x.Key.Construct), Construct: x.Key.Construct.Trim().ToUpperInvariant(),
                Code: x.Key.Code.Trim().ToUpperInvariant()))
            .OrderBy(x => x.Rank)
            .ThenBy(x => x.Domain, StringComparer.Ordinal)
            .ThenBy(x => x.ConstructRank)
            .ThenBy(x => x.Construct, StringComparer.Ordinal)
            .ThenBy(x => x.Code, StringComparer.Ordinal)
            .Select(x => x.Item)
            .ToList();
    }

    private int DomainRank(string domain)
    {
        if (Open)
        {
            var d = domain.Trim();
            var known = Array.FindIndex(OpenOrder, o => string.Equals(o, d, StringComparison.OrdinalIgnoreCase));
            return known >= 0 ? known : string.Equals(d, OtherDomain, StringComparison.OrdinalIgnoreCase) ? OpenOrder.Length + 1 : OpenOrder.Length;
        }

        var index = Domains.Select((x, i) => (x, i)).FirstOrDefault(p => string.Equals(p.x.Domain, domain.Trim(), StringComparison.OrdinalIgnoreCase));
        return index.x is null ? Domains.Count : index.i;
    }

    private int ConstructRank(string domain, string construct)
    {
        if (FindDomain(domain) is not { Constructs: { } listed })
        {
            return 0;
        }

        var found = FrameworkDomain.Find(listed, construct);
        if (found is null)
        {
            return int.MaxValue;
        }

        for (var i = 0; i < listed.Count; i++)
        {
            if (ReferenceEquals(listed[i], found))
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}

/// <summary>A domain of a framework: its name (lower case), a label for reports, and its constructs in order
/// (null: any construct is accepted under it).</summary>
public sealed record FrameworkDomain(string Domain, string Label, IReadOnlyList<FrameworkConstruct>? Constructs)
{
    internal static FrameworkConstruct? Find(IReadOnlyList<FrameworkConstruct> listed, string construct)
    {
        var key = construct.Trim();
        return listed.FirstOrDefault(c => c.Matches(key));
    }
}

/// <summary>A construct of a framework domain: its name, and other spellings that mean the same construct.</summary>
public sealed record FrameworkConstruct(string Name, IReadOnlyList<string> Aliases)
{
    /// <summary>Whether <paramref name="construct"/> is this construct's name or an alias (trimmed, case-insensitive).</summary>
    public bool Matches(string construct)
    {
        ArgumentNullException.ThrowIfNull(construct);
        var key = construct.Trim();
        return string.Equals(Name, key, StringComparison.OrdinalIgnoreCase)
            || Aliases.Any(a => string.Equals(a, key, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The built-in frameworks (docs/method.md, "Frameworks").</summary>
public static class CodingFrameworks
{
    /// <summary>Any domain and construct: the default, so exports made before frameworks existed stay valid.</summary>
    public static CodingFramework Open { get; } = new("open", [], open: true);

    /// <summary>The 2024 study's adapted PARIHS framework: evidence; context (culture, leadership, evaluation);
    /// facilitation (role characterisation, flexibility and consistency, experiential knowledge).</summary>
    public static CodingFramework ParihsEnrich { get; } = new("parihs-enrich",
    [
        new("evidence", "Evidence", null),
        new("context", "Context",
        [
            new("Culture", []),
            new("Leadership (access and authority)", ["Leadership", "Leadership, access and authority", "Leadership incl. access and authority"]),
            new("Evaluation (monitoring and feedback)", ["Evaluation", "Monitoring and feedback", "Monitoring"]),
        ]),
        new("facilitation", "Facilitation",
        [
            new("Role characterisation", ["Role characterization"]),
            new("Flexibility and consistency", ["Flexibility vs consistency", "Flexibility versus consistency"]),
            new("Experiential knowledge", []),
        ]),
    ]);

    /// <summary>UPSIDES (Ramesh et al. 2023): eight peer-support principles and five implementation influences.</summary>
    public static CodingFramework Upsides { get; } = new("upsides",
    [
        new("principles", "Principles",
        [
            new("Mutual", ["Mutuality"]),
            new("Reciprocal", ["Reciprocity"]),
            new("Non-directive", ["Non directive", "Nondirective"]),
            new("Recovery-focused", ["Recovery focused"]),
            new("Strengths-based", ["Strengths based", "Strength-based"]),
            new("Inclusive", ["Inclusion"]),
            new("Progressive", []),
            new("Safe", ["Safety"]),
        ]),
        new("influences", "Implementation influences",
        [
            new("Group vs individual", ["Group or individual", "Group versus individual"]),
            new("Extent both parties choose the relationship", ["Choice of relationship", "Choosing the relationship"]),
            new("Extent rules govern the relationship", ["Rules", "Rules governing the relationship"]),
            new("Extent the parties are at the same place in recovery", ["Same place in recovery"]),
            new("Extent workers focus on the peer support users", ["Focus on peer support users"]),
        ]),
    ]);

    /// <summary>The built-in frameworks by name.</summary>
    public static IReadOnlyList<CodingFramework> All { get; } = [ParihsEnrich, Upsides, Open];

    /// <summary>The built-in framework called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static CodingFramework? Named(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(f => string.Equals(f.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}
