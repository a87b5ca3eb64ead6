using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Reporting.Deploy.Tests;

/// <summary>One diagnostic the Bicep CLI printed: <c>file(line,column) : Level code: message</c>.</summary>
internal sealed record BicepDiagnostic(string File, int Line, int Column, string Level, string Code, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}) : {Level} {Code}: {Message}";
}

/// <summary>What one run of the Bicep CLI did.</summary>
internal sealed partial record BicepRun(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Errors, warnings and infos, from standard error (the CLI exits 0 on warnings, so they must be read).</summary>
    public IReadOnlyList<BicepDiagnostic> Diagnostics =>
        [.. StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => DiagnosticLine().Match(line))
            .Where(m => m.Success)
            .Select(m => new BicepDiagnostic(
                m.Groups["file"].Value,
                int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["column"].Value, CultureInfo.InvariantCulture),
                m.Groups["level"].Value,
                m.Groups["code"].Value,
                m.Groups["message"].Value))];

    /// <summary>True when the command succeeded and printed nothing on standard error: no diagnostic of any level.</summary>
    public bool IsClean => ExitCode == 0 && StandardError.Trim().Length == 0;

    /// <summary>For assertion messages.</summary>
    public string Describe() => $"bicep {Command} exited {ExitCode}:{Environment.NewLine}{StandardError.Trim()}";

    [GeneratedRegex(@"^(?<file>.+)\((?<line>\d+),(?<column>\d+)\) : (?<level>Error|Warning|Info) (?<code>[^:\s]+): (?<message>.*)$")]
    private static partial Regex DiagnosticLine();
}

/// <summary>
/// The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64, a &lt;PackageDownload&gt; of this project): the
/// same compiler <c>az bicep</c> runs, used offline on the repository's own files.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);
    private static readonly Lazy<string> LazyExecutable = new(Locate);

    /// <summary>Variables a run never inherits: the deployment reads the signing key from the environment.</summary>
    private static readonly string[] ScrubbedVariables = ["DOWNLOAD_LINK_SIGNING_KEY"];

    public static string Version => RepoPaths.BuildMetadata("BicepCliVersion");

    public static string Executable => LazyExecutable.Value;

    /// <summary>Runs <c>bicep arguments...</c> in <paramref name="workingDirectory"/>; <paramref name="environment"/> adds variables.</summary>
    public static async Task<BicepRun> RunAsync(
        string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in ScrubbedVariables)
        {
            start.Environment.Remove(variable);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(RunLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {RunLimit}.");
        }

        return new BicepRun(string.Join(' ', arguments), process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException(
                $"The deploy tests restore the linux-x64 Bicep CLI; this machine is {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}.");
        }

        var path = RepoPaths.BuildMetadata("BicepCli");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Bicep CLI {Version} is not in the NuGet cache at {path}: run dotnet restore on tests/Reporting.Deploy.Tests.", path);
        }

        // NuGet does not promise to keep the execute bit when it extracts a package.
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }

        return path;
    }
}
