using Reporting.Core.Export;
using Reporting.Core.Metrics;

namespace Reporting.Core.Analysis;

/// <summary>The metrics JSON: one entry a site and the pooled figures, full precision.</summary>
public sealed record MetricsDocument(string TrialId, string RunId, DateOnly DataCutOff, IReadOnlyList<SiteMetrics> Sites, SiteMetrics Pooled)
{
    /// <summary>The metrics of a run.</summary>
    public static MetricsDocument From(RunModel run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return From(run.Trial.TrialId, run.RunId, run.Trial.DataCutOff, run.Sites.Select(s => (s.SiteId, s.Engagement, s.Fidelity)), run.Pooled.Engagement);
    }

    /// <summary>
    /// The metrics of the run <see cref="TrialPipeline.Run(ExportBundle)"/> would build from <paramref name="bundle"/>, computed
    /// without the rest of the run (classes, funnel, Spearman's permutation test, cross-case and axis comparisons, QCA):
    /// the same document as <see cref="From(RunModel)"/> of that run. The bundle must be one the pipeline would run
    /// (<see cref="TrialPipeline.NotRunReason"/> is null).
    /// </summary>
    public static MetricsDocument From(ExportBundle bundle, string pipelineVersion)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var (engagement, pooled, fidelity) = RunBuilder.Measures(bundle);
        var engagementById = engagement?.ToDictionary(e => e.SiteId, StringComparer.Ordinal);
        var fidelityById = fidelity?.ToDictionary(f => f.SiteId, StringComparer.Ordinal);
        var cutOff = bundle.DataCutOff ?? bundle.Participants!.Max(p => p.RandomisedOn);
        return From(
            bundle.Settings!.TrialId,
            RunBuilder.RunId(RunBuilder.FileProvenances(bundle), pipelineVersion),
            cutOff,
            bundle.Sites!.Select(s => (s.SiteId, engagementById?.GetValueOrDefault(s.SiteId), fidelityById?.GetValueOrDefault(s.SiteId))),
            pooled);
    }

    private static MetricsDocument From(string trialId, string runId, DateOnly cutOff,
        IEnumerable<(string SiteId, SiteEngagement? Engagement, SiteFidelity? Fidelity)> perSite, SiteEngagement? p)
    {
        var sites = perSite.Select(s => new SiteMetrics(
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
        var pooled = new SiteMetrics("pooled", p?.Offered, p?.Engaged, p?.Pending, p?.Withdrawn, p?.Proportion.Value, p?.Proportion.CiLow, p?.Proportion.CiHigh, null, null, null);
        return new MetricsDocument(trialId, runId, cutOff, sites, pooled);
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
