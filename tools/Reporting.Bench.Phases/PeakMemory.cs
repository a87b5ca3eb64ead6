using System.Globalization;

namespace Reporting.Bench;

/// <summary>
/// The process's peak resident set size, read from Linux's <c>/proc/self/status</c> (VmHWM), which the kernel
/// lets a process reset to its current RSS by writing 5 to <c>/proc/self/clear_refs</c>. Resetting after a
/// phase's set-up makes the peak that of the phase (plus what it holds as input), not of the set-up.
/// </summary>
internal static class PeakMemory
{
    /// <summary>Peak RSS in bytes, or null where /proc is not available (then the process's peak working set
    /// as .NET reports it is used by the caller instead).</summary>
    public static long? PeakRssBytes() => ReadStatusKb(SelfStatus, "VmHWM:") * 1024;

    /// <summary>Current RSS in bytes, or null without /proc.</summary>
    public static long? CurrentRssBytes() => ReadStatusKb(SelfStatus, "VmRSS:") * 1024;

    /// <summary>Resets the peak to the current RSS; false when the kernel does not allow it.</summary>
    public static bool TryReset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Collects garbage and returns freed memory to the OS as far as the GC can, so that what a set-up
    /// step left behind does not count towards the next phase's peak.</summary>
    public static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private const string SelfStatus = "/proc/self/status";

    /// <summary>A "Key: N kB" line of a /proc status file, in kB; null when the file or the line is not there
    /// (a process that has just exited has no status file).</summary>
    public static long? ReadStatusKb(string path, string key)
    {
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        foreach (var line in lines)
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var value = line[key.Length..].Trim();
                var space = value.IndexOf(' ', StringComparison.Ordinal);
                return long.Parse(space < 0 ? value : value[..space], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
