using Reporting.Core.Analysis;

namespace Reporting.Pdf.SharedSections;

/// <summary>
/// What every report of a run says about the run itself: its identity, the trial, the number of sites and whether the
/// data are synthetic (said by the trial's own title, never assumed).
/// </summary>
internal sealed record RunFacts(
    string RunId,
    string PipelineVersion,
    string SchemaVersion,
    DateTimeOffset DataTimestamp,
    TrialInfo Trial,
    int SiteCount,
    bool IsSynthetic)
{
    public static RunFacts From(RunModel run) => new(
        run.RunId,
        run.PipelineVersion,
        run.SchemaVersion,
        run.DataTimestamp,
        run.Trial,
        run.Sites.Count,
        ReportFormat.IsSynthetic(run.Trial.Title));
}
