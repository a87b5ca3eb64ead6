using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Reporting.Cli.Bench;

/// <summary>Everything one bench invocation measured.</summary>
internal sealed record BenchRun(
    string Machine,
    int Runs,
    IReadOnlyList<TrialSummary> Trials,
    IReadOnlyList<PhaseSummary> Phases,
    IReadOnlyList<PeerSummary> Peers);

/// <summary>Prints a bench run as Spectre tables and as Markdown (the same rows).</summary>
internal static class BenchReport
{
    private static readonly string[] PhaseHeader = ["trial", "phase", "median ms", "min–max ms", "peak RSS MB", "MB/s", "process ms"];
    private static readonly string[] PeerHeader = ["trial", "C# ms", "R ms", "R / C#", "R process ms", "R threads", "per-site check"];

    public static void Print(BenchRun run, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(console);
        console.MarkupLine(Markup.Escape(run.Machine));
        foreach (var t in run.Trials)
        {
            console.MarkupLine(Markup.Escape(TrialLine(t)));
        }

        var phases = new Table().Title($"Phases (medians of {run.Runs.ToString(CultureInfo.InvariantCulture)} runs, each in a fresh process)").AddColumns(PhaseHeader);
        foreach (var i in new[] { 2, 3, 4, 5, 6 })
        {
            phases.Columns[i].RightAligned();
        }

        foreach (var row in PhaseRows(run))
        {
            phases.AddRow(row.Select(Markup.Escape).ToArray());
        }

        console.Write(phases);
        var peers = new Table().Title("Engagement per site: C# (Core) against R (data.table)").AddColumns(PeerHeader);
        foreach (var row in PeerRows(run))
        {
            peers.AddRow(row.Select(Markup.Escape).ToArray());
        }

        console.Write(peers);
        foreach (var line in Legend().Concat(TargetLines(run)))
        {
            console.MarkupLine(Markup.Escape(line));
        }
    }

