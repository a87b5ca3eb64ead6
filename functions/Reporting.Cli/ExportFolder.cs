using Reporting.Core.Export;

namespace Reporting.Cli;

/// <summary>The export files of a folder on disk, opened lazily.</summary>
internal static class ExportFolder
{
    public static IReadOnlyList<ExportFile> Files(DirectoryInfo dir)
    {
        if (!dir.Exists)
        {
            throw new CommandFailedException(File.Exists(dir.FullName)
                ? $"{dir.FullName} is a file, not a folder of exports (or a .zip of them)."
                : $"there is no folder at {dir.FullName}.");
        }

        return dir.EnumerateFiles()
            .Where(f => ExportFiles.Recognise(f.Name) is not null || f.Extension is ".csv" or ".json")
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new ExportFile(f.Name, () => Open(f)))
            .ToList();
    }

    private static Stream Open(FileInfo file)
    {
        try
        {
            // An empty file reads as nothing without being opened: a named pipe (FIFO) also reports no length,
            // and opening one blocks until something writes to it.
            file.Refresh();
            if (file.Exists && file.Length == 0)
            {
                return new MemoryStream([], writable: false);
            }

            return new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            // Listed a moment ago, so it is a symbolic link to nothing or was removed meanwhile.
            throw new CommandFailedException($"cannot read {file.FullName}: it is a broken link or was removed.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"cannot read {file.FullName}: {ex.Message}");
        }
    }
}
