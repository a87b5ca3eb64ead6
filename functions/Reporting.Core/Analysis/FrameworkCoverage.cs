using Reporting.Core.Export;

namespace Reporting.Core.Analysis;

/// <summary>How much of the data one construct holds, over every site's codings.</summary>
/// <param name="Domain">The framework domain.</param>
/// <param name="Construct">The framework's name for a listed construct (codings under an alias count here); otherwise the construct as first coded.</param>
/// <param name="Listed">Whether the framework lists the construct (false under an open domain, an open framework, or for an <c>unknown-construct</c>).</param>
/// <param name="Codes">Distinct codes under the construct.</param>
/// <param name="Sources">Distinct sources coded under it.</param>
/// <param name="Sites">Distinct sites coded under it.</param>
/// <param name="Segments">Coded segments (rows of codings.csv) under it.</param>
public sealed record CoverageRow(string Domain, string Construct, bool Listed, int Codes, int Sources, int Sites, int Segments);

/// <summary>A construct of the framework by domain and name.</summary>
public sealed record ConstructRef(string Domain, string Construct);

/// <summary>
/// The framework the run used and its coverage: codes and sources per construct, in the framework's order, and the
/// listed constructs nobody was coded under.
/// </summary>
/// <param name="Name">The framework's name (<c>parihs-enrich</c>, <c>upsides</c>, <c>open</c>, or an inline framework's).</param>
/// <param name="Open">Whether any domain and construct is accepted.</param>
/// <param name="Domains">The framework's domains with their constructs (null constructs: any).</param>
/// <param name="Coverage">One row per construct listed or coded, in the framework's order.</param>
/// <param name="Uncoded">Listed constructs with no coding.</param>
/// <param name="CoverageUnavailableReason">Why there is no coverage (no codings supplied); null otherwise.</param>
public sealed record FrameworkSummary(
    string Name,
    bool Open,
    IReadOnlyList<FrameworkDomain> Domains,
    IReadOnlyList<CoverageRow> Coverage,
    IReadOnlyList<ConstructRef> Uncoded,
    string? CoverageUnavailableReason)
{
    /// <summary>The coverage of <paramref name="framework"/> by <paramref name="codings"/> (null when codings.csv was not supplied).</summary>
    public static FrameworkSummary Build(CodingFramework framework, IReadOnlyList<Coding>? codings)
    {
        ArgumentNullException.ThrowIfNull(framework);
        if (codings is null)
        {
            return new FrameworkSummary(framework.Name, framework.Open, framework.Domains, [], [],
                "No coded interview data was supplied, so the framework's coverage is not available.");
        }

        // Each coding under its listed construct (by name or alias), or under its own construct text.
        var rows = new Dictionary<(string Domain, string Construct), (string Domain, string Construct, bool Listed, List<Coding> Codings)>();
        foreach (var domain in framework.Domains)
        {
            foreach (var construct in domain.Constructs ?? [])
            {
                rows[(domain.Domain, construct.Name.ToUpperInvariant())] = (domain.Domain, construct.Name, true, []);
            }
        }

        foreach (var coding in codings)
        {
            var listed = framework.FindConstruct(coding.Domain, coding.Construct);
            var name = listed?.Name ?? coding.Construct.Trim();
            var key = (coding.Domain, name.ToUpperInvariant());
            if (!rows.TryGetValue(key, out var row))
            {
                rows[key] = row = (coding.Domain, name, false, []);
            }

            row.Codings.Add(coding);
        }

        var coverage = framework.Order(rows.Values, r => (r.Domain, r.Construct, ""))
            .Select(r => new CoverageRow(
                r.Domain,
                r.Construct,
                r.Listed,
                r.Codings.Select(c => CodeKey.Of(c).Normalise()).Distinct().Count(),
                r.Codings.Select(c => c.Source).Distinct(StringComparer.Ordinal).Count(),
                r.Codings.Select(c => c.SiteId).Distinct(StringComparer.Ordinal).Count(),
                r.Codings.Count))
            .ToList();
        var uncoded = coverage.Where(r => r.Listed && r.Segments == 0).Select(r => new ConstructRef(r.Domain, r.Construct)).ToList();
        return new FrameworkSummary(framework.Name, framework.Open, framework.Domains, coverage, uncoded, null);
    }
}
