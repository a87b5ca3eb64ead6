using Reporting.Functions.Analysis;

namespace Reporting.Functions.IngestExport;

/// <summary>
/// The inputs in use for a trial: for each export file, the archived copy that last passed validation.
/// Stored at <c>reports/{trialId}/accepted.json</c> and updated with <c>If-Match</c>, so concurrent uploads of
/// one trial never lose each other's files. <see cref="Sequence"/> grows with every change.
/// </summary>
public sealed record AcceptedSet(string TrialId, long Sequence, IReadOnlyList<AcceptedFile> Files)
{
    public AcceptedFile? Find(string fileName) =>
        Files.FirstOrDefault(f => string.Equals(f.FileName, fileName, StringComparison.OrdinalIgnoreCase));
}

public sealed record AcceptedFile(string FileName, string ArchivePath, string Sha256, long Bytes, DateTimeOffset ReceivedUtc, string SourceBlob);

/// <summary><c>reports/{trialId}/latest.json</c>: the run the site links and funder reports use.</summary>
public sealed record LatestRun(string TrialId, string RunId, long Sequence, DateOnly DataCutOff, string RunJson, string TrialReport, IReadOnlyList<string> Sites);

/// <summary><c>validation/{trialId}/{file}.json</c>: the latest validation report of that file name.</summary>
public sealed record ValidationReport(
    string TrialId,
    string File,
    string Status,
    string SourceBlob,
    string SourceETag,
    DateTimeOffset ReceivedUtc,
    string ArchivePath,
    string? Sha256,
    long Bytes,
    int? Rows,
    string? Kind,
    int Errors,
    int Warnings,
    IReadOnlyList<Issue> Issues,
    AcceptedFile? InUse,
    string? RunId,
    string? NotRunReason,
    string PipelineVersion)
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}
