namespace Reporting.Bench;

/// <summary>The real <c>reporting</c> CLI that the whole-process rows run: an apphost (the ReadyToRun publish that
/// scripts/bench.sh makes) or <c>reporting.dll</c> run by <c>dotnet</c>.</summary>
internal sealed record CliCommand(string Program, IReadOnlyList<string> Prefix, string Shown)
{
    /// <summary>Where scripts/bench.sh publishes the CLI (ReadyToRun, apphost), relative to the repository.</summary>
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

    private static CliCommand Of(FileInfo file)
    {
        var shown = Path.GetRelativePath(Environment.CurrentDirectory, file.FullName);
        return file.Extension == ".dll"
            ? new CliCommand("dotnet", [file.FullName], "dotnet " + shown)
            : new CliCommand(file.FullName, [], shown);
    }
}
