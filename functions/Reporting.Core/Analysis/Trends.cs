using Reporting.Core.Metrics;

namespace Reporting.Core.Analysis;

/// <summary>
/// What one run contributes to a trial's trends (docs/reports.md, "Trends across runs"): its identity, its data
/// cut-off, pooled engagement and each site's engagement and fidelity score. Built from a run's model, so the app can
/// build it from a stored run.json and the CLI from an analysed folder.
/// </summary>
/// <param name="TrialId">The trial the run belongs to.</param>
/// <param name="RunId">The run's id.</param>
/// <param name="DataCutOff">The run's data cut-off.</param>
/// <param name="PooledEngagement">Engagement over all sites; null without contacts.csv.</param>
/// <param name="Sites">Each site's figures, in the run's site order.</param>
public sealed record RunSnapshot(string TrialId, string RunId, DateOnly DataCutOff, Proportion? PooledEngagement, IReadOnlyList<SiteSnapshot> Sites)
{
    /// <summary>The snapshot of a run.</summary>
    public static RunSnapshot Of(RunModel run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunSnapshot(
            run.Trial.TrialId,
            run.RunId,
            run.Trial.DataCutOff,
            run.Pooled.Engagement?.Proportion,
            run.Sites.Select(s => new SiteSnapshot(s.SiteId, s.Engagement?.Proportion, s.Fidelity?.Score)).ToList());
    }
}

/// <summary>One site's figures in a run: engagement with its Wilson 95% interval, and the fidelity score (null when not available).</summary>
public sealed record SiteSnapshot(string SiteId, Proportion? Engagement, double? Fidelity);

/// <summary>
/// A trial's earlier runs, one per data cut-off, oldest first, every one before the current run's cut-off. Built only
/// by <see cref="Create"/>, which checks that.
/// </summary>
public sealed record RunHistory
{
    private RunHistory(IReadOnlyList<RunSnapshot> runs) => Runs = runs;

    /// <summary>No earlier run: the reports show no trends and are exactly those of a single run.</summary>
    public static RunHistory None { get; } = new([]);

    /// <summary>The earlier runs, oldest first.</summary>
    public IReadOnlyList<RunSnapshot> Runs { get; }

    /// <summary>
    /// The history of <paramref name="current"/> from the trial's earlier runs, in any order. Each must be of the same
    /// trial, with a data cut-off before the current one and different from every other's (one run per cut-off: for a
    /// cut-off exported twice, pass the run that was current for it). Otherwise the result says which rule is broken.
    /// </summary>
    public static HistoryResult Create(RunModel current, IEnumerable<RunSnapshot> earlier)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(earlier);
        var runs = earlier.OrderBy(r => r.DataCutOff).ToList();
        var trialId = current.Trial.TrialId;
        var cutOff = current.Trial.DataCutOff;
        if (runs.FirstOrDefault(r => !string.Equals(r.TrialId, trialId, StringComparison.Ordinal)) is { } other)
        {
            return HistoryResult.Failed($"Run {other.RunId} is of trial {other.TrialId}, not {trialId}: a trend compares runs of one trial.");
        }

        if (runs.FirstOrDefault(r => r.DataCutOff >= cutOff) is { } later)
        {
            return HistoryResult.Failed(
                $"Run {later.RunId} has data cut-off {Iso(later.DataCutOff)}, not before the current run's {Iso(cutOff)}: earlier runs must have earlier cut-offs.");
        }

        for (var i = 1; i < runs.Count; i++)
        {
            if (runs[i].DataCutOff == runs[i - 1].DataCutOff)
            {
                return HistoryResult.Failed(
                    $"Runs {runs[i - 1].RunId} and {runs[i].RunId} have the same data cut-off {Iso(runs[i].DataCutOff)}: give one run per cut-off.");
            }
        }

        return new HistoryResult(new RunHistory(runs), null);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A <see cref="RunHistory"/>, or why the runs given cannot form one.</summary>
public sealed record HistoryResult(RunHistory? History, string? Problem)
{
    internal static HistoryResult Failed(string problem) => new(null, problem);
}

/// <summary>A run on a trend's axis.</summary>
public sealed record TrendRun(string RunId, DateOnly DataCutOff);

/// <summary>
/// One run's figures on a trend line, with the change since the previous run on the line (null for the first run, or
/// when either run lacks the figure). Changes are differences of proportions (0–1) and of scores.
/// </summary>
public sealed record TrendPoint(
    string RunId,
    DateOnly DataCutOff,
    Proportion? Engagement,
    double? Fidelity,
    double? EngagementChange,
    double? FidelityChange);

/// <summary>A site's trend: one point per run of the trend, oldest first (figures null in runs the site was not in).</summary>
public sealed record SiteTrend(string SiteId, string SiteName, IReadOnlyList<TrendPoint> Points);

/// <summary>
/// Engagement and fidelity per site, and pooled engagement, across a trial's runs: the earlier runs and the current
/// one, by data cut-off. Sites are the current run's, in its order.
/// </summary>
public sealed record TrialTrends(IReadOnlyList<TrendRun> Runs, IReadOnlyList<TrendPoint> Pooled, IReadOnlyList<SiteTrend> Sites);

/// <summary>Builds trends across runs.</summary>
public static class Trends
{
    /// <summary>The trends of <paramref name="current"/> over its history; null when there is no earlier run.</summary>
    public static TrialTrends? Of(RunModel current, RunHistory history)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(history);
        if (history.Runs.Count == 0)
        {
            return null;
        }

        var runs = history.Runs.Append(RunSnapshot.Of(current)).ToList();
        var pooled = Line(runs.Select(r => (r, r.PooledEngagement, (double?)null)).ToList());
        var sites = current.Sites.Select(site => new SiteTrend(
            site.SiteId,
            site.SiteName,
            Line(runs.Select(r => r.Sites.FirstOrDefault(s => string.Equals(s.SiteId, site.SiteId, StringComparison.Ordinal)) is { } s
                ? (r, s.Engagement, s.Fidelity)
                : (r, (Proportion?)null, (double?)null)).ToList()))).ToList();
        return new TrialTrends(runs.Select(r => new TrendRun(r.RunId, r.DataCutOff)).ToList(), pooled, sites);
    }

    private static List<TrendPoint> Line(IReadOnlyList<(RunSnapshot Run, Proportion? Engagement, double? Fidelity)> points)
    {
        var line = new List<TrendPoint>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var (run, engagement, fidelity) = points[i];
            var previous = i > 0 ? points[i - 1] : default;
            line.Add(new TrendPoint(
                run.RunId,
                run.DataCutOff,
                engagement,
                fidelity,
                i > 0 && engagement?.Value is { } e && previous.Engagement?.Value is { } e0 ? e - e0 : null,
                i > 0 && fidelity is { } f && previous.Fidelity is { } f0 ? f - f0 : null));
        }

        return line;
    }
}
