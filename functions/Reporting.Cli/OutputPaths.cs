namespace Reporting.Cli;

/// <summary>Where a command writes: checked before any work is done, so an unwritable output fails at once with
/// one line naming the option and the path, not after a long analysis with a stack trace.</summary>
internal static class OutputPaths
{
    /// <summary>A file to write: not a folder, and its folder exists or can be created. Returns the full path.</summary>
    public static string File(FileInfo file, string option)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Directory.Exists(file.FullName))
        {
            throw new CommandFailedException($"{option} {file.FullName} is a folder; give the name of a file to write.");
        }

        CreateFolder(Path.GetDirectoryName(file.FullName) ?? file.FullName, option, file.FullName);
        return file.FullName;
    }

    /// <summary>A folder to write into: created when missing. Returns the full path.</summary>
    public static string Folder(DirectoryInfo folder, string option)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (System.IO.File.Exists(folder.FullName))
        {
            throw new CommandFailedException($"{option} {folder.FullName} is a file; give a folder to write into.");
        }

        CreateFolder(folder.FullName, option, folder.FullName);
        return folder.FullName;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, turning a failure into one line.</summary>
    public static void Write(string path, string content) => Write(path, () => System.IO.File.WriteAllText(path, content));

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, turning a failure into one line.</summary>
    public static void Write(string path, byte[] content) => Write(path, () => System.IO.File.WriteAllBytes(path, content));

    /// <summary>Creates <paramref name="path"/> and lets <paramref name="write"/> fill it, turning a failure into one line.</summary>
    public static void Write(string path, Action<Stream> write) => Write(path, () =>
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        write(stream);
    });

    private static void Write(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"cannot write {path}: {ex.Message}");
        }
    }

    private static void CreateFolder(string folder, string option, string target)
    {
        for (var up = folder; !string.IsNullOrEmpty(up); up = Path.GetDirectoryName(up))
        {
            if (System.IO.File.Exists(up))
            {
                throw new CommandFailedException($"{option} {target} cannot be written: {up} is a file, not a folder.");
            }
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"{option} {target} cannot be written: {ex.Message}");
        }
    }
}
