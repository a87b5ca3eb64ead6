using Reporting.Core.Analysis;
using Reporting.Pdf.SharedSections;

namespace Reporting.Pdf.SiteSections;

/// <summary>
/// The site implementation report's view-model: one model per section, built from the run model for one site. It holds
/// this site's figures and the trial's pooled ones only; other sites are unlabelled chart points.
/// </summary>
internal sealed record SiteReportModel(
    RunFacts Run,
    SiteResult Site,
    TitleModel Title,
    SiteSummaryModel Summary,
    AgainstTrialModel AgainstTrial,
    SiteTrendModel Trend,
    SiteScatterModel Scatter,
    ClassModel Class,
    SiteFidelityModel Fidelity,
    FacilitatorsBarriersModel FacilitatorsBarriers,
    SharedPatternsModel SharedPatterns,
    SiteGroupsModel Groups,
    MethodsModel Methods)
{
    /// <summary>The report's model for one site; with earlier runs in <paramref name="history"/> it has the site's trend.</summary>
    public static SiteReportModel From(RunModel run, string siteId, RunHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(siteId);
        var site = run.Sites.FirstOrDefault(s => string.Equals(s.SiteId, siteId, StringComparison.Ordinal))
            ?? throw new ArgumentException($"The run has no site {siteId}.", nameof(siteId));
        var trend = SiteTrendModel.From(run, site, history ?? RunHistory.None);
        return new(
            RunFacts.From(run),
            site,
            new TitleModel("Site implementation report", run.Trial, site),
            SiteSummaryModel.From(run, site),
            AgainstTrialModel.From(run, site),
            trend,
            SiteScatterModel.From(run, site, trend.FigureCount + 1),
            ClassModel.From(site),
            SiteFidelityModel.From(site),
            FacilitatorsBarriersModel.From(run, site),
            SharedPatternsModel.From(run, site),
            SiteGroupsModel.From(run, site),
            MethodsModel.From(run, withDataNote: true));
    }
}
