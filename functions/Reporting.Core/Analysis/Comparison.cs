using System.Text.Json.Serialization;
using Reporting.Core.Export;

namespace Reporting.Core.Analysis;

/// <summary>Why a site was selected for the cross-case comparison.</summary>
public enum CaseRole
{
    /// <summary>High engagement and high fidelity.</summary>
    HighHigh,

    /// <summary>Low engagement and low fidelity.</summary>
    LowLow,

    /// <summary>High on one axis and low or mid on the other, or outside the funnel's 99.8% limits.</summary>
    Outlier,

    /// <summary>Not compared (mid–mid, mid–low, low–mid, or not classifiable).</summary>
    NotSelected,
}

/// <summary>
/// A code, identified by domain, construct and code text (compared case-insensitively after trimming). The domain is
/// the framework's (<see cref="DomainName"/>, written <c>domain</c> in run.json); <see cref="Domain"/> reads it as an
/// adapted PARIHS domain.
/// </summary>
public sealed record CodeKey([property: JsonPropertyName("domain")] string DomainName, string Construct, string Code)
{
    /// <summary>The domain as an adapted PARIHS domain: <see cref="CodingDomain.Other"/> for <c>other</c> and for any
    /// domain of another framework (such as UPSIDES' principles and influences).</summary>
    [JsonIgnore]
    public CodingDomain Domain => DomainName.Trim().ToLowerInvariant() switch
    {
        "evidence" => CodingDomain.Evidence,
        "context" => CodingDomain.Context,
        "facilitation" => CodingDomain.Facilitation,
        _ => CodingDomain.Other,
    };

    /// <summary>The normalised key used for comparison.</summary>
    public (string, string, string) Normalise() => (DomainName.Trim().ToUpperInvariant(), Construct.Trim().ToUpperInvariant(), Code.Trim().ToUpperInvariant());

    /// <summary>The key of a coding (construct and code trimmed).</summary>
    public static CodeKey Of(Coding coding)
    {
        ArgumentNullException.ThrowIfNull(coding);
        return new CodeKey(coding.Domain, coding.Construct.Trim(), coding.Code.Trim());
    }
}

/// <summary>An excerpt with its source.</summary>
public sealed record Excerpt(string SiteId, string Source, string Text);

/// <summary>How many coded segments were facilitators, barriers, neutral or without valence.</summary>
public sealed record ValenceCounts(int Facilitator, int Barrier, int Neutral, int Unstated);

/// <summary>One cell of the framework matrix: a site's coding of one code.</summary>
public sealed record MatrixCell(string SiteId, IReadOnlyList<string> Sources, bool Has, ValenceCounts Valence, IReadOnlyList<Excerpt> Excerpts);

/// <summary>One row of the framework matrix: a code and its cells at the selected sites (in site order).</summary>
public sealed record MatrixRow(CodeKey Code, IReadOnlyList<MatrixCell> Cells);

/// <summary>The framework matrix: selected sites × codes, in the framework's order of domains and constructs, then by code.</summary>
public sealed record FrameworkMatrix(IReadOnlyList<string> SiteIds, int MinSourcesPerCode, IReadOnlyList<MatrixRow> Rows);

/// <summary>A code in a pattern: the sites that have it with their sources, valence and up to three excerpts.</summary>
public sealed record PatternCode(CodeKey Code, IReadOnlyList<string> Sites, IReadOnlyList<string> Sources, ValenceCounts Valence, IReadOnlyList<Excerpt> Excerpts);

/// <summary>A pattern (A, B or C): its codes, or why it is unavailable.</summary>
public sealed record Pattern(string Id, string Description, bool Available, string? UnavailableReason, IReadOnlyList<PatternCode> Codes);

/// <summary>Pattern D for one outlier: the B and C codes it has, and the codes no other selected site has.</summary>
public sealed record OutlierPattern(string SiteId, IReadOnlyList<PatternCode> SharedWithHighHigh, IReadOnlyList<PatternCode> SharedWithLowLow, IReadOnlyList<PatternCode> Unique);

/// <summary>Patterns A–D of docs/method.md, "Cross-case comparison".</summary>
public sealed record Patterns(Pattern A, Pattern B, Pattern C, IReadOnlyList<OutlierPattern> D, string? DUnavailableReason);

/// <summary>The framework matrix and patterns A–D (docs/method.md, "Cross-case comparison").</summary>
public static class Comparison
{
    /// <summary>Excerpts kept per code in a pattern.</summary>
    public const int ExcerptsPerCode = 3;

