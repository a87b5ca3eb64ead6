using Reporting.Core.Export;

namespace Reporting.Core.Metrics;

/// <summary>One rater's total at the site's latest assessment; <see cref="Total"/> is null when incomplete.</summary>
public sealed record RaterTotal(string RaterId, double? Total, IReadOnlyList<string> MissingItems)
{
    /// <summary>Whether the rater scored every item of the instrument.</summary>
    public bool Complete => MissingItems.Count == 0;
}

/// <summary>Whether the complete raters gave the same score on an item.</summary>
public sealed record ItemAgreement(string ItemId, bool Exact, IReadOnlyList<double> Scores);

/// <summary>
/// Fidelity of one site (docs/method.md). <see cref="Score"/> is the mean of the complete raters' totals, null when
/// none is complete or the site was not assessed. Agreement is reported with two or more complete raters.
/// </summary>
public sealed record SiteFidelity(
    string SiteId,
    DateOnly? AssessedOn,
    IReadOnlyList<RaterTotal> Raters,
    double? Score,
    IReadOnlyList<ItemAgreement>? Agreement,
    double? ExactAgreementShare,
    double? LargestRaterDifference);

/// <summary>The site fidelity score of docs/method.md.</summary>
public static class Fidelity
{
    /// <summary>Fidelity for each site, in the order given.</summary>
    public static IReadOnlyList<SiteFidelity> Compute(IReadOnlyList<Site> sites, IReadOnlyList<FidelityScore> scores, FidelityInstrument instrument)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(instrument);
        var bySite = scores.GroupBy(s => s.SiteId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return sites.Select(site => bySite.TryGetValue(site.SiteId, out var siteScores)
                ? ForSite(site.SiteId, siteScores, instrument)
                : new SiteFidelity(site.SiteId, null, [], null, null, null, null))
            .ToList();
    }

    private static SiteFidelity ForSite(string siteId, List<FidelityScore> scores, FidelityInstrument instrument)
    {
        var latest = scores.Max(s => s.AssessedOn);
        var atLatest = scores.Where(s => s.AssessedOn == latest).ToList();
        var raters = atLatest.GroupBy(s => s.RaterId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var byItem = g.ToDictionary(s => s.ItemId, s => s.Score, StringComparer.OrdinalIgnoreCase);
                var missing = instrument.Items.Where(i => !byItem.ContainsKey(i.ItemId)).Select(i => i.ItemId).ToList();
                // Sum in instrument order so the same scores always give the same floating-point total.
                double? total = missing.Count == 0 ? instrument.Items.Sum(i => byItem[i.ItemId]) : null;
                return (Rater: new RaterTotal(g.Key, total, missing), Scores: byItem);
            })
            .ToList();

        var complete = raters.Where(r => r.Rater.Complete).ToList();
        double? score = complete.Count > 0 ? complete.Average(r => r.Rater.Total!.Value) : null;
        IReadOnlyList<ItemAgreement>? agreement = null;
        double? share = null;
        double? largest = null;
        if (complete.Count >= 2)
        {
            agreement = instrument.Items.Select(item =>
            {
                var values = complete.Select(r => r.Scores[item.ItemId]).ToList();
                return new ItemAgreement(item.ItemId, values.All(v => v == values[0]), values);
            }).ToList();
            share = (double)agreement.Count(a => a.Exact) / agreement.Count;
            largest = complete.Max(r => r.Rater.Total!.Value) - complete.Min(r => r.Rater.Total!.Value);
        }

        return new SiteFidelity(siteId, latest, raters.Select(r => r.Rater).ToList(), score, agreement, share, largest);
    }
}
