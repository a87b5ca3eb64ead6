using Reporting.Core.Validation;

namespace Reporting.Core.Export;

/// <summary>The validation report <c>reporting validate --format json</c> and <c>--json FILE</c> write: whether the
/// export is valid, each file's report, and the issues of the export as a whole.</summary>
public sealed record ExportValidationReport(bool Valid, IReadOnlyList<FileValidationReport> Files, IReadOnlyList<ValidationIssue> BundleIssues)
{
    /// <summary>The report of a pipeline result.</summary>
    public static ExportValidationReport From(PipelineResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ExportValidationReport(
            !result.HasErrors,
            [.. result.Files.Select(f => new FileValidationReport(f.FileName, f.Kind, f.Sha256, f.Bytes, f.Rows, f.Errors, f.Warnings, f.Issues))],
            result.BundleIssues);
    }
}

/// <summary>One file's entry in an <see cref="ExportValidationReport"/>.</summary>
public sealed record FileValidationReport(string FileName, DatasetKind? Kind, string Sha256, long Bytes, int Rows, int Errors, int Warnings, IReadOnlyList<ValidationIssue> Issues);
