using System.Globalization;
using Reporting.Core.Export;

namespace Reporting.Core.Analysis;

/// <summary>Whether an axis groups whole sites (a site characteristic) or sources across sites (their role).</summary>
public enum AxisKind
{
    /// <summary>A site characteristic: each site, with all its sources, is in one group.</summary>
    Site,

    /// <summary>The stakeholder group: each source is in its role's group, across sites.</summary>
    Role,
}

/// <summary>
/// One group of an axis: its value, the sites in it, the coded sources in it, its coded segments by valence, and how
/// many of the codes it has lean towards facilitator or barrier.
/// </summary>
/// <param name="Value">The axis value: a category value, a role, or <c>below median</c> / <c>at or above median</c>.</param>
/// <param name="Label">How reports name the group ("NHS only", "Peer workers").</param>
/// <param name="Sites">Site axes: the sites with this value. Role axis: the sites where sources of this role were coded or interviewed.</param>
/// <param name="Sources">The distinct coded sources in the group.</param>
/// <param name="Valence">The group's coded segments by valence.</param>
/// <param name="FacilitatorCodes">Codes the group has whose facilitator segments outnumber its barrier segments.</param>
/// <param name="BarrierCodes">Codes the group has whose barrier segments outnumber its facilitator segments.</param>
public sealed record AxisGroup(
    string Value,
    string Label,
    IReadOnlyList<string> Sites,
    IReadOnlyList<string> Sources,
    ValenceCounts Valence,
    int FacilitatorCodes,
    int BarrierCodes);

/// <summary>One cell of an axis matrix: a group's coding of one code.</summary>
/// <param name="Value">The group.</param>
/// <param name="Sources">Distinct sources in the group coded with the code.</param>
/// <param name="Has">At least minSourcesPerCode distinct sources.</param>
/// <param name="SitesWithCode">Site axes: how many of the group's sites have the code (at least minSourcesPerCode of their own sources); null on the role axis.</param>
/// <param name="Sites">Site axes: the group's number of sites; null on the role axis.</param>
/// <param name="Valence">The group's coded segments of the code by valence.</param>
public sealed record AxisCell(string Value, IReadOnlyList<string> Sources, bool Has, int? SitesWithCode, int? Sites, ValenceCounts Valence);

/// <summary>One row of an axis matrix: a code and its cells, one per group in group order.</summary>
public sealed record AxisMatrixRow(CodeKey Code, IReadOnlyList<AxisCell> Cells);

/// <summary>A code as one group holds it: sources, "k of n sites" on site axes, valence.</summary>
public sealed record GroupCode(CodeKey Code, IReadOnlyList<string> Sources, int? SitesWithCode, int? Sites, ValenceCounts Valence)
{
    /// <summary>Whether only some of the group's sites have the code (the report then says "2 of 3 NHS sites").</summary>
    public bool HeldBySomeSites => SitesWithCode is { } k && Sites is { } n && k < n;
}

/// <summary>The codes distinctive of one group: the group has them and no other group does.</summary>
public sealed record DistinctiveCodes(string Value, IReadOnlyList<GroupCode> Codes);

/// <summary>Descriptive statistics of one structured interview item in one group (null statistics when n is 0).</summary>
/// <param name="Value">The group, or <c>all</c> for every source.</param>
/// <param name="N">Sources with a score.</param>
/// <param name="Median">The median (R type 7).</param>
/// <param name="LowerQuartile">The 1/4 quantile (R type 7).</param>
/// <param name="UpperQuartile">The 3/4 quantile (R type 7).</param>
/// <param name="Mean">The mean.</param>
public sealed record ItemStatistics(string Value, int N, double? Median, double? LowerQuartile, double? UpperQuartile, double? Mean);

/// <summary>One structured interview item on one axis: per group and over all sources.</summary>
public sealed record InterviewItemSummary(string ItemId, string Text, double Min, double Max, IReadOnlyList<ItemStatistics> Groups, ItemStatistics All);

