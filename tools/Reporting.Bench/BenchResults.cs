using System.Globalization;

namespace Reporting.Bench;

/// <summary>The medians of one phase over its runs for one trial.</summary>
internal sealed record PhaseSummary(
    string Trial,
    string Phase,
    string Status,
    int Runs,
    double? MedianMs,
    double? MinMs,
    double? MaxMs,
    double? MedianPeakMb,
    double? MedianProcessMs,
    double? MegabytesPerSecond,
    bool PeakExcludesSetUp,
    string? Note)
{
    public static PhaseSummary From(string trial, string phase, IReadOnlyList<(PhaseResult Result, double ProcessMs)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var failed = runs.FirstOrDefault(r => r.Result.Status != PhaseResult.Ok);
        if (runs.Count == 0 || failed.Result is not null)
        {
            return new PhaseSummary(trial, phase, failed.Result?.Status ?? PhaseResult.NotAvailable, runs.Count, null, null, null, null, null, null, false, failed.Result?.Note);
        }

        var wall = runs.Select(r => r.Result.WallMs).ToList();
        var median = Stats.Median(wall);
        var bytes = runs[0].Result.InputBytes;
        return new PhaseSummary(
            trial,
            phase,
            PhaseResult.Ok,
            runs.Count,
            median,
            wall.Min(),
            wall.Max(),
            Stats.Median(runs.Select(r => r.Result.PeakRssBytes / 1048576.0).ToList()),
            Stats.Median(runs.Select(r => r.ProcessMs).ToList()),
            bytes is { } b && median > 0 ? b / 1048576.0 / (median / 1000) : null,
            runs.All(r => r.Result.PeakExcludesSetUp),
            runs[0].Result.Note);
    }
}

/// <summary>One whole process (the <c>reporting</c> CLI or Rscript) measured over several runs for one trial.</summary>
internal sealed record ProcessSummary(
    string Trial,
    string Command,
    int Runs,
    double? MedianMs,
    double? MinMs,
    double? MaxMs,
    double? MedianCpuMs,
    double? MedianPeakMb,
    string? Note)
{
    /// <summary>The medians over <paramref name="runs"/>; failed when any run failed (<paramref name="failure"/> says why).</summary>
    public static ProcessSummary From(string trial, string command, IReadOnlyList<ChildOutput> runs, string? failure)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (failure is not null || runs.Count == 0)
        {
            return new ProcessSummary(trial, command, runs.Count, null, null, null, null, null, failure ?? "not run");
        }

        var wall = runs.Select(r => r.ProcessMs).ToList();
        var cpu = runs.Where(r => r.CpuMs is not null).Select(r => r.CpuMs!.Value).ToList();
        var peak = runs.Where(r => r.PeakRssBytes is not null).Select(r => r.PeakRssBytes!.Value / 1048576.0).ToList();
        return new ProcessSummary(trial, command, runs.Count, Stats.Median(wall), wall.Min(), wall.Max(),
            cpu.Count > 0 ? Stats.Median(cpu) : null, peak.Count > 0 ? Stats.Median(peak) : null, null);
    }

    public bool Failed => MedianMs is null;
}

/// <summary>The R peer against C# for one trial: whole processes (<c>reporting metrics</c> against Rscript) and the
/// engagement computation alone (the engagement phase against R's own timing).</summary>
/// <param name="Trial">The trial's label.</param>
/// <param name="MetricsProcessMs">Median wall time of the whole <c>reporting metrics</c> process.</param>
/// <param name="RProcessMs">Median wall time of the whole Rscript process.</param>
/// <param name="CSharpMs">Median of the engagement phase, timed inside its child.</param>
/// <param name="RMs">Median of R's read + compute, timed inside R.</param>
/// <param name="RThreads">data.table's thread count.</param>
/// <param name="Differences">Sites where the engagement phase and R disagree; null when not compared.</param>
/// <param name="MetricsDifferences">Sites where <c>reporting metrics --json</c> and R disagree; null when not compared.</param>
/// <param name="Note">Why nothing was compared, when nothing was.</param>
internal sealed record PeerSummary(
    string Trial,
    double? MetricsProcessMs,
    double? RProcessMs,
    double? CSharpMs,
    double? RMs,
    int RThreads,
    IReadOnlyList<SiteDifference>? Differences,
    IReadOnlyList<SiteDifference>? MetricsDifferences,
    string? Note)
{
    /// <summary>Whole <c>reporting metrics</c> process over the whole R process (below 1: C# is faster; the target is at most 0.5).</summary>
    public double? ProcessRatio => RProcessMs is > 0 && MetricsProcessMs is { } m ? m / RProcessMs : null;

    /// <summary>R time over C# time for the engagement computation alone (above 1: C# is faster).</summary>
    public double? Ratio => CSharpMs is > 0 && RMs is { } r ? r / CSharpMs : null;

    public bool Mismatch => Differences is { Count: > 0 } || MetricsDifferences is { Count: > 0 };
}

/// <summary>The trial a row belongs to.</summary>
internal sealed record TrialSummary(string Name, string Path, TrialCounts? Counts);

internal static class Stats
{
    /// <summary>The median (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

/// <summary>
/// The output identity check of one trial: what the CLI's whole <c>reporting analyse</c> process wrote against what
/// <c>AnalyseCommand.Run</c> writes in the benchmark's own process (the JIT build) for the same export.
/// </summary>
/// <param name="Trial">The trial's label.</param>
/// <param name="Cli">The CLI compared, as the line names it ("native CLI", or the command when it is not native).</param>
/// <param name="Comparison">File by file; null when not compared.</param>
/// <param name="Note">Why it was not compared.</param>
/// <param name="Failed">The outputs differ, or the JIT build could not analyse what the CLI analysed.</param>
internal sealed record IdentitySummary(string Trial, string Cli, OutputComparison? Comparison, string? Note, bool Failed)
{
    public static IdentitySummary Compared(string trial, string cli, OutputComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return new IdentitySummary(trial, cli, comparison, null, !comparison.Identical);
    }

    public static IdentitySummary NotCompared(string trial, string cli, string reason, bool failed) => new(trial, cli, null, reason, failed);

    /// <summary>The line the benchmark prints: identical (with the number of files), the differing files, or why not compared.</summary>
    public string Line()
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"output ({Trial}): ");
        if (Comparison is not { } c)
        {
            return prefix + "not compared: " + Note;
        }

        if (c.Identical)
        {
            return prefix + string.Create(CultureInfo.InvariantCulture, $"{Cli} and JIT build identical ({c.Files} files)");
        }

        var files = c.Differences.Select(d => d.Path + d.Kind switch
        {
            OutputDifferenceKind.Content => " (content differs)",
            OutputDifferenceKind.OnlyInFirst => $" (only in the {Cli}'s output)",
            _ => " (only in the JIT build's output)",
        });
        return prefix + string.Create(CultureInfo.InvariantCulture, $"{Cli} and JIT build DIFFER in {c.Differences.Count} of {c.Files} files: ") + string.Join(", ", files);
    }
}
