namespace Reporting.Bench;

/// <summary>The real <c>reporting</c> CLI that the whole-process rows run: an executable (the native one that
/// scripts/bench.sh publishes ahead of time) or <c>reporting.dll</c> run by <c>dotnet</c>.</summary>
/// <param name="Program">The executable started.</param>
/// <param name="Prefix">Arguments before the command's own (the .dll, when run by dotnet).</param>
/// <param name="Shown">How the tables name it.</param>
/// <param name="Native">Whether it is compiled ahead of time (see <see cref="IsNative"/>); the identity check's line says so.</param>
internal sealed record CliCommand(string Program, IReadOnlyList<string> Prefix, string Shown, bool Native)
{
    /// <summary>Where scripts/bench.sh publishes the CLI (Native AOT: one executable), relative to the repository.</summary>
    public const string PublishedRelativePath = "artifacts/bench/cli/reporting";

    /// <summary>The Release build's assembly, relative to the repository.</summary>
    public const string BuiltRelativePath = "functions/Reporting.Cli/bin/Release/net10.0/reporting.dll";

    /// <summary><paramref name="given"/> (an executable, or a .dll to run with dotnet), else the published CLI, else
    /// the Release build, looked for in the current folder and above; null when none exists.</summary>
    public static CliCommand? Find(FileInfo? given)
    {
        if (given is not null)
        {
            return given.Exists ? Of(given) : null;
        }

        foreach (var relative in new[] { PublishedRelativePath, BuiltRelativePath })
        {
            for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = new FileInfo(Path.Combine(dir.FullName, relative));
                if (candidate.Exists)
                {
                    return Of(candidate);
                }
            }
        }

        return null;
    }

    public ChildOutput Run(IEnumerable<string> args) => ChildProcess.Run(Program, [.. Prefix, .. args]);

    /// <summary>
    /// Whether <paramref name="file"/> is a natively compiled executable: not a .dll, and no .dll of the same name
    /// beside it (an apphost of a JIT build or publish always has its assembly next to it; a Native AOT publish has
    /// none).
    /// </summary>
    public static bool IsNative(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Extension != ".dll" && !File.Exists(Path.ChangeExtension(file.FullName, ".dll"));
    }

    /// <summary>Runs <paramref name="file"/> itself, or a .dll through <c>dotnet</c>.</summary>
    public static CliCommand Of(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var shown = Path.GetRelativePath(Environment.CurrentDirectory, file.FullName);
        return file.Extension == ".dll"
            ? new CliCommand("dotnet", [file.FullName], "dotnet " + shown, Native: false)
            : new CliCommand(file.FullName, [], shown, IsNative(file));
    }
}