/// <summary>
/// The comparison of coded interview data along one axis (docs/method.md, "Comparison by context and stakeholder
/// group"): groups, a groups × codes matrix, codes shared by every group, codes distinctive of each, and the
/// structured interview answers per group. Descriptive only.
/// </summary>
/// <param name="Axis">The axis name: <c>role</c> or a characteristic's name.</param>
/// <param name="Label">How reports name the axis.</param>
/// <param name="Kind">Site or role axis.</param>
/// <param name="Split">For a number characteristic: the median split, in words; otherwise null.</param>
/// <param name="Median">For a number characteristic: the median the sites were split at.</param>
/// <param name="Groups">The axis values present in the data, in the axis' order.</param>
/// <param name="LeftOut">What is not in any group and why (sites without a value, sources without a role).</param>
/// <param name="MinSourcesPerCode">Distinct sources a group needs to have a code.</param>
/// <param name="Matrix">Groups × codes, rows in the framework's order.</param>
/// <param name="UnavailableReason">Why shared and distinctive codes are not available (no codings, or fewer than two groups); null when they are.</param>
/// <param name="Shared">Codes every group has.</param>
/// <param name="Distinctive">Per group (in group order), the codes only it has.</param>
/// <param name="InterviewItems">Structured interview answers per item.</param>
/// <param name="InterviewItemsUnavailableReason">Why there are no summaries although trial.json declares items; null otherwise.</param>
/// <param name="Cautions">Small-number cautions to print with the comparison.</param>
public sealed record AxisComparison(
    string Axis,
    string Label,
    AxisKind Kind,
    string? Split,
    double? Median,
    IReadOnlyList<AxisGroup> Groups,
    IReadOnlyList<string> LeftOut,
    int MinSourcesPerCode,
    IReadOnlyList<AxisMatrixRow> Matrix,
    string? UnavailableReason,
    IReadOnlyList<CodeKey> Shared,
    IReadOnlyList<DistinctiveCodes> Distinctive,
    IReadOnlyList<InterviewItemSummary> InterviewItems,
    string? InterviewItemsUnavailableReason,
    IReadOnlyList<string> Cautions)
{
    /// <summary>The groups a site belongs to: its one group on a site axis; on the role axis, every role coded or interviewed there.</summary>
    public IReadOnlyList<AxisGroup> GroupsOf(string siteId) => Groups.Where(g => g.Sites.Contains(siteId, StringComparer.Ordinal)).ToList();

    /// <summary>The distinctive codes of the group <paramref name="value"/> (empty when it has none or the axis has no such group).</summary>
    public IReadOnlyList<GroupCode> DistinctiveOf(string value) =>
        Distinctive.FirstOrDefault(d => string.Equals(d.Value, value, StringComparison.Ordinal))?.Codes ?? [];
}

/// <summary>Builds the comparisons by context and stakeholder group (docs/method.md).</summary>
public static class AxisComparisons
{
    /// <summary>Group value of sites below a number characteristic's median.</summary>
    public const string BelowMedian = "below median";

    /// <summary>Group value of sites at or above a number characteristic's median.</summary>
    public const string AtOrAboveMedian = "at or above median";

    /// <summary>The value of <see cref="ItemStatistics.Value"/> for the statistics over every source.</summary>
    public const string AllSources = "all";

    /// <summary>The axes the run compares: trial.json's <c>comparison.axes</c>, or by default every category characteristic
    /// with at least two values present among the sites, then <c>role</c>.</summary>
    public static IReadOnlyList<string> Axes(TrialSettings settings, IReadOnlyList<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sites);
        if (settings.Comparison.Axes is { } axes)
        {
            return axes;
        }

