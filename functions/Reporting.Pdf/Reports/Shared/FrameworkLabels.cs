using Reporting.Core.Analysis;
using Reporting.Core.Export;

namespace Reporting.Pdf;

/// <summary>
/// How the reports name and order the domains of the run's coding framework: the framework's own label ("Principles",
/// "Context"), and its order of domains. Built from <see cref="RunModel.Framework"/>, so an UPSIDES report reads
/// "Principles · Mutual" where an adapted PARIHS one reads "Context · Culture".
/// </summary>
internal sealed class FrameworkLabels
{
    private readonly CodingFramework _framework;

    private FrameworkLabels(CodingFramework framework) => _framework = framework;

    /// <summary>The open framework's labels: the adapted PARIHS domains by name, any other domain as written.</summary>
    public static FrameworkLabels Open { get; } = new(CodingFrameworks.Open);

    /// <summary>The labels of the framework the run used.</summary>
    public static FrameworkLabels From(FrameworkSummary framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return framework.Open ? Open : new FrameworkLabels(new CodingFramework(framework.Name, framework.Domains));
    }

    /// <summary>The framework in words: "the adapted PARIHS framework", "the UPSIDES framework", "the open framework".</summary>
    public string Name => _framework.Name switch
    {
        var n when n == CodingFrameworks.ParihsEnrich.Name => "the adapted PARIHS framework",
        var n when n == CodingFrameworks.Upsides.Name => "the UPSIDES framework",
        var n => $"the {n} framework",
    };

    /// <summary>How codes are grouped, after "grouped by domain and construct": "of the adapted PARIHS framework", or "as coded" under the open framework.</summary>
    public string Grouping => _framework.Open ? "as coded (the open framework)" : "of " + Name;

    /// <summary>The label of <paramref name="domain"/>: the framework's label when it lists the domain, else the name with a capital.</summary>
    public string Label(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (_framework.FindDomain(domain) is { } listed)
        {
            return listed.Label;
        }

        var name = _framework.DomainName(domain);
        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
    }

    /// <summary>Whether the framework lists the constructs of <paramref name="domain"/> (rather than accepting any).</summary>
    public bool ListsConstructs(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return _framework.FindDomain(domain) is { Constructs: not null };
    }

    /// <summary>"Context · Leadership (access and authority)", "Principles · Mutual".</summary>
    public string GroupLabel(CodeKey code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return GroupLabel(code.DomainName, code.Construct);
    }

    /// <summary>"Domain · construct" for a domain name and construct.</summary>
    public string GroupLabel(string domain, string construct)
    {
        ArgumentNullException.ThrowIfNull(construct);
        return $"{Label(domain)} · {construct.Trim()}";
    }

    /// <summary>
    /// Groups by domain (in the framework's order of domains), then construct (trimmed, case-insensitively, in
    /// ordinal order), keeping the model's order within a group.
    /// </summary>
    public IEnumerable<IGrouping<(string Domain, string Construct), T>> Grouped<T>(IEnumerable<T> items, Func<T, CodeKey> key)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(key);
        var groups = items
            .GroupBy(i => (_framework.DomainName(key(i).DomainName).ToUpperInvariant(), key(i).Construct.Trim().ToUpperInvariant()))
            .ToList();
        var domainOrder = _framework.Order(groups.Select(g => g.Key.Item1).Distinct(StringComparer.Ordinal), d => (d, "", ""))
            .Select((d, i) => (d, i))
            .ToDictionary(p => p.d, p => p.i, StringComparer.Ordinal);
        return groups
            .OrderBy(g => domainOrder[g.Key.Item1])
            .ThenBy(g => g.Key.Item2, StringComparer.Ordinal);
    }
}
