namespace Reporting.Functions.Analysis;

/// <summary>Forwards to Reporting.Core and Reporting.Pdf.</summary>
public sealed class CoreTrialAnalysis : ITrialAnalysis
{
    public string PipelineVersion => throw Pending();

    public bool IsKnownFile(string fileName) => throw Pending();

    public AnalysisOutcome Analyse(IReadOnlyList<InputFile> files) => throw Pending();

    public IReadOnlyList<FunderInfo> FundersOf(string runJson) => throw Pending();

    public byte[] FunderReport(string funderId, string funderName, string period, IReadOnlyList<PortfolioInput> trials) => throw Pending();

    private static NotSupportedException Pending() => new("Reporting.Core's pipeline is not wired in yet.");
}
