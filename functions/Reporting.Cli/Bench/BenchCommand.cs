using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Spectre.Console;

namespace Reporting.Cli.Bench;

/// <summary>
/// <c>reporting bench &lt;dir&gt;...</c>: median wall time and peak memory of each phase for each trial, each run in a
/// fresh child process (<c>reporting bench-phase</c>), and the R/data.table peer of the engagement computation.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var dirs = new Argument<string[]>("trial")
        {
            Description = "Folders of trial exports to measure, each optionally labelled as label=folder (for example sample=samples/peer-support-synthetic).",
            Arity = ArgumentArity.OneOrMore,
        };
        var runs = new Option<int>("--runs") { Description = "Runs per phase; the table shows medians.", DefaultValueFactory = _ => 5 };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the tables as Markdown to this file." };
        var script = new Option<FileInfo?>("--r-script") { Description = $"The R peer (default: {RPeer.ScriptRelativePath} in this folder or above)." };
        var noR = new Option<bool>("--no-r") { Description = "Skip the R peer." };
        var phases = new Option<string[]>("--phase") { Description = $"Only these phases ({string.Join(", ", BenchPhases.All)}).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("bench", "Benchmark parse + validate, metrics, rendering and analyse on trial exports, against an R/data.table peer.")
        {
            dirs, runs, output, script, noR, phases,
        };
        command.SetAction(parse => Run(
            parse.GetValue(dirs)!.Select(Trial).ToList(),
            parse.GetValue(runs),
            parse.GetValue(output),
            RPeer.FindScript(parse.GetValue(script)),
            parse.GetValue(noR),
            parse.GetValue(phases) is { Length: > 0 } only ? only : BenchPhases.All,
            WideWhenRedirected(AnsiConsole.Console)));
        return command;
    }

    /// <summary>"label=folder" or "folder" (labelled by the folder's name).</summary>
    internal static (string Label, DirectoryInfo Dir) Trial(string argument)
    {
        var eq = argument.IndexOf('=', StringComparison.Ordinal);
        var dir = new DirectoryInfo(eq > 0 ? argument[(eq + 1)..] : argument);
        return (eq > 0 ? argument[..eq] : dir.Name, dir);
    }

    // A log file or a pipe has no width; keep the tables on one line per row.
    private static IAnsiConsole WideWhenRedirected(IAnsiConsole console)
    {
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, 160);
        }

        return console;
    }

    /// <summary><c>reporting bench-phase &lt;phase&gt; &lt;dir&gt;</c>: runs one phase in this process and prints its result as one JSON line.</summary>
    public static Command CreatePhase()
    {
        var phase = new Argument<string>("phase") { Description = string.Join(", ", BenchPhases.All) };
        var dir = new Argument<DirectoryInfo>("dir") { Description = "Folder holding the export." };
        var command = new Command("bench-phase", "Runs one benchmark phase and prints its measurements as JSON (used by bench).") { phase, dir };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var result = BenchPhases.Run(parse.GetValue(phase)!, parse.GetValue(dir)!);
            Console.Out.WriteLine(result.ToJsonLine());
            return result.Status == PhaseResult.Failed ? 1 : 0;
        });
        return command;
    }

    public static int Run(IReadOnlyList<(string Label, DirectoryInfo Dir)> trials, int runs, FileInfo? output, FileInfo? rScript, bool skipR, IReadOnlyList<string> phases, IAnsiConsole console)
    {
        if (runs < 1)
        {
            console.MarkupLine("[red]--runs must be at least 1.[/]");
            return 2;
        }

        var unknown = phases.Except(BenchPhases.All).ToList();
        if (unknown.Count > 0)
        {
            console.MarkupLine($"[red]Unknown phase {Markup.Escape(string.Join(", ", unknown))}; phases are {string.Join(", ", BenchPhases.All)}.[/]");
            return 2;
        }

        if (trials.FirstOrDefault(t => !t.Dir.Exists) is { Dir: { } absent })
        {
            console.MarkupLine($"[red]No folder at {Markup.Escape(absent.FullName)}.[/]");
            return 2;
        }

        var rAvailable = !skipR && rScript is not null && ChildProcess.OnPath("Rscript");
        var measured = new List<TrialSummary>();
        var summaries = new List<PhaseSummary>();
        var peers = new List<PeerSummary>();
        var failed = false;
        foreach (var (name, dir) in trials)
        {
            TrialCounts? counts = null;

            // One untimed run first, so every measured run finds the files in the page cache.
            _ = RunPhase(BenchPhases.Parse, dir);
            foreach (var phase in BenchPhases.All.Where(phases.Contains))
            {
                var results = new List<(PhaseResult, double)>();
                for (var i = 0; i < runs; i++)
                {
                    console.MarkupLine($"[grey]{Markup.Escape(name)}: {phase} run {i + 1}/{runs}[/]");
                    var (result, processMs) = RunPhase(phase, dir);
                    results.Add((result, processMs));
                    counts ??= result.Counts;
                    if (result.Status != PhaseResult.Ok)
                    {
                        break;
                    }
                }

                var summary = PhaseSummary.From(name, phase, results);
                failed |= summary.Status == PhaseResult.Failed;
                summaries.Add(summary);
                if (phase == BenchPhases.Engagement)
                {
                    peers.Add(Peer(name, dir, results, runs, rAvailable ? rScript : null, skipR, console));
                }
            }

            var relative = Path.GetRelativePath(Environment.CurrentDirectory, dir.FullName);
            measured.Add(new TrialSummary(name, relative.StartsWith("..", StringComparison.Ordinal) ? dir.FullName : relative, counts));
        }

        var bench = new BenchRun(Machine(rAvailable), runs, measured, summaries, peers);
        BenchReport.Print(bench, console);
        if (output is not null)
        {
            output.Directory?.Create();
            File.WriteAllText(output.FullName, BenchReport.Markdown(bench));
            console.MarkupLine($"Wrote {Markup.Escape(output.FullName)}");
        }

        if (peers.Any(p => p.Mismatch))
        {
            console.MarkupLine("[red]The R peer and Core disagree on engagement for some sites.[/]");
            return 1;
        }

        return failed ? 1 : 0;
    }

    private static (PhaseResult Result, double ProcessMs) RunPhase(string phase, DirectoryInfo dir)
    {
        var child = ChildProcess.RunSelf(["bench-phase", phase, dir.FullName]);
        var result = PhaseResult.Parse(child.Stdout)
            ?? new PhaseResult(phase, PhaseResult.Failed, 0, 0, false, null,
                $"bench-phase exited with {child.ExitCode.ToString(CultureInfo.InvariantCulture)} and no result: {FirstLine(child.Stderr)}", null, null);
        return (result, child.ProcessMs);
    }

    private static PeerSummary Peer(string name, DirectoryInfo dir, List<(PhaseResult Result, double ProcessMs)> csharp, int runs, FileInfo? script, bool skipped, IAnsiConsole console)
    {
        var mine = csharp.Where(r => r.Result.Status == PhaseResult.Ok).ToList();
        double? csharpMs = mine.Count > 0 ? Stats.Median(mine.Select(r => r.Result.WallMs).ToList()) : null;
        if (script is null)
        {
            return new PeerSummary(name, csharpMs, null, null, 0, null, skipped ? "R peer skipped (--no-r)" : "R peer not run: Rscript or bench/engagement.R not found");
        }

        var rRuns = new List<RPeerRun>();
        try
        {
            for (var i = 0; i < runs; i++)
            {
                console.MarkupLine($"[grey]{Markup.Escape(name)}: R peer run {i + 1}/{runs}[/]");
                rRuns.Add(RPeer.Run(script, dir));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or System.ComponentModel.Win32Exception)
        {
            return new PeerSummary(name, csharpMs, null, null, 0, null, "R peer failed: " + FirstLine(ex.Message));
        }

        var differences = mine.Count > 0 && mine[0].Result.Sites is { } sites
            ? EngagementCheck.Compare(sites, rRuns[0].Sites)
            : null;
        return new PeerSummary(
            name,
            csharpMs,
            Stats.Median(rRuns.Select(r => r.ElapsedMs).ToList()),
            Stats.Median(rRuns.Select(r => r.ProcessMs).ToList()),
            rRuns[0].Threads,
            differences,
            differences is null ? "C# engagement phase failed; nothing to compare" : null);
    }

    private static string Machine(bool r)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var rVersion = r ? RVersion() : null;
        return string.Create(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}{(rVersion is null ? "" : ", " + rVersion)}.");
    }

    private static string? RVersion()
    {
        try
        {
            var output = ChildProcess.Run("Rscript", ["-e", "cat(R.version.string, ', data.table ', format(packageVersion('data.table')), sep = '')"]);
            return output.ExitCode == 0 ? output.Stdout.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
}
