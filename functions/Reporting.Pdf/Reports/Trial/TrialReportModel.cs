using Reporting.Core.Analysis;
using Reporting.Pdf.SharedSections;

namespace Reporting.Pdf.TrialSections;

/// <summary>
/// The trial implementation report's view-model: one model per section, in reading order, each built from the run
/// model. Everything the report shows is chosen here; the section components only format it.
/// </summary>
internal sealed record TrialReportModel(
    RunFacts Run,
    TitleModel Title,
    SummaryModel Summary,
    TrendsModel Trends,
    EngagementFidelityModel EngagementFidelity,
    SiteTableModel SiteTable,
    FidelityDetailsModel FidelityDetails,
    FunnelModel Funnel,
    CaseSelectionModel CaseSelection,
    PatternsModel Patterns,
    OutcomeModel Outcome,
    ComparisonsModel Comparisons,
    FrameworkCoverageModel FrameworkCoverage,
    QcaSectionModel Qca,
    ProvenanceModel Provenance,
    MethodsModel Methods)
{
    /// <summary>The report's model; with earlier runs in <paramref name="history"/> it has a trends section.</summary>
    public static TrialReportModel From(RunModel run, RunHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(run);

        // Figures are numbered in reading order: the trends' first, then the charts that follow them.
        var trends = TrendsModel.From(run, history ?? RunHistory.None);
        var firstChart = trends.FigureCount + 1;
        return new(
            RunFacts.From(run),
            new TitleModel("Trial implementation report", run.Trial, Site: null),
            SummaryModel.From(run),
            trends,
            EngagementFidelityModel.From(run, firstChart),
            SiteTableModel.From(run),
            FidelityDetailsModel.From(run),
            FunnelModel.From(run, firstChart + 2),
            CaseSelectionModel.From(run),
            PatternsModel.From(run),
            OutcomeModel.From(run),
            ComparisonsModel.From(run),
            FrameworkCoverageModel.From(run),
            QcaSectionModel.From(run),
            ProvenanceModel.From(run),
            MethodsModel.From(run, withDataNote: false));
    }
}
