using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Reporting.Bench;

/// <summary>Everything one bench invocation measured.</summary>
/// <param name="Machine">The machine line (cores, CPU, OS, runtime, R, load).</param>
/// <param name="Runs">Runs of each phase and each whole process.</param>
/// <param name="Cli">The CLI the whole-process rows ran, as shown; null when they were not run.</param>
/// <param name="Trials">The trials measured.</param>
/// <param name="Phases">Each phase of each trial.</param>
/// <param name="Processes">Each whole process of each trial.</param>
/// <param name="Peers">The comparison with R, per trial.</param>
/// <param name="App">The app load measurement, when asked for.</param>
internal sealed record BenchRun(
    string Machine,
    int Runs,
    string? Cli,
    IReadOnlyList<TrialSummary> Trials,
    IReadOnlyList<PhaseSummary> Phases,
    IReadOnlyList<ProcessSummary> Processes,
    IReadOnlyList<PeerSummary> Peers,
    AppLoadSummary? App)
{
    /// <summary>What ran the phases, as shown (the phases runner, or the fallback <c>reporting-bench phase</c>).</summary>
    public string PhaseRunner { get; init; } = "reporting-bench phase";

    /// <summary>Whether the phases ran natively compiled (<c>--phases</c> with the Native AOT publish) or on the JIT.</summary>
    public bool NativePhases { get; init; }

    /// <summary>The CLI's output against the JIT build's, one per trial.</summary>
    public IReadOnlyList<IdentitySummary> Identity { get; init; } = [];

    /// <summary>"native" or "JIT", for the phase table's heading.</summary>
    public string PhaseKind => NativePhases ? "native" : "JIT";
}

/// <summary>Prints a bench run as Spectre tables and as Markdown (the same rows).</summary>
internal static class BenchReport
{
    private static readonly string[] PhaseHeader = ["trial", "phase", "median ms", "min–max ms", "peak RSS MB", "MB/s", "process ms"];
    private static readonly string[] ProcessHeader = ["trial", "whole process", "median ms", "min–max ms", "CPU ms", "peak RSS MB"];
    private static readonly string[] PeerHeader = ["trial", "reporting metrics ms", "R process ms", "metrics / R", "engagement phase ms", "R in-R ms", "R / C#", "R threads", "per-site check"];
    private static readonly string[] AppHeader = ["trials", "with their run", "uploads/min", "runs/min", "reports/min", "p50 latency ms", "p95 latency ms", "upload s", "total s"];

