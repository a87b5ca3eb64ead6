using Reporting.Core;
using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Spectre.Console;

namespace Reporting.Cli;

/// <summary>The export files of a folder on disk, opened lazily.</summary>
internal static class ExportFolder
{
    public static IReadOnlyList<ExportFile> Files(DirectoryInfo dir)
    {
        if (!dir.Exists)
        {
            throw new DirectoryNotFoundException($"No folder at {dir.FullName}.");
        }

        return dir.EnumerateFiles()
            .Where(f => ExportFiles.Recognise(f.Name) is not null || f.Extension is ".csv" or ".json")
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new ExportFile(f.Name, () => new FileStream(f.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan)))
            .ToList();
    }

    /// <summary>Validates and analyses the folder; when the data allow no run, prints the validation and the reason
    /// (naming the folder) and returns null.</summary>
    public static RunModel? AnalyseOrReport(DirectoryInfo dir, IAnsiConsole console)
    {
        var result = TrialPipeline.Run(Files(dir));
        if (result.Run is null)
        {
            ValidateCommand.Print(result, console);
            console.MarkupLine($"[red]{Markup.Escape(dir.FullName)}: {Markup.Escape(result.NotRunReason ?? "Not analysed.")}[/]");
        }

        return result.Run;
    }
}