    public static string Markdown(BenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sb = new StringBuilder();
        sb.Append(run.Machine).Append("\n\n");
        foreach (var t in run.Trials)
        {
            sb.Append("- ").Append(TrialLine(t)).Append('\n');
        }

        sb.Append('\n').Append(CultureInfo.InvariantCulture, $"Phases (medians of {run.Runs} runs, each in a fresh process):\n\n");
        Table(sb, PhaseHeader, PhaseRows(run), rightAligned: [2, 3, 4, 5, 6]);
        sb.Append("\nEngagement per site: C# (Core) against R (data.table):\n\n");
        Table(sb, PeerHeader, PeerRows(run), rightAligned: [1, 2, 3, 4, 5]);
        sb.Append('\n');
        foreach (var line in Legend())
        {
            sb.Append("- ").Append(line).Append('\n');
        }

        var targets = TargetLines(run).ToList();
        if (targets.Count > 0)
        {
            sb.Append('\n');
            foreach (var line in targets)
            {
                sb.Append("- ").Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string TrialLine(TrialSummary t) => t.Counts is { } c
        ? string.Create(CultureInfo.InvariantCulture, $"{t.Name}: {c.Sites:N0} sites, {c.Participants:N0} participants, {c.ContactRows:N0} contact rows, {c.Bytes / 1048576.0:0.0} MB of files ({t.Path})")
        : $"{t.Name}: ({t.Path})";

    private static IEnumerable<string[]> PhaseRows(BenchRun run) =>
        run.Phases.Select(p => p.Status == PhaseResult.Ok
            ? new[]
            {
                p.Trial,
                p.Phase,
                Ms(p.MedianMs),
                $"{Ms(p.MinMs)}–{Ms(p.MaxMs)}",
                Num(p.MedianPeakMb, "0") + (p.PeakExcludesSetUp ? "" : "*"),
                Num(p.MegabytesPerSecond, "0.0"),
                Ms(p.MedianProcessMs),
            }
            : [p.Trial, p.Phase, p.Status, p.Note ?? "", "", "", ""]);

    private static IEnumerable<string[]> PeerRows(BenchRun run) =>
        run.Peers.Select(p => new[]
        {
            p.Trial,
            Ms(p.CSharpMs),
            Ms(p.RMs),
            Num(p.Ratio, "0.00"),
            Ms(p.RProcessMs),
            p.RThreads > 0 ? p.RThreads.ToString(CultureInfo.InvariantCulture) : "–",
            p.Note ?? (p.Differences is null ? "–" : p.Mismatch ? "MISMATCH " + string.Join("; ", p.Differences.Take(5)) : "match"),
        });

    private static IEnumerable<string> Legend() =>
    [
        .. BenchPhases.All.Select(p => $"{p}: {BenchPhases.Describe(p)}."),
        "median ms / min–max ms: the phase alone, timed inside the child process (no .NET start-up, no set-up).",
        "peak RSS MB: the child's peak resident set (Linux VmHWM) during the phase, .NET runtime included; for metrics and render the peak is reset after the set-up (reading the export, building the run), so it counts the phase plus the input it holds; * = the reset was refused and the peak includes the set-up.",
        "MB/s: bytes of the files read / median time.",
        "process ms: the whole child process as the parent saw it, .NET start-up and set-up included.",
        "C# ms: the engagement phase (full validation of trial.json, sites.csv, participants.csv, contacts.csv, SHA-256, then per-site engagement). R ms: bench/engagement.R reading participants.csv and contacts.csv with data.table::fread (only the columns it needs) and computing engaged/offered per site with no validation at all, timed inside R (no R start-up). R / C#: above 1 means C# is faster.",
    ];

    /// <summary>The issue's targets, checked for each trial of at least 900,000 contact rows.</summary>
    private static IEnumerable<string> TargetLines(BenchRun run)
    {
        foreach (var trial in run.Trials.Where(t => t.Counts?.ContactRows >= 900_000))
        {
            var phase = run.Phases.Where(p => p.Trial == trial.Name).ToDictionary(p => p.Phase);
            var peer = run.Peers.FirstOrDefault(p => p.Trial == trial.Name);
            var parseMetrics = phase.GetValueOrDefault(BenchPhases.ParseMetrics)?.MedianMs;
            yield return Target(trial.Name, "parse + validate + metrics under 2 s", parseMetrics is { } pm ? pm < 2000 : null, Ms(parseMetrics) + " ms");
            yield return Target(trial.Name, "C# no slower than the R data.table peer", peer?.Ratio is { } ratio ? ratio >= 1 : null,
                $"C# {Ms(peer?.CSharpMs)} ms, R {Ms(peer?.RMs)} ms");
            var peak = phase.Values.Where(p => p.MedianPeakMb is not null).Select(p => p.MedianPeakMb!.Value).DefaultIfEmpty().Max();
            yield return Target(trial.Name, "peak memory under 500 MB in every phase", peak > 0 ? peak < 500 : null, Num(peak, "0") + " MB at most");
            var render = phase.GetValueOrDefault(BenchPhases.Render)?.MedianMs;
            yield return Target(trial.Name, "trial report + every site report rendered under 10 s", render is { } r ? r < 10_000 : null, Ms(render) + " ms");
        }
    }

    private static string Target(string trial, string what, bool? met, string measured) =>
        $"Target ({trial}): {what}: {(met switch { true => "met", false => "NOT met", null => "not measured" })} ({measured}).";

    private static void Table(StringBuilder sb, string[] header, IEnumerable<string[]> rows, int[] rightAligned)
    {
        sb.Append("| ").Append(string.Join(" | ", header)).Append(" |\n|");
        for (var i = 0; i < header.Length; i++)
        {
            sb.Append(rightAligned.Contains(i) ? "---:|" : "---|");
        }

        sb.Append('\n');
        foreach (var row in rows)
        {
            sb.Append("| ").Append(string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        }
    }

    private static string Ms(double? ms) => ms?.ToString(ms < 100 ? "0.0" : "N0", CultureInfo.InvariantCulture) ?? "–";

    private static string Num(double? v, string format) => v?.ToString(format, CultureInfo.InvariantCulture) ?? "–";
}
