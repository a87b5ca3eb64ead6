using Reporting.Core.Analysis;
using Reporting.Pdf.SharedSections;
using Reporting.Pdf.SiteSections;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf;

/// <summary>
/// The site implementation report (docs/reports.md) for one site's lead: the site's figures against the trial's, its
/// trend across runs (when the trial has earlier runs), its place on the scatter, its class and why, its facilitators and barriers, and the patterns it shares with the
/// high–high and low–low cases, and the context and stakeholder groups it belongs to with what is distinctive of them. It shows no other site's excerpts, names or figures: other sites are unlabelled
/// points on the scatter, and trial-level figures are pooled. Built as <see cref="SiteReportModel"/> and composed from
/// one component per section.
/// </summary>
public static class SiteReportDocument
{
    /// <summary>Section headings, in order.</summary>
    public static class Sections
    {
        public const string Summary = "Summary";
        public const string AgainstTrial = "This site and the trial";
        public const string Trend = "Trend across runs";
        public const string Scatter = "Place on the engagement–fidelity chart";
        public const string Class = "Class and case role";
        public const string Fidelity = "Fidelity details";
        public const string FacilitatorsBarriers = "Facilitators and barriers";
        public const string SharedPatterns = "Patterns shared with other cases";
        public const string Groups = "Context and stakeholder groups";
        public const string Methods = MethodsSection.Heading;
    }

    /// <summary>The sentence printed when the run has no coded interviews.</summary>
    public const string NoCodings = "No coded interview data was supplied; facilitators and barriers are not available.";

    public static ReportDocument Build(RunModel run, string siteId) => Build(SiteReportModel.From(run, siteId));

    /// <summary>The report with the site's trend across <paramref name="history"/>'s earlier runs (none: exactly <see cref="Build(RunModel, string)"/>).</summary>
    public static ReportDocument Build(RunModel run, string siteId, RunHistory history) => Build(SiteReportModel.From(run, siteId, history));

    internal static ReportDocument Build(SiteReportModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var site = m.Site;
        var t = m.Run.Trial;
        return new ReportDocument(
            $"{site.SiteId} {site.SiteName} — site implementation report",
            $"Implementation of {t.Title} at site {site.SiteId} ({site.SiteName})",
            ["implementation", "engagement", "fidelity", "site report", t.TrialId, site.SiteId],
            m.Run.DataTimestamp,
            Compose(m))
        {
            HeaderNote = $"Data cut-off {F.Date(t.DataCutOff)}",
            FooterNote = $"Site {site.SiteId} · " + F.RunFooter(m.Run),
        };
    }

    /// <summary>The report's sections in reading order: one component per section, each given its model.</summary>
    private static List<Block> Compose(SiteReportModel m) =>
    [
        .. TitleSection.Compose(m.Title),
        .. SiteSummarySection.Compose(m.Summary),
        .. AgainstTrialSection.Compose(m.AgainstTrial),
        .. SiteTrendSection.Compose(m.Trend),
        .. SiteScatterSection.Compose(m.Scatter),
        .. ClassSection.Compose(m.Class),
        .. SiteFidelitySection.Compose(m.Fidelity),
        .. FacilitatorsBarriersSection.Compose(m.FacilitatorsBarriers),
        .. SharedPatternsSection.Compose(m.SharedPatterns),
        .. SiteGroupsSection.Compose(m.Groups),
        .. MethodsSection.Compose(m.Methods),
    ];
}
