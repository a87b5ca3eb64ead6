using Reporting.Core;
using Reporting.Core.Analysis;
using Reporting.Core.Export;

namespace Reporting.Cli;

/// <summary>
/// What a command was asked to read: a folder of export files or a <c>.zip</c> of them, checked with the same zip
/// rules as the app (Core's <see cref="ExportZip"/>). A missing path or a file that is neither is a
/// <see cref="CommandFailedException"/>.
/// </summary>
internal sealed class ExportInput : IDisposable
{
    private readonly FileStream? _zipStream;
    private readonly ExportZip? _zip;
    private readonly IReadOnlyList<ExportFile> _files;

    private ExportInput(string path, IReadOnlyList<ExportFile> files, FileStream? zipStream, ExportZip? zip)
    {
        Path = path;
        _files = files;
        _zipStream = zipStream;
        _zip = zip;
    }

    /// <summary>The path as given on the command line.</summary>
    public string Path { get; }

    /// <summary>Whether the input is a zip.</summary>
    public bool IsZip => _zip is not null;

    public static ExportInput Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return new ExportInput(path, ExportFolder.Files(new DirectoryInfo(full)), null, null);
        }

        if (!File.Exists(full))
        {
            throw new CommandFailedException($"there is no folder or .zip at {full}.");
        }

        if (!full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            throw new CommandFailedException($"{full} is a file, not a folder of exports (or a .zip of them).");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"cannot read {full}: {ex.Message}");
        }

        var zip = ExportZip.Read(System.IO.Path.GetFileName(full), stream);
        return new ExportInput(path, zip.Files, stream, zip);
    }

    /// <summary>Validates the export and, when the data allow, analyses it. A zip's own issues come first among
    /// the bundle's issues; a rejected zip gives only those, since none of its files is read.</summary>
    public PipelineResult Run() => Run(ReadBundle());

    /// <summary>Reads and validates the export's datasets; null for a rejected zip (none of its files is read).</summary>
    public ExportBundle? ReadBundle() => _zip is { Rejected: true } ? null : ExportBundleReader.Read(_files);

    /// <summary>As <see cref="Run()"/>, over a bundle already read with <see cref="ReadBundle"/>.</summary>
    public PipelineResult Run(ExportBundle? bundle)
    {
        if (bundle is null)
        {
            return new PipelineResult([], _zip?.Issues ?? [], null, $"Not analysed: {_zip?.ZipName} was rejected. Fix the zip and try again.");
        }

        var result = TrialPipeline.Run(bundle);
        return _zip is null || _zip.Issues.Count == 0
            ? result
            : result with { BundleIssues = [.. _zip.Issues, .. result.BundleIssues] };
    }

    /// <summary>Validates and analyses; when the data allow no run, prints the validation and the reason
    /// (naming the input) and returns null.</summary>
    public static RunModel? AnalyseOrReport(string path, IssuePrinter printer)
    {
        ArgumentNullException.ThrowIfNull(printer);
        using var input = Open(path);
        var result = input.Run();
        if (result.Run is null)
        {
            printer.Print(result, input.Path);
            printer.Refused(input.Path, result.NotRunReason ?? "Not analysed.");
        }

        return result.Run;
    }

    /// <summary>Validates the export and, when the data allow a run, computes only its metrics (what <c>reporting
    /// metrics</c> prints), not the rest of the run; otherwise prints the validation and the reason and returns null.</summary>
    public static (MetricsDocument Metrics, string Title)? MetricsOrReport(string path, IssuePrinter printer)
    {
        ArgumentNullException.ThrowIfNull(printer);
        using var input = Open(path);
        var bundle = input.ReadBundle();
        if (bundle is not null && TrialPipeline.NotRunReason(bundle) is null)
        {
            return (MetricsDocument.From(bundle, TrialPipeline.Version), bundle.Settings!.Title);
        }

        // No run: the pipeline's result says why (and builds nothing).
        var result = input.Run(bundle);
        printer.Print(result, input.Path);
        printer.Refused(input.Path, result.NotRunReason ?? "Not analysed.");
        return null;
    }

    public void Dispose() => _zipStream?.Dispose();
}
