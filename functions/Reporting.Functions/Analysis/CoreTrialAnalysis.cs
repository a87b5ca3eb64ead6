using Reporting.Core;
using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Core.Validation;

namespace Reporting.Functions.Analysis;

/// <summary>Forwards to Reporting.Core (validation, analysis, run.json) and the report renderer.</summary>
public sealed class CoreTrialAnalysis(IReportRenderer renderer) : ITrialAnalysis
{
    public string PipelineVersion => TrialPipeline.Version;

    public bool IsKnownFile(string fileName) => ExportFiles.Recognise(fileName) is not null;

    public AnalysisOutcome Analyse(string trialId, IReadOnlyList<InputFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var result = TrialPipeline.Run([.. files.Select(f => new ExportFile(f.FileName, f.Open))], expectedTrialId: trialId);
        var checks = result.Files.Select(f => new FileCheck(f.FileName, f.Kind is { } kind ? EnumText<DatasetKind>.ToText(kind) : null, f.Sha256, f.Bytes, f.Rows,
            [.. f.Issues.Select(ToIssue)], f.HasErrors)).ToList();
        return new AnalysisOutcome(checks, result.Run is { } run ? ToRun(run) : null, result.NotRunReason);
    }

    public IReadOnlyList<FunderInfo> FundersOf(string runJson) =>
        [.. RunModelJson.Deserialize(runJson).Trial.Funders.Select(f => new FunderInfo(f.FunderId, f.Name))];

    public byte[] FunderReport(string funderId, string funderName, string period, IReadOnlyList<PortfolioInput> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var portfolio = FunderPortfolios.Build(funderId, funderName, period,
            [.. trials.Select(t => new PortfolioTrialInput(RunModelJson.Deserialize(t.CurrentRunJson),
                t.PreviousRunJson is null ? null : RunModelJson.Deserialize(t.PreviousRunJson), t.TrialReportUrl))]);
        return renderer.Funder(portfolio);
    }

    private AnalysisRun ToRun(RunModel run) => new(
        run.RunId,
        run.Trial.TrialId,
        run.Trial.Title,
        run.Trial.DataCutOff,
        [.. run.Trial.Funders.Select(f => new FunderInfo(f.FunderId, f.Name))],
        [.. run.Sites.Select(s => new SiteMetric(
            s.SiteId, s.SiteName, s.Engagement?.Offered ?? 0, s.Engagement?.Engaged ?? 0, s.Engagement?.Pending ?? 0,
            s.Engagement?.Proportion.Value, s.Engagement?.Proportion.CiLow, s.Engagement?.Proportion.CiHigh,
            s.Fidelity?.Score, s.EngagementClass?.Level.ToString(), s.FidelityClass?.Level.ToString()))],
        RunModelJson.Serialize(run),
        () => renderer.Trial(run),
        siteId => renderer.Site(run, siteId));

    private static Issue ToIssue(ValidationIssue issue) =>
        new(issue.File, issue.Line, issue.Column, issue.Code, issue.Severity == Severity.Error ? "error" : "warning", issue.Message);
}
