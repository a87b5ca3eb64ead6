using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Core.Validation;

namespace Reporting.Core;

/// <summary>The outcome of running the pipeline over one export: each file's validation and, when the data allow, the run.</summary>
public sealed record PipelineResult(
    IReadOnlyList<FileValidation> Files,
    IReadOnlyList<ValidationIssue> BundleIssues,
    RunModel? Run,
    string? NotRunReason)
{
    /// <summary>Whether any file, or the export as a whole (a missing required dataset), has an error.</summary>
    public bool HasErrors => Files.Any(f => f.HasErrors) || BundleIssues.Any(i => i.Severity == Severity.Error);

    /// <summary>Every issue, file by file, then the bundle's.</summary>
    public IEnumerable<ValidationIssue> AllIssues => Files.SelectMany(f => f.Issues).Concat(BundleIssues);
}

/// <summary>Validation and analysis of a trial's export, start to finish. Pure: the caller supplies the files.</summary>
public static class TrialPipeline
{
    /// <summary>The pipeline's version: part of every run id, so a changed pipeline gives new runs.</summary>
    public const string Version = "1.0.0";

    /// <summary>Validates the files and, when no file has an error and the required datasets are present, builds the run.</summary>
    public static PipelineResult Run(IReadOnlyList<ExportFile> files, ExportLimits? limits = null, string? expectedTrialId = null)
    {
        var bundle = ExportBundleReader.Read(files, limits, expectedTrialId);
        return Run(bundle);
    }

    /// <summary>Builds the run from an already read bundle.</summary>
    public static PipelineResult Run(ExportBundle bundle)
    {
        var reason = NotRunReason(bundle);
        var run = reason is null ? RunBuilder.Build(bundle, Version) : null;
        return new PipelineResult(bundle.Files, bundle.BundleIssues, run, reason);
    }

    /// <summary>Why the bundle gives no run (a file with errors, a missing required dataset, no participants); null when it gives one.</summary>
    public static string? NotRunReason(ExportBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var failed = bundle.Files.Where(f => f.HasErrors).Select(f => f.FileName).ToList();
        var missing = bundle.BundleIssues.Where(i => i.Severity == Severity.Error).Select(i => i.File).Distinct().ToList();
        if (failed.Count > 0)
        {
            return $"Not analysed: {string.Join(", ", failed)} {(failed.Count == 1 ? "has" : "have")} errors. Fix them and upload again.";
        }

        if (missing.Count > 0)
        {
            return $"Not analysed: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing or invalid.";
        }

        if (bundle.Settings is null || bundle.Sites is null || bundle.Participants is null)
        {
            return "Not analysed: trial.json, sites.csv and participants.csv are needed.";
        }

        return bundle.Participants.Count == 0 ? "Not analysed: participants.csv has no participants." : null;
    }
}
