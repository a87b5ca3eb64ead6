using Reporting.Core.Analysis;
using Reporting.Pdf.SharedSections;
using Reporting.Pdf.TrialSections;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf;

/// <summary>
/// The trial implementation report (docs/reports.md) for the trial team and funder: summary, trends across runs
/// (when the trial has earlier runs), engagement against fidelity, site table, fidelity details, funnel plot, case selection, patterns A–D, outcome by engagement,
/// a comparison per axis (context and stakeholder group), framework coverage, the QCA (when trial.json configures one), data provenance and methods notes. Built as <see cref="TrialReportModel"/> (the view-model) and composed from one
/// component per section.
/// </summary>
public static class TrialReportDocument
{
    /// <summary>Section headings, in order (tests find sections by them).</summary>
    public static class Sections
    {
        public const string Summary = "Summary";
        public const string Trends = "Trends across runs";
        public const string EngagementAndFidelity = "Engagement and fidelity";
        public const string SiteTable = "Site table";
        public const string FidelityDetails = "Fidelity details";
        public const string FunnelPlot = "Funnel plot";
        public const string CaseSelection = "Case selection";
        public const string Patterns = "Patterns A–D";
        public const string Outcome = "Outcome by engagement";
        public const string FrameworkCoverage = "Framework coverage";
        public const string Qca = "Qualitative Comparative Analysis";
        public const string Provenance = "Data provenance";
        public const string Methods = MethodsSection.Heading;

        /// <summary>The heading of the comparison along an axis labelled <paramref name="axisLabel"/>: "Comparison by employer".</summary>
        public static string Comparison(string axisLabel)
        {
            ArgumentNullException.ThrowIfNull(axisLabel);
            return "Comparison by " + F.InSentence(axisLabel);
        }
    }

    /// <summary>The sentence printed when the run has no engagement (no contacts.csv).</summary>
    public const string EngagementUnavailable = ReportText.EngagementUnavailable;

    /// <summary>The sentence printed when no site has a fidelity score.</summary>
    public const string FidelityUnavailable = ReportText.FidelityUnavailable;

    public static ReportDocument Build(RunModel run) => Build(TrialReportModel.From(run));

    /// <summary>The report with trends across <paramref name="history"/>'s earlier runs (none: exactly <see cref="Build(RunModel)"/>).</summary>
    public static ReportDocument Build(RunModel run, RunHistory history) => Build(TrialReportModel.From(run, history));

    internal static ReportDocument Build(TrialReportModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var run = m.Run;
        var t = run.Trial;
        return new ReportDocument(
            $"{t.TrialId} — trial implementation report",
            $"Implementation of {t.Title} across {F.Plural(run.SiteCount, "site", "sites")}",
            ["implementation", "engagement", "fidelity", "trial report", t.TrialId],
            run.DataTimestamp,
            Compose(m))
        {
            HeaderNote = $"Data cut-off {F.Date(t.DataCutOff)}",
            FooterNote = F.RunFooter(run),
        };
    }

    /// <summary>The report's sections in reading order: one component per section, each given its model.</summary>
    private static List<Block> Compose(TrialReportModel m) =>
    [
        .. TitleSection.Compose(m.Title),
        .. SummarySection.Compose(m.Summary),
        .. TrendsSection.Compose(m.Trends),
        .. EngagementFidelitySection.Compose(m.EngagementFidelity),
        .. SiteTableSection.Compose(m.SiteTable),
        .. FidelityDetailsSection.Compose(m.FidelityDetails),
        .. FunnelSection.Compose(m.Funnel),
        .. CaseSelectionSection.Compose(m.CaseSelection),
        .. PatternsSection.Compose(m.Patterns),
        .. OutcomeSection.Compose(m.Outcome),
        .. ComparisonsSection.Compose(m.Comparisons),
        .. FrameworkCoverageSection.Compose(m.FrameworkCoverage),
        .. QcaSection.Compose(m.Qca),
        .. ProvenanceSection.Compose(m.Provenance),
        .. MethodsSection.Compose(m.Methods),
    ];
}
