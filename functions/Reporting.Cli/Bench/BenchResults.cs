namespace Reporting.Cli.Bench;

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

/// <summary>The R peer against the C# engagement phase for one trial.</summary>
internal sealed record PeerSummary(
    string Trial,
    double? CSharpMs,
    double? RMs,
    double? RProcessMs,
    int RThreads,
    IReadOnlyList<SiteDifference>? Differences,
    string? Note)
{
    /// <summary>R time over C# time (above 1: C# is faster).</summary>
    public double? Ratio => CSharpMs is > 0 && RMs is { } r ? r / CSharpMs : null;

    public bool Mismatch => Differences is { Count: > 0 };
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
