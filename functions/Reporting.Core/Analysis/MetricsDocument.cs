namespace Reporting.Core.Analysis;

/// <summary>The metrics JSON: one entry a site and the pooled figures, full precision.</summary>
public sealed record MetricsDocument(string TrialId, string RunId, DateOnly DataCutOff, IReadOnlyList<SiteMetrics> Sites, SiteMetrics Pooled)
{
    /// <summary>The metrics of a run.</summary>
    public static MetricsDocument From(RunModel run)
    {
        var sites = run.Sites.Select(s => new SiteMetrics(
            s.SiteId,
            s.Engagement?.Offered,
            s.Engagement?.Engaged,
            s.Engagement?.Pending,
            s.Engagement?.Withdrawn,
            s.Engagement?.Proportion.Value,
            s.Engagement?.Proportion.CiLow,
            s.Engagement?.Proportion.CiHigh,
            s.Fidelity?.Score,
            s.Fidelity?.AssessedOn,
            s.Fidelity?.Raters.Count(r => r.Complete))).ToList();
        var p = run.Pooled.Engagement;
        var pooled = new SiteMetrics("pooled", p?.Offered, p?.Engaged, p?.Pending, p?.Withdrawn, p?.Proportion.Value, p?.Proportion.CiLow, p?.Proportion.CiHigh, null, null, null);
        return new MetricsDocument(run.Trial.TrialId, run.RunId, run.Trial.DataCutOff, sites, pooled);
    }
}

/// <summary>One site's (or the pooled) metrics; null where unavailable.</summary>
public sealed record SiteMetrics(
    string SiteId,
    int? Offered,
    int? Engaged,
    int? Pending,
    int? Withdrawn,
    double? Engagement,
    double? CiLow,
    double? CiHigh,
    double? Fidelity,
    DateOnly? FidelityAssessedOn,
    int? CompleteRaters);
