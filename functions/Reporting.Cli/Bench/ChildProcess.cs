using System.Diagnostics;

namespace Reporting.Cli.Bench;

/// <summary>What a child process printed and how long it ran (start to exit, as the parent saw it).</summary>
internal sealed record ChildOutput(int ExitCode, string Stdout, string Stderr, double ProcessMs);

/// <summary>Starts child processes: this CLI again (for <c>bench-phase</c>) or another program (Rscript).</summary>
internal static class ChildProcess
{
    /// <summary>Runs this CLI with <paramref name="args"/>: through the same host that runs it now (the apphost, or
    /// <c>dotnet reporting.dll</c>).</summary>
    public static ChildOutput RunSelf(IEnumerable<string> args)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(ChildProcess).Assembly.Location;
        var viaDotnet = !string.Equals(Path.GetFileNameWithoutExtension(host), "reporting", StringComparison.Ordinal);
        return Run(viaDotnet ? DotnetHost(host) : host, viaDotnet ? [dll, .. args] : args);
    }

    /// <summary>Runs <paramref name="program"/> to its end, capturing stdout and stderr.</summary>
    public static ChildOutput Run(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        stopwatch.Stop();
        return new ChildOutput(process.ExitCode, stdout, stderr.GetAwaiter().GetResult(), stopwatch.Elapsed.TotalMilliseconds);
    }

    /// <summary>Whether <paramref name="program"/> can be found on the PATH.</summary>
    public static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    // Under a test host the process is not dotnet itself; fall back to the dotnet on the PATH.
    private static string DotnetHost(string host) =>
        string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.Ordinal) ? host : "dotnet";
}
