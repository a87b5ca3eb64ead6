namespace Reporting.Functions.Analysis;

/// <summary>
/// What the handler needs from Core and Pdf, in the handler's own terms. The production implementation
/// (<see cref="CoreTrialAnalysis"/>) only forwards to Reporting.Core and Reporting.Pdf; the seam keeps the
/// ingest flow testable and the handler free of business rules.
/// </summary>
public interface ITrialAnalysis
{
    /// <summary>Version of the analysis pipeline; part of every run id.</summary>
    string PipelineVersion { get; }

    /// <summary>True when the file name is one of the export files of the export contract (docs/export-contract.md).</summary>
    bool IsKnownFile(string fileName);

    /// <summary>Validates the files together (trial.json must name <paramref name="trialId"/>) and, when they allow, runs the trial analysis.</summary>
    AnalysisOutcome Analyse(string trialId, IReadOnlyList<InputFile> files);

    /// <summary>Funders named by a stored run.json.</summary>
    IReadOnlyList<FunderInfo> FundersOf(string runJson);

    /// <summary>The funder portfolio PDF for one period.</summary>
    byte[] FunderReport(string funderId, string funderName, string period, IReadOnlyList<PortfolioInput> trials);
}

/// <summary>An input file: its export file name and a way to open its bytes (may be called more than once).</summary>
public sealed record InputFile(string FileName, Func<Stream> Open);

public sealed record AnalysisOutcome(IReadOnlyList<FileCheck> Files, AnalysisRun? Run, string? NotRunReason);

/// <summary>One file's validation. Messages never hold a cell value (Core's rule).</summary>
public sealed record FileCheck(string FileName, string? Kind, string Sha256, long Bytes, int Rows, IReadOnlyList<Issue> Issues, bool HasErrors);

public sealed record Issue(string File, int? Line, string? Column, string Code, string Severity, string Message);

public sealed record FunderInfo(string FunderId, string Name);

public sealed record SiteMetric(
    string SiteId, string SiteName, int Offered, int Engaged, int Pending, double? Proportion, double? CiLow, double? CiHigh,
    double? FidelityScore, string? EngagementClass, string? FidelityClass);

/// <summary>A completed analysis run: identity, the figures stored in tables, and its serialised form and reports.</summary>
public sealed record AnalysisRun(
    string RunId, string TrialId, string Title, DateOnly DataCutOff, IReadOnlyList<FunderInfo> Funders, IReadOnlyList<SiteMetric> Sites,
    string RunJson, Func<byte[]> TrialPdf, Func<string, byte[]> SitePdf);

/// <summary>One trial of a funder's portfolio: the current run.json, the previous period's (if any), and a link to the trial report.</summary>
public sealed record PortfolioInput(string CurrentRunJson, string? PreviousRunJson, string? TrialReportUrl);