        var values = sites.Select(SiteCharacteristics.ValuesOf).ToList();
        return settings.AllCharacteristics
            .Where(c => c.Kind == CharacteristicKind.Category)
            .Where(c => values.Select(v => Find(v, c.Name)?.Category).OfType<string>().Distinct(StringComparer.Ordinal).Count() >= 2)
            .Select(c => c.Name)
            .Append(AxisNames.Role)
            .ToList();
    }

    /// <summary>The comparison along <paramref name="axis"/> (<c>role</c> or a characteristic's name, case-insensitive),
    /// or null when the trial has no such axis. <paramref name="codings"/> and <paramref name="interviews"/> are null
    /// when not supplied.</summary>
    public static AxisComparison? Build(
        string axis, TrialSettings settings, IReadOnlyList<Site> sites, IReadOnlyList<Coding>? codings, IReadOnlyList<InterviewAnswer>? interviews)
    {
        ArgumentNullException.ThrowIfNull(axis);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sites);
        if (string.Equals(axis.Trim(), AxisNames.Role, StringComparison.OrdinalIgnoreCase))
        {
            return BuildRole(settings, sites, codings, interviews);
        }

        return settings.FindCharacteristic(axis) is { } characteristic ? BuildSite(characteristic, settings, sites, codings, interviews) : null;
    }

    private static AxisComparison BuildSite(
        SiteCharacteristic characteristic, TrialSettings settings, IReadOnlyList<Site> sites, IReadOnlyList<Coding>? codings, IReadOnlyList<InterviewAnswer>? interviews)
    {
        var valueOf = sites.ToDictionary(s => s.SiteId, s => Find(SiteCharacteristics.ValuesOf(s), characteristic.Name), StringComparer.Ordinal);
        var withValue = sites.Where(s => valueOf[s.SiteId]?.HasValue == true).ToList();
        var leftOut = new List<string>();
        var missing = sites.Where(s => valueOf[s.SiteId]?.HasValue != true).Select(s => s.SiteId).ToList();
        if (missing.Count > 0)
        {
            leftOut.Add($"{Plural(missing.Count, "site has", "sites have")} no value for {characteristic.Name} and {(missing.Count == 1 ? "is" : "are")} left out: {string.Join(", ", missing)}.");
        }

        string? split = null;
        double? median = null;
        List<(string Value, string Label, List<string> Sites)> groups;
        if (characteristic.Kind == CharacteristicKind.Number)
        {
            var numbers = withValue.Select(s => valueOf[s.SiteId]!.Number!.Value).ToList();
            if (numbers.Count > 0)
            {
                median = Statistics.Quantile(numbers, 0.5);
                var m = SiteCharacteristics.Format(median.Value);
                split = $"Split at the median of the {Plural(numbers.Count, "site's value", "sites' values")}, {m}: {BelowMedian} = less than {m}; {AtOrAboveMedian} = {m} or more.";
            }

            groups =
            [
                (BelowMedian, BelowMedian, withValue.Where(s => valueOf[s.SiteId]!.Number < median).Select(s => s.SiteId).ToList()),
                (AtOrAboveMedian, AtOrAboveMedian, withValue.Where(s => valueOf[s.SiteId]!.Number >= median).Select(s => s.SiteId).ToList()),
            ];
        }
        else
        {
            groups = characteristic.Values
                .Select(v => (v, Label(characteristic, v), withValue.Where(s => string.Equals(valueOf[s.SiteId]!.Category, v, StringComparison.Ordinal)).Select(s => s.SiteId).ToList()))
                .ToList();
        }

        groups = groups.Where(g => g.Sites.Count > 0).ToList();
        var groupOfSite = groups.SelectMany(g => g.Sites.Select(s => (Site: s, g.Value))).ToDictionary(p => p.Site, p => p.Value, StringComparer.Ordinal);
        var members = codings?.Where(c => groupOfSite.ContainsKey(c.SiteId)).Select(c => (Group: groupOfSite[c.SiteId], Coding: c)).ToList();
        var answers = interviews?.Where(a => groupOfSite.ContainsKey(a.SiteId)).Select(a => (Group: groupOfSite[a.SiteId], Answer: a)).ToList();
        var siteCounts = string.Join(", ", groups.Select(g => $"{g.Label} {g.Sites.Count.ToString(CultureInfo.InvariantCulture)}"));
        var caution = $"Descriptive only: sites per group {(groups.Count == 0 ? "none" : siteCounts)}. With so few sites a shared or distinctive code describes these cases; it is not a tested difference between kinds of site.";
        return Assemble(AxisKind.Site, characteristic.Name, characteristic.Label, split, median, groups, leftOut, members, answers, settings, caution);
    }

    private static AxisComparison BuildRole(TrialSettings settings, IReadOnlyList<Site> sites, IReadOnlyList<Coding>? codings, IReadOnlyList<InterviewAnswer>? interviews)
    {
        var roleOf = SourceRoles(codings, interviews);
        var siteOrder = sites.Select((s, i) => (s.SiteId, i)).ToDictionary(p => p.SiteId, p => p.i, StringComparer.Ordinal);
        var groups = settings.Roles
            .Select(role =>
            {
                var at = (codings ?? []).Where(c => roleOf.GetValueOrDefault(c.Source) == role).Select(c => c.SiteId)
                    .Concat((interviews ?? []).Where(a => roleOf.GetValueOrDefault(a.Source) == role).Select(a => a.SiteId))
                    .Distinct(StringComparer.Ordinal)
                    .OrderBy(s => siteOrder.GetValueOrDefault(s, int.MaxValue))
                    .ToList();
                return (Value: role, Label: StakeholderRoles.Label(role), Sites: at);
            })
            .Where(g => g.Sites.Count > 0)
            .ToList();
        var leftOut = new List<string>();
        var codedWithout = (codings ?? []).Select(c => c.Source).Distinct(StringComparer.Ordinal).Count(s => !roleOf.ContainsKey(s));
        if (codedWithout > 0)
        {
            leftOut.Add($"{Plural(codedWithout, "coded source has", "coded sources have")} no role and {(codedWithout == 1 ? "is" : "are")} left out.");
        }

        var answeredWithout = (interviews ?? []).Select(a => a.Source).Distinct(StringComparer.Ordinal).Count(s => !roleOf.ContainsKey(s));
        if (answeredWithout > 0)
        {
            leftOut.Add($"{Plural(answeredWithout, "interviewed source has", "interviewed sources have")} no role and {(answeredWithout == 1 ? "is" : "are")} left out of the structured answers.");
        }

        var members = codings?.Where(c => roleOf.ContainsKey(c.Source)).Select(c => (Group: roleOf[c.Source], Coding: c)).ToList();
        var answers = interviews?.Where(a => roleOf.ContainsKey(a.Source)).Select(a => (Group: roleOf[a.Source], Answer: a)).ToList();
        var sourceCounts = string.Join(", ", groups.Select(g =>
            $"{g.Label} {(members ?? []).Where(m => m.Group == g.Value).Select(m => m.Coding.Source).Distinct(StringComparer.Ordinal).Count().ToString(CultureInfo.InvariantCulture)}"));
        var caution = $"Descriptive only: coded sources per stakeholder group {(groups.Count == 0 ? "none" : sourceCounts)}. A code distinctive of a group may reflect who was asked about what; it is not a tested difference between groups.";
        return Assemble(AxisKind.Role, AxisNames.Role, "Stakeholder group", null, null, groups, leftOut, members, answers, settings, caution);
    }

    /// <summary>Each source's role: its first role in codings.csv, else in interviews.csv (a source has one role; the
    /// validation rule <c>role-conflict</c> refuses two).</summary>
    private static Dictionary<string, string> SourceRoles(IReadOnlyList<Coding>? codings, IReadOnlyList<InterviewAnswer>? interviews)
    {
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in codings ?? [])
        {
            if (c.Role is { } r)
            {
                roles.TryAdd(c.Source, r);
            }
        }

        foreach (var a in interviews ?? [])
        {
            if (a.Role is { } r)
            {
                roles.TryAdd(a.Source, r);
            }
        }

        return roles;
    }

    private static AxisComparison Assemble(
        AxisKind kind,
        string axis,
        string label,
        string? split,
        double? median,
        List<(string Value, string Label, List<string> Sites)> groups,
        List<string> leftOut,
        List<(string Group, Coding Coding)>? members,
        List<(string Group, InterviewAnswer Answer)>? answers,
        TrialSettings settings,
        string caution)
    {
        var minSources = settings.Comparison.MinSourcesPerCode;
        var framework = settings.Comparison.Framework;
        var byGroup = (members ?? []).ToLookup(m => m.Group, m => m.Coding, StringComparer.Ordinal);

        // Rows: every code coded anywhere on the axis, in the framework's order.
        var display = new Dictionary<(string, string, string), CodeKey>();
        foreach (var (_, coding) in members ?? [])
        {
            var key = CodeKey.Of(coding);
            display.TryAdd(key.Normalise(), key);
        }

        var codes = framework.Order(display, d => (d.Value.DomainName, d.Value.Construct, d.Value.Code));
        var cellsByGroup = groups.ToDictionary(
            g => g.Value,
            g => byGroup[g.Value].GroupBy(c => CodeKey.Of(c).Normalise()).ToDictionary(x => x.Key, x => x.ToList()),
            StringComparer.Ordinal);

        AxisCell Cell((string Value, string Label, List<string> Sites) group, (string, string, string) code)
        {
            var list = cellsByGroup[group.Value].GetValueOrDefault(code) ?? [];
            var sources = list.Select(c => c.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            int? sitesWith = kind == AxisKind.Site
                ? list.GroupBy(c => c.SiteId, StringComparer.Ordinal).Count(s => s.Select(c => c.Source).Distinct(StringComparer.Ordinal).Count() >= minSources)
                : null;
            int? siteCount = kind == AxisKind.Site ? group.Sites.Count : null;
            return new AxisCell(group.Value, sources, sources.Count >= minSources, sitesWith, siteCount, Valence(list));
        }

        var matrix = codes.Select(c => new AxisMatrixRow(c.Value, groups.Select(g => Cell(g, c.Key)).ToList())).ToList();

        var axisGroups = groups.Select((g, i) =>
        {
            var coded = byGroup[g.Value].ToList();
            var had = matrix.Select(r => r.Cells[i]).Where(c => c.Has).ToList();
            return new AxisGroup(
                g.Value,
                g.Label,
                g.Sites,
                coded.Select(c => c.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                Valence(coded),
                had.Count(c => c.Valence.Facilitator > c.Valence.Barrier),
                had.Count(c => c.Valence.Barrier > c.Valence.Facilitator));
        }).ToList();

        string? unavailable = members is null ? "No coded interview data was supplied, so there are no codes to compare."
            : groups.Count == 0 ? "No group is present on this axis."
            : groups.Count == 1 ? $"Only one group ({groups[0].Label}) is present on this axis, so nothing can be shared or distinctive."
            : null;
        var shared = unavailable is null ? matrix.Where(r => r.Cells.All(c => c.Has)).Select(r => r.Code).ToList() : [];
        var distinctive = unavailable is null
            ? groups.Select((g, i) => new DistinctiveCodes(g.Value, matrix
                .Where(r => r.Cells[i].Has && r.Cells.Where((_, j) => j != i).All(c => !c.Has))
                .Select(r => new GroupCode(r.Code, r.Cells[i].Sources, r.Cells[i].SitesWithCode, r.Cells[i].Sites, r.Cells[i].Valence))
                .ToList())).ToList()
            : [];

        var (items, itemsReason) = Items(groups.Select(g => g.Value).ToList(), answers, settings);
        var cautions = new List<string> { caution };
        if (items.Count > 0)
        {
            cautions.Add("Structured interview answers are summarised descriptively (n sources, median and quartiles by R's type 7, mean); no test compares the groups.");
        }

        return new AxisComparison(axis, label, kind, split, median, axisGroups, leftOut, minSources, matrix, unavailable, shared, distinctive, items, itemsReason, cautions);
    }

    private static (List<InterviewItemSummary>, string?) Items(List<string> groups, List<(string Group, InterviewAnswer Answer)>? answers, TrialSettings settings)
    {
        if (settings.InterviewItems.Count == 0)
        {
            return ([], null);
        }

        if (answers is null)
        {
            return ([], "trial.json declares interview items, but interviews.csv was not supplied or has errors.");
        }

        var summaries = settings.InterviewItems.Select(item =>
        {
            var mine = answers.Where(a => string.Equals(a.Answer.ItemId, item.ItemId, StringComparison.Ordinal)).ToList();
            var perGroup = groups.Select(g => Describe(g, mine.Where(a => a.Group == g).Select(a => a.Answer.Score).ToList())).ToList();
            return new InterviewItemSummary(item.ItemId, item.Text, item.Min, item.Max, perGroup, Describe(AllSources, mine.Select(a => a.Answer.Score).ToList()));
        }).ToList();
        return (summaries, null);
    }

    /// <summary>n, median, quartiles (R type 7) and mean of one group's scores on one item (one score per source).</summary>
    public static ItemStatistics Describe(string value, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return scores.Count == 0
            ? new ItemStatistics(value, 0, null, null, null, null)
            : new ItemStatistics(value, scores.Count, Statistics.Quantile(scores, 0.5), Statistics.Quantile(scores, 0.25), Statistics.Quantile(scores, 0.75), scores.Average());
    }

    private static ValenceCounts Valence(IEnumerable<Coding> list)
    {
        int f = 0, b = 0, n = 0, u = 0;
        foreach (var c in list)
        {
            switch (c.Valence)
            {
                case Export.Valence.Facilitator: f++; break;
                case Export.Valence.Barrier: b++; break;
                case Export.Valence.Neutral: n++; break;
                default: u++; break;
            }
        }

        return new ValenceCounts(f, b, n, u);
    }

    private static CharacteristicValue? Find(IReadOnlyList<CharacteristicValue> values, string name) =>
        values.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string Label(SiteCharacteristic characteristic, string value) =>
        characteristic == SiteCharacteristics.Employer && value == "other" ? "other employer" : SiteCharacteristics.ValueLabel(value);

    private static string Plural(int n, string one, string many) =>
        $"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? one : many)}";
}
