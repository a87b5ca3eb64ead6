using Reporting.Core.Validation;

namespace Reporting.Core.Export;

/// <summary>The validation report of one file: what it is, its SHA-256, its size and row count, and its issues.</summary>
public sealed record FileValidation(
    string FileName,
    DatasetKind? Kind,
    string Sha256,
    long Bytes,
    int Rows,
    IReadOnlyList<ValidationIssue> Issues)
{
    /// <summary>Number of error-level issues.</summary>
    public int Errors => Issues.Count(i => i.Severity == Severity.Error);

    /// <summary>Number of warning-level issues.</summary>
    public int Warnings => Issues.Count(i => i.Severity == Severity.Warning);

    /// <summary>Whether the file is unusable.</summary>
    public bool HasErrors => Errors > 0;
}
