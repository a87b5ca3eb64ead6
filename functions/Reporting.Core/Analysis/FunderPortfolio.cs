using System.Globalization;

namespace Reporting.Core.Analysis;

/// <summary>One trial's input to a funder portfolio: its latest run, the run current at the previous period
/// (null when there was none) and a link to its latest trial report.</summary>
public sealed record PortfolioTrialInput(RunModel Current, RunModel? Previous, string? TrialReportUrl);

/// <summary>A funder's portfolio for one period (docs/reports.md): per trial, latest figures, change and flagged sites.</summary>
public sealed record FunderPortfolio(
    string FunderId,
    string FunderName,
    string Period,
    DateTimeOffset DataTimestamp,
    IReadOnlyList<PortfolioTrial> Trials);

/// <summary>A trial in a funder portfolio.</summary>
/// <param name="EngagementChange">Pooled engagement now minus at the previous period (proportion; null without a previous run).</param>
public sealed record PortfolioTrial(
    string TrialId,
    string Title,
    string? Registration,
    string RunId,
    string? PreviousRunId,
    DateOnly DataCutOff,
    DateOnly? PreviousDataCutOff,
    int Sites,
    int Participants,
    Metrics.SiteEngagement? Pooled,
    double? PreviousEngagement,
    double? EngagementChange,
    SpearmanResult? Spearman,
    IReadOnlyList<PortfolioSite> SiteFigures,
    IReadOnlyList<FlaggedSite> Flagged,
    string? TrialReportUrl);

/// <summary>A site's figures in the portfolio, with change since the previous period.</summary>
public sealed record PortfolioSite(string SiteId, string SiteName, int? Offered, double? Engagement, double? EngagementChange, double? Fidelity, CaseRole Role);

/// <summary>A site the funder should look at, and why.</summary>
public sealed record FlaggedSite(string SiteId, string SiteName, string Reason);

/// <summary>Builds funder portfolios.</summary>
public static class FunderPortfolios
{
    /// <summary>
    /// Builds the portfolio of <paramref name="funderId"/> for <paramref name="period"/> (yyyy-MM) from the trials
    /// given (those the funder funds; others are left out). Trials are ordered by id.
    /// </summary>
    public static FunderPortfolio Build(string funderId, string funderName, string period, IReadOnlyList<PortfolioTrialInput> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        if (!DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new ArgumentException("The period is written yyyy-MM.", nameof(period));
        }

        var mine = trials
            .Where(t => t.Current.Trial.Funders.Any(f => string.Equals(f.FunderId, funderId, StringComparison.Ordinal)))
            .OrderBy(t => t.Current.Trial.TrialId, StringComparer.Ordinal)
            .Select(Trial)
            .ToList();
        var stamp = trials.Count == 0 ? DateTimeOffset.UnixEpoch : trials.Max(t => t.Current.DataTimestamp);
        return new FunderPortfolio(funderId, funderName, period, stamp, mine);
    }

    private static PortfolioTrial Trial(PortfolioTrialInput input)
    {
        var run = input.Current;
        var previous = input.Previous;
        var before = previous?.Sites.ToDictionary(s => s.SiteId, StringComparer.Ordinal);
        var now = run.Pooled.Engagement?.Proportion.Value;
        var then = previous?.Pooled.Engagement?.Proportion.Value;
        var sites = run.Sites.Select(s =>
        {
            var e = s.Engagement?.Proportion.Value;
            var e0 = before?.GetValueOrDefault(s.SiteId)?.Engagement?.Proportion.Value;
            return new PortfolioSite(s.SiteId, s.SiteName, s.Engagement?.Offered, e, e is not null && e0 is not null ? e - e0 : null, s.Fidelity?.Score, s.Role);
        }).ToList();
        var flagged = run.Sites
            .Where(s => s.FunnelPosition is FunnelPosition.Above998 or FunnelPosition.Below998 || s.Role == CaseRole.Outlier)
            .Select(s => new FlaggedSite(s.SiteId, s.SiteName, s.RoleReason))
            .ToList();
        return new PortfolioTrial(
            run.Trial.TrialId,
            run.Trial.Title,
            run.Trial.Registration,
            run.RunId,
            previous?.RunId,
            run.Trial.DataCutOff,
            previous?.Trial.DataCutOff,
            run.Sites.Count,
            run.Pooled.Participants,
            run.Pooled.Engagement,
            then,
            now is not null && then is not null ? now - then : null,
            run.Spearman,
            sites,
            flagged,
            input.TrialReportUrl);
    }
}