    /// <summary>Builds the matrix over the selected sites (in the order given), rows in <paramref name="framework"/>'s order
    /// (the open framework's when null).</summary>
    public static FrameworkMatrix Matrix(IReadOnlyList<string> siteIds, IReadOnlyList<Coding> codings, int minSourcesPerCode, CodingFramework? framework = null)
    {
        ArgumentNullException.ThrowIfNull(siteIds);
        ArgumentNullException.ThrowIfNull(codings);
        framework ??= CodingFrameworks.Open;
        var selected = new HashSet<string>(siteIds, StringComparer.Ordinal);
        var display = new Dictionary<(string, string, string), CodeKey>();
        var bySiteCode = new Dictionary<(string, string, string), Dictionary<string, List<Coding>>>();
        foreach (var coding in codings)
        {
            if (!selected.Contains(coding.SiteId))
            {
                continue;
            }

            var key = CodeKey.Of(coding);
            var norm = key.Normalise();
            display.TryAdd(norm, key);
            if (!bySiteCode.TryGetValue(norm, out var sites))
            {
                bySiteCode[norm] = sites = new Dictionary<string, List<Coding>>(StringComparer.Ordinal);
            }

            if (!sites.TryGetValue(coding.SiteId, out var list))
            {
                sites[coding.SiteId] = list = [];
            }

            list.Add(coding);
        }

        var rows = framework.Order(display, d => (d.Value.DomainName, d.Value.Construct, d.Value.Code))
            .Select(d => new MatrixRow(d.Value, siteIds.Select(siteId =>
            {
                var list = bySiteCode[d.Key].GetValueOrDefault(siteId) ?? [];
                var sources = list.Select(c => c.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var excerpts = list.Where(c => !string.IsNullOrWhiteSpace(c.Excerpt)).Select(c => new Excerpt(siteId, c.Source, c.Excerpt!)).ToList();
                return new MatrixCell(siteId, sources, sources.Count >= minSourcesPerCode, CountValence(list), excerpts);
            }).ToList()))
            .ToList();
        return new FrameworkMatrix(siteIds, minSourcesPerCode, rows);
    }

    /// <summary>Patterns A–D from the matrix and the case roles of its sites.</summary>
    public static Patterns Find(FrameworkMatrix matrix, IReadOnlyDictionary<string, CaseRole> roles)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(roles);
        var sites = matrix.SiteIds;
        var hh = sites.Where(s => roles[s] == CaseRole.HighHigh).ToList();
        var ll = sites.Where(s => roles[s] == CaseRole.LowLow).ToList();
        var outliers = sites.Where(s => roles[s] == CaseRole.Outlier).ToList();

        bool Has(MatrixRow row, string site) => row.Cells.First(c => c.SiteId == site).Has;

        Pattern A()
        {
            const string description = "Codes that every selected case has.";
            if (sites.Count < 2)
            {
                return new Pattern("A", description, false, "Fewer than two cases were selected, so nothing can be shared across cases.", []);
            }

            return new Pattern("A", description, true, null, matrix.Rows.Where(r => sites.All(s => Has(r, s))).Select(r => Code(r, sites)).ToList());
        }

        string? MissingGroups() =>
            hh.Count == 0 && ll.Count == 0 ? "No site is high–high and no site is low–low." :
            hh.Count == 0 ? "No site is high–high, so there is nothing to contrast the low–low sites with." :
            ll.Count == 0 ? "No site is low–low, so there is nothing to contrast the high–high sites with." : null;

        var missing = MissingGroups();
        var bRows = missing is null ? matrix.Rows.Where(r => hh.All(s => Has(r, s)) && !ll.Any(s => Has(r, s))).ToList() : [];
        var cRows = missing is null ? matrix.Rows.Where(r => ll.All(s => Has(r, s)) && !hh.Any(s => Has(r, s))).ToList() : [];
        var b = new Pattern("B", "Codes that every high–high case has and no low–low case has.", missing is null, missing, bRows.Select(r => Code(r, hh)).ToList());
        var c = new Pattern("C", "Codes that every low–low case has and no high–high case has.", missing is null, missing, cRows.Select(r => Code(r, ll)).ToList());

        var d = outliers.Select(o => new OutlierPattern(
            o,
            bRows.Where(r => Has(r, o)).Select(r => Code(r, [o])).ToList(),
            cRows.Where(r => Has(r, o)).Select(r => Code(r, [o])).ToList(),
            matrix.Rows.Where(r => Has(r, o) && sites.Where(s => s != o).All(s => !Has(r, s))).Select(r => Code(r, [o])).ToList()))
            .ToList();
        var dReason = outliers.Count == 0 ? "No site was selected as an outlier." : null;
        return new Patterns(A(), b, c, d, dReason);
    }

    private static PatternCode Code(MatrixRow row, IReadOnlyList<string> sites)
    {
        var cells = row.Cells.Where(c => sites.Contains(c.SiteId) && c.Has).ToList();
        var sources = cells.SelectMany(c => c.Sources).ToList();
        var valence = new ValenceCounts(
            cells.Sum(c => c.Valence.Facilitator),
            cells.Sum(c => c.Valence.Barrier),
            cells.Sum(c => c.Valence.Neutral),
            cells.Sum(c => c.Valence.Unstated));
        return new PatternCode(row.Code, cells.Select(c => c.SiteId).ToList(), sources, valence, RoundRobin(cells));
    }

    /// <summary>Up to three excerpts, taken in turn from each site so that one site does not speak for all.</summary>
    private static List<Excerpt> RoundRobin(List<MatrixCell> cells)
    {
        var picked = new List<Excerpt>();
        for (var depth = 0; picked.Count < ExcerptsPerCode; depth++)
        {
            var any = false;
            foreach (var cell in cells)
            {
                if (depth < cell.Excerpts.Count)
                {
                    any = true;
                    if (picked.Count < ExcerptsPerCode)
                    {
                        picked.Add(cell.Excerpts[depth]);
                    }
                }
            }

            if (!any)
            {
                break;
            }
        }

        return picked;
    }

    private static ValenceCounts CountValence(List<Coding> list) => new(
        list.Count(c => c.Valence == Valence.Facilitator),
        list.Count(c => c.Valence == Valence.Barrier),
        list.Count(c => c.Valence == Valence.Neutral),
        list.Count(c => c.Valence is null));
}
