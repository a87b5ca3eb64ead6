using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Reporting.Bench;

/// <summary>What a child process printed and what it cost, as the parent saw it.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">What it wrote to stdout.</param>
/// <param name="Stderr">What it wrote to stderr.</param>
/// <param name="ProcessMs">Wall time from start to exit.</param>
/// <param name="CpuMs">User + system CPU time of the child (and of any children it waited for), from the kernel's
/// accounting of reaped children; null where that is not available.</param>
/// <param name="PeakRssBytes">The child's peak resident set (VmHWM), sampled from /proc every few milliseconds while
/// it runs: the kernel keeps the high-water mark, so only growth in its last few milliseconds can be missed. Null
/// without /proc.</param>
internal sealed record ChildOutput(int ExitCode, string Stdout, string Stderr, double ProcessMs, double? CpuMs = null, long? PeakRssBytes = null);

/// <summary>Starts child processes: this benchmark again (for its phases), the <c>reporting</c> CLI, or another program (Rscript).</summary>
internal static partial class ChildProcess
{
    private static readonly TimeSpan RssPoll = TimeSpan.FromMilliseconds(5);

    // Children's CPU time is read from a process-wide counter, so two measured children must not overlap.
    private static readonly Lock Sequential = new();

    /// <summary>Runs this benchmark with <paramref name="args"/>: through the same host that runs it now (the apphost, or
    /// <c>dotnet reporting-bench.dll</c>).</summary>
    public static ChildOutput RunSelf(IEnumerable<string> args)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(ChildProcess).Assembly.Location;
        var viaDotnet = !string.Equals(Path.GetFileNameWithoutExtension(host), "reporting-bench", StringComparison.Ordinal);
        return Run(viaDotnet ? DotnetHost(host) : host, viaDotnet ? [dll, .. args] : args);
    }

    /// <summary>Runs <paramref name="program"/> to its end, capturing stdout and stderr, its wall and CPU time and its peak RSS.</summary>
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

        lock (Sequential)
        {
            var cpuBefore = ChildrenCpuMs();
            var stopwatch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
            var poller = new PeakPoller(process.Id);
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            stopwatch.Stop();
            var peak = poller.Stop();
            var cpuAfter = ChildrenCpuMs();
            return new ChildOutput(process.ExitCode, stdout, stderr.GetAwaiter().GetResult(), stopwatch.Elapsed.TotalMilliseconds,
                cpuAfter - cpuBefore, peak);
        }
    }

    /// <summary>Whether <paramref name="program"/> can be found on the PATH.</summary>
    public static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    // Under a test host the process is not dotnet itself; fall back to the dotnet on the PATH.
    private static string DotnetHost(string host) =>
        string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.Ordinal) ? host : "dotnet";

    /// <summary>Samples a process's VmHWM on a thread of its own (not the thread pool, which may be slow to give a
    /// thread to a short child).</summary>
    private sealed class PeakPoller
    {
        private readonly string _path;
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak = -1;

        public PeakPoller(int pid)
        {
            _path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
            _thread = new Thread(Loop) { IsBackground = true, Name = "peak RSS poller" };
            _thread.Start();
        }

        public long? Stop()
        {
            _stop = true;
            _thread.Join();
            return _peak < 0 ? null : _peak;
        }

        private void Loop()
        {
            while (!_stop)
            {
                if (PeakMemory.ReadStatusKb(_path, "VmHWM:") is { } kb)
                {
                    _peak = Math.Max(_peak, kb * 1024);
                }

                Thread.Sleep(RssPoll);
            }
        }
    }

    /// <summary>User + system time of this process's reaped children so far (getrusage RUSAGE_CHILDREN), in ms.</summary>
    private static double? ChildrenCpuMs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var usage = default(RUsage);
        if (GetRUsage(RUsageChildren, ref usage) != 0)
        {
            return null;
        }

        return (usage.UserSeconds * 1000.0) + (usage.UserMicroseconds / 1000.0) + (usage.SystemSeconds * 1000.0) + (usage.SystemMicroseconds / 1000.0);
    }

    private const int RUsageChildren = -1;

    /// <summary>The start of Linux's struct rusage on 64-bit: two struct timevals, then 14 longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public unsafe fixed long Rest[14];
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRUsage(int who, ref RUsage usage);
}