    public static void Print(BenchRun run, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(console);
        console.MarkupLine(Markup.Escape(run.Machine));
        foreach (var line in Header(run))
        {
            console.MarkupLine(Markup.Escape(line));
        }

        if (run.Trials.Count > 0)
        {
            Write(console, PhaseTitle(run), PhaseHeader, PhaseRows(run), [2, 3, 4, 5, 6]);
            Write(console, "Whole processes (medians)", ProcessHeader, ProcessRows(run), [2, 3, 4, 5]);
            foreach (var identity in run.Identity)
            {
                console.MarkupLine(identity.Failed ? $"[red]{Markup.Escape(identity.Line())}[/]" : Markup.Escape(identity.Line()));
            }

            Write(console, "Against R (data.table): whole processes, and the engagement computation alone", PeerHeader, PeerRows(run), [1, 2, 3, 4, 5, 6, 7]);
        }

        if (run.App is not null)
        {
            Write(console, "The app on the local host (Azurite): trials uploaded at once as zips", AppHeader, AppRows(run), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
        }

        foreach (var line in Legend(run).Concat(TargetLines(run)))
        {
            console.MarkupLine(Markup.Escape(line));
        }
    }

    public static string Markdown(BenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sb = new StringBuilder();
        sb.Append(run.Machine).Append("\n\n");
        foreach (var line in Header(run))
        {
            sb.Append("- ").Append(line).Append('\n');
        }

        if (run.Trials.Count > 0)
        {
            sb.Append('\n').Append(PhaseTitle(run)).Append(":\n\n");
            Table(sb, PhaseHeader, PhaseRows(run), rightAligned: [2, 3, 4, 5, 6]);
            sb.Append("\nWhole processes (medians):\n\n");
            Table(sb, ProcessHeader, ProcessRows(run), rightAligned: [2, 3, 4, 5]);
            if (run.Identity.Count > 0)
            {
                sb.Append('\n');
                foreach (var identity in run.Identity)
                {
                    sb.Append("- ").Append(identity.Line()).Append('\n');
                }
            }

            sb.Append("\nAgainst R (data.table):\n\n");
            Table(sb, PeerHeader, PeerRows(run), rightAligned: [1, 2, 3, 4, 5, 6, 7]);
        }

        if (run.App is not null)
        {
            sb.Append("\nThe app on the local host (Azurite):\n\n");
            Table(sb, AppHeader, AppRows(run), rightAligned: [0, 1, 2, 3, 4, 5, 6, 7, 8]);
        }

        sb.Append('\n');
        foreach (var line in Legend(run))
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

    /// <summary>Says whether the phases ran natively compiled or on the JIT, so a reader knows which code was timed.</summary>
    internal static string PhaseTitle(BenchRun run) => string.Create(CultureInfo.InvariantCulture,
        $"Phases, {run.PhaseKind} (medians of {run.Runs} runs, each in a fresh {run.PhaseKind} process of {run.PhaseRunner})");

    private static IEnumerable<string> Header(BenchRun run) =>
        run.Trials.Select(TrialLine).Append(run.Cli is null ? "CLI: whole processes not run." : $"CLI: {run.Cli}");

    private static void Write(IAnsiConsole console, string title, string[] header, IEnumerable<string[]> rows, int[] rightAligned)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns(header);
        foreach (var i in rightAligned)
        {
            table.Columns[i].RightAligned();
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
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

    private static IEnumerable<string[]> ProcessRows(BenchRun run) =>
        run.Processes.Select(p => p.Failed
            ? new[] { p.Trial, p.Command, p.Note ?? "failed", "", "", "" }
            : [p.Trial, p.Command, Ms(p.MedianMs), $"{Ms(p.MinMs)}–{Ms(p.MaxMs)}", Ms(p.MedianCpuMs), Num(p.MedianPeakMb, "0")]);

    private static IEnumerable<string[]> PeerRows(BenchRun run) =>
        run.Peers.Select(p => new[]
        {
            p.Trial,
            Ms(p.MetricsProcessMs),
            Ms(p.RProcessMs),
            Num(p.ProcessRatio, "0.00"),
            Ms(p.CSharpMs),
            Ms(p.RMs),
            Num(p.Ratio, "0.00"),
            p.RThreads > 0 ? p.RThreads.ToString(CultureInfo.InvariantCulture) : "–",
            p.Note ?? Check(p),
        });

    private static string Check(PeerSummary p)
    {
        static string Of(IReadOnlyList<SiteDifference>? differences, string what) => differences switch
        {
            null => "",
            { Count: 0 } => what + " match",
            _ => what + " MISMATCH " + string.Join("; ", differences.Take(5)),
        };

        return string.Join(", ", new[] { Of(p.MetricsDifferences, "metrics"), Of(p.Differences, "engagement") }.Where(s => s.Length > 0));
    }

    private static IEnumerable<string[]> AppRows(BenchRun run) =>
        run.App is not { } a ? [] :
        [
            [
                a.Trials.ToString(CultureInfo.InvariantCulture),
                a.Ran.ToString(CultureInfo.InvariantCulture) + (a.Note is null ? "" : " (" + a.Note + ")"),
                Num(a.UploadsPerMinute, "0"),
                Num(a.RunsPerMinute, "0.0"),
                Num(a.ReportsPerMinute, "0"),
                Ms(a.P50Ms),
                Ms(a.P95Ms),
                Num(a.UploadSeconds, "0.0"),
                Num(a.TotalSeconds, "0.0"),
            ],
        ];

    private static IEnumerable<string> Legend(BenchRun run) =>
        (run.Trials.Count > 0 ? TrialLegend(run) : []).Concat(run.App is not null ? [AppLegend] : []);

    private static IEnumerable<string> TrialLegend(BenchRun run)
    {
        yield return run.NativePhases
            ? $"Phases: native, each child is {run.PhaseRunner} <phase> <dir>, compiled ahead of time (Native AOT) as the CLI is: the code as users run it."
            : $"Phases: JIT, each child is {run.PhaseRunner} <phase> <dir> on the JIT (no --phases given): not the code as users run it; the natively published CLI is faster, above all in process ms.";

        foreach (var phase in BenchPhases.All)
        {
            yield return $"{phase}: {BenchPhases.Describe(phase)}.";
        }

        yield return "median ms / min–max ms (phases): the phase alone, timed inside the child process (no .NET start-up, no set-up).";
        yield return "peak RSS MB (phases): the child's peak resident set (Linux VmHWM) during the phase, .NET runtime included; for metrics and render the peak is reset after the set-up (reading the export, building the run), so it counts the phase plus the input it holds; * = the reset was refused and the peak includes the set-up.";
        yield return "MB/s: bytes of the files read / median time. process ms (phases): the whole child process, runtime start-up (and, on the JIT, compilation) and set-up included.";
        yield return "Whole processes: the real CLI (reporting metrics DIR --json FILE; reporting analyse DIR --out DIR) and Rscript bench/engagement.R DIR, start to exit as the parent saw them, interleaved run by run; CPU ms = user + system time of the process (getrusage of reaped children); peak RSS = VmHWM sampled every 5 ms.";
        yield return "output: the files of the last reporting analyse run (run.json, trial.pdf, sites/*.pdf) against those AnalyseCommand.Run writes in the benchmark's own process (the JIT build) from the same export, compared by SHA-256; any difference fails the benchmark.";
        yield return "metrics / R: the whole reporting metrics process (validation, SHA-256 of every file, metrics) over the whole R process (fread of two files, no validation); the target is at most 0.5. R in-R ms: R's read + compute timed inside R (no start-up); R / C#: that over the engagement phase (above 1: C# is faster). per-site check: offered and engaged of every site, from reporting metrics --json and from the engagement phase, against R's.";
    }

    private static string AppLegend =>
        $"App: each trial (7 sites, 600 participants) is one zip uploaded to exports/<trial>/export.zip, all at once, through the local host (the app's functions on Azurite); a trial has its run when its latest.json names the run id Core computes for that zip and the trial and site PDFs are stored. Latency: from the start of a trial's upload to its run being seen (polled every {AppLoad.Poll.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms); p50/p95 nearest rank. reports/min counts PDFs.";

    /// <summary>The issue's targets: for each trial of at least 900,000 contact rows, and for each trial of at most 20 sites (start-up).</summary>
    private static IEnumerable<string> TargetLines(BenchRun run)
    {
        foreach (var trial in run.Trials)
        {
            var phase = run.Phases.Where(p => p.Trial == trial.Name).ToDictionary(p => p.Phase);
            var process = run.Processes.Where(p => p.Trial == trial.Name).ToDictionary(p => p.Command);
            var peer = run.Peers.FirstOrDefault(p => p.Trial == trial.Name);
            if (trial.Counts?.ContactRows >= 900_000)
            {
                yield return Target(trial.Name, "whole reporting metrics ≤ 0.5 × R's whole process, per-site numbers equal",
                    peer?.ProcessRatio is { } ratio ? ratio <= 0.5 && peer.MetricsDifferences is { Count: 0 } : null,
                    $"{Ms(peer?.MetricsProcessMs)} ms against {Ms(peer?.RProcessMs)} ms, ratio {Num(peer?.ProcessRatio, "0.00")}");
                var render = phase.GetValueOrDefault(BenchPhases.Render)?.MedianMs;
                yield return Target(trial.Name, "trial report + every site report rendered under 2 s", render is { } r ? r < 2000 : null, $"{Ms(render)} ms, render phase, {run.PhaseKind}");
                var analysePeak = phase.GetValueOrDefault(BenchPhases.Analyse)?.MedianPeakMb;
                yield return Target(trial.Name, "analyse peak RSS under 300 MB", analysePeak is { } a ? a < 300 : null, Num(analysePeak, "0") + " MB");
            }

            if (trial.Counts?.Sites <= 20)
            {
                var analyse = process.GetValueOrDefault(BenchCommand.AnalyseCommand)?.MedianMs;
                yield return Target(trial.Name, "whole reporting analyse process under 300 ms", analyse is { } a ? a < 300 : null, Ms(analyse) + " ms");
            }
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
