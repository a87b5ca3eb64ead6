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
    EngagementFidelityModel EngagementFidelity,
    SiteTableModel SiteTable,
    FidelityDetailsModel FidelityDetails,
    FunnelModel Funnel,
    CaseSelectionModel CaseSelection,
    PatternsModel Patterns,
    OutcomeModel Outcome,
    ProvenanceModel Provenance,
    MethodsModel Methods)
{
    public static TrialReportModel From(RunModel run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(
            RunFacts.From(run),
            new TitleModel("Trial implementation report", run.Trial, Site: null),
            SummaryModel.From(run),
            EngagementFidelityModel.From(run),
            SiteTableModel.From(run),
            FidelityDetailsModel.From(run),
            FunnelModel.From(run),
            CaseSelectionModel.From(run),
            PatternsModel.From(run),
            OutcomeModel.From(run),
            ProvenanceModel.From(run),
            MethodsModel.From(run, withDataNote: false));
    }
}
