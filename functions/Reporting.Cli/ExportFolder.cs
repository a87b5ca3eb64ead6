using Reporting.Core.Export;

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
}
