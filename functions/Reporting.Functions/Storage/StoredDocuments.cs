using Reporting.Core.Export;
using Reporting.Core.Validation;

namespace Reporting.Functions.Storage;

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

/// <summary>One accepted export file: where its archived bytes are and what they hash to.</summary>
public sealed record AcceptedFile(string FileName, string ArchivePath, string Sha256, long Bytes, DateTimeOffset ReceivedUtc, string SourceBlob);

/// <summary><c>reports/{trialId}/latest.json</c>: the run the site links and funder reports use.</summary>
public sealed record LatestRun(string TrialId, string RunId, long Sequence, DateOnly DataCutOff, string RunJson, string TrialReport, IReadOnlyList<string> Sites);

/// <summary>Whether a validated upload is in use.</summary>
public enum UploadStatus
{
    /// <summary>The file had no error and is now part of the accepted set.</summary>
    Accepted,

    /// <summary>The file (or the zip) had errors or was not recognised; the previous accepted version stays in use.</summary>
    Rejected,
}

/// <summary>
/// <c>validation/{trialId}/{file}.json</c>: the latest validation report of that file name. <see cref="Issues"/> are
/// the file's own (Core's <see cref="ValidationIssue"/>, never holding a cell value); <see cref="ExportIssues"/> are
/// those of the export as a whole at that moment, such as a required dataset that has not been uploaded yet.
/// </summary>
public sealed record ValidationReport(
    string TrialId,
    string File,
    UploadStatus Status,
    string SourceBlob,
    string SourceETag,
    DateTimeOffset ReceivedUtc,
    string ArchivePath,
    string? Sha256,
    long Bytes,
    int? Rows,
    DatasetKind? Kind,
    int Errors,
    int Warnings,
    IReadOnlyList<ValidationIssue> Issues,
    IReadOnlyList<ValidationIssue> ExportIssues,
    AcceptedFile? InUse,
    string? RunId,
    string? NotRunReason,
    string PipelineVersion);

/// <summary>What became of one delivery of a BlobCreated event: the idempotency receipt (blob name + ETag).</summary>
public enum ReceiptOutcome
{
    /// <summary>Validated; the trial was analysed when the accepted set allowed.</summary>
    Processed,

    /// <summary>Archived and reported, not used (a rejected zip or an unknown file name).</summary>
    Rejected,

    /// <summary>The blob had been replaced or deleted before it was read; its newer version has its own event.</summary>
    Superseded,
}

/// <summary>One analysis run as the Runs table records it (partition = trial, row = run).</summary>
public sealed record RunRecord(string TrialId, string RunId, DateOnly DataCutOff, string PipelineVersion, int SiteCount, string RunJsonPath,
    string TriggeredBy, DateTimeOffset ReceivedUtc);

/// <summary>One funder delivery as the Deliveries table records it (partition = funder, row = period).</summary>
public sealed record FunderDelivery(string FunderId, string FunderName, string Period, string ReportPath, string DownloadUrl, DateTimeOffset ExpiresUtc,
    DateTimeOffset ScheduledUtc, IReadOnlyDictionary<string, string> Runs);
