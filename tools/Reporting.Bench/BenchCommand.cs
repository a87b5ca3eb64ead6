using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Spectre.Console;

namespace Reporting.Bench;

/// <summary>What one benchmark invocation was asked to measure.</summary>
/// <param name="Trials">The trials, each labelled.</param>
/// <param name="Runs">Runs of every phase and every whole process; the tables show medians.</param>
/// <param name="Phases">The phases to run, each in a child process (<see cref="PhaseRunner"/>).</param>
/// <param name="Cli">The real CLI for the whole-process rows; null skips them.</param>
/// <param name="RScript">The R peer; null skips it.</param>
/// <param name="App">The app load measurement; null skips it.</param>
/// <param name="Output">Also write the tables as Markdown here.</param>
internal sealed record BenchOptions(
    IReadOnlyList<(string Label, DirectoryInfo Dir)> Trials,
    int Runs,
    IReadOnlyList<string> Phases,
    CliCommand? Cli,
    FileInfo? RScript,
    AppLoadOptions? App,
    FileInfo? Output)
{
    /// <summary>Why the R peer is not run, for the table; null when it is.</summary>
    public string? NoRReason { get; init; }

    /// <summary>Why the whole-process rows are not run; null when they are.</summary>
    public string? NoCliReason { get; init; }

    /// <summary>What runs each phase child: <c>--phases</c>, else this benchmark's own <c>phase</c> command (JIT).</summary>
    public PhaseRunner PhaseRunner { get; init; } = PhaseRunner.Self;
}

/// <summary>
/// <c>reporting-bench &lt;trial&gt;...</c>: for each trial, median wall time and peak memory of each phase (each run in a
/// fresh child process: <c>reporting-bench-phases</c> given with <c>--phases</c>, else <c>reporting-bench phase</c>),
/// whole processes of the real <c>reporting</c> CLI against the R/data.table peer's whole process, the CLI's output
/// against the JIT build's, and, with <c>--app</c>, the local app under a burst of uploads.
/// </summary>
internal static class BenchCommand
{
    public static RootCommand CreateRoot()
    {
        var dirs = new Argument<string[]>("trial")
        {
            Description = "Folders of trial exports to measure, each optionally labelled as label=folder (for example sample=samples/peer-support-synthetic).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var runs = new Option<int>("--runs") { Description = "Runs per phase and per whole process; the tables show medians.", DefaultValueFactory = _ => 5 };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the tables as Markdown to this file." };
        var script = new Option<FileInfo?>("--r-script") { Description = $"The R peer (default: {RPeer.ScriptRelativePath} in this folder or above)." };
        var noR = new Option<bool>("--no-r") { Description = "Skip the R peer." };
        var cli = new Option<FileInfo?>("--cli")
        {
            Description = $"The reporting CLI whose whole processes are timed: an executable, or a .dll run with dotnet (default: {CliCommand.PublishedRelativePath}, else {CliCommand.BuiltRelativePath}).",
        };
        var noProcesses = new Option<bool>("--no-processes") { Description = "Skip the whole-process rows (reporting metrics, reporting analyse, Rscript) and the output identity check." };
        var phaseRunner = new Option<FileInfo?>("--phases")
        {
            Description = "The phases runner each phase child runs (<exe> <phase> <dir>): the natively published reporting-bench-phases, or its .dll run with dotnet (default: this benchmark's own phase command, on the JIT).",
        };
        var phases = new Option<string[]>("--phase") { Description = $"Only these phases ({string.Join(", ", BenchPhases.All)}).", AllowMultipleArgumentsPerToken = true };
        var app = new Option<bool>("--app") { Description = "Also measure the local app (Azurite): many trials uploaded at once, each ending with its run." };
        var appTrials = new Option<int>("--app-trials") { Description = "Trials uploaded at once by --app.", DefaultValueFactory = _ => AppLoadOptions.DefaultTrials };
        var root = new RootCommand("Benchmark the reporting pipeline: phases in fresh processes, whole CLI processes against an R/data.table peer, and the local app under load (docs/benchmark.md).")
        {
            dirs, runs, output, script, noR, cli, noProcesses, phaseRunner, phases, app, appTrials,
        };
        root.SetAction((parse, cancellationToken) =>
        {
            var rScript = parse.GetValue(noR) ? null : RPeer.FindScript(parse.GetValue(script));
            var rReason = parse.GetValue(noR) ? "R peer skipped (--no-r)"
                : rScript is null ? "R peer not run: bench/engagement.R not found"
                : !ChildProcess.OnPath("Rscript") ? "R peer not run: Rscript not found" : null;
            if (parse.GetValue(phaseRunner) is { } runnerFile && !runnerFile.Exists)
            {
                AnsiConsole.MarkupLine($"[red]No phases runner at {Markup.Escape(runnerFile.FullName)}.[/]");
                return Task.FromResult(2);
            }

            var cliCommand = parse.GetValue(noProcesses) ? null : CliCommand.Find(parse.GetValue(cli));
            var cliReason = parse.GetValue(noProcesses) ? "whole processes skipped (--no-processes)"
                : cliCommand is null ? $"whole processes not run: no CLI at {parse.GetValue(cli)?.FullName ?? CliCommand.PublishedRelativePath + " or " + CliCommand.BuiltRelativePath}" : null;
            var options = new BenchOptions(
                [.. parse.GetValue(dirs)!.Select(Trial)],
                parse.GetValue(runs),
                parse.GetValue(phases) is { Length: > 0 } only ? only : BenchPhases.All,
                cliCommand,
                rReason is null ? rScript : null,
                parse.GetValue(app) ? new AppLoadOptions(parse.GetValue(appTrials)) : null,
                parse.GetValue(output))
            {
                NoRReason = rReason,
                NoCliReason = cliReason,
                PhaseRunner = parse.GetValue(phaseRunner) is { } runner ? PhaseRunner.Of(runner) : PhaseRunner.Self,
            };

            return RunAsync(options, WideWhenRedirected(AnsiConsole.Console), cancellationToken);
        });
        root.Subcommands.Add(CreatePhase());
        root.Subcommands.Add(QcaBench.Create());
        root.Subcommands.Add(QcaBench.CreateRun());
        return root;
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
            console.Profile.Width = Math.Max(console.Profile.Width, 180);
        }

        return console;
    }

    /// <summary><c>reporting-bench phase &lt;phase&gt; &lt;dir&gt;</c>: runs one phase in this process and prints its result as one JSON line.</summary>
    public static Command CreatePhase()
    {
        var phase = new Argument<string>("phase") { Description = string.Join(", ", BenchPhases.All) };
        var dir = new Argument<DirectoryInfo>("dir") { Description = "Folder holding the export." };
        var command = new Command("phase", "Runs one benchmark phase and prints its measurements as JSON (used by the benchmark itself).") { phase, dir };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var result = BenchPhases.Run(parse.GetValue(phase)!, parse.GetValue(dir)!);
            Console.Out.WriteLine(result.ToJsonLine());
            return result.Status == PhaseResult.Failed ? 1 : 0;
        });
        return command;
    }

    public static async Task<int> RunAsync(BenchOptions options, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        if (options.Runs < 1)
        {
            console.MarkupLine("[red]--runs must be at least 1.[/]");
            return 2;
        }

        if (options.Trials.Count == 0 && options.App is null)
        {
            console.MarkupLine("[red]Name at least one trial folder, or --app.[/]");
            return 2;
        }

        var unknown = options.Phases.Except(BenchPhases.All).ToList();
        if (unknown.Count > 0)
        {
            console.MarkupLine($"[red]Unknown phase {Markup.Escape(string.Join(", ", unknown))}; phases are {string.Join(", ", BenchPhases.All)}.[/]");
            return 2;
        }

        if (options.Trials.FirstOrDefault(t => !t.Dir.Exists) is { Dir: { } absent })
        {
            console.MarkupLine($"[red]No folder at {Markup.Escape(absent.FullName)}.[/]");
            return 2;
        }

        if (options.App is { Trials: < 1 })
        {
            console.MarkupLine("[red]--app-trials must be at least 1.[/]");
            return 2;
        }

        var measured = new List<TrialSummary>();
        var summaries = new List<PhaseSummary>();
        var processes = new List<ProcessSummary>();
        var peers = new List<PeerSummary>();
        var identities = new List<IdentitySummary>();
        var failed = false;
        foreach (var (name, dir) in options.Trials)
        {
            TrialCounts? counts = null;

            // One untimed run first, so every measured run finds the files in the page cache.
            _ = RunPhase(options.PhaseRunner, BenchPhases.Parse, dir);
            List<(PhaseResult, double)>? engagement = null;
            foreach (var phase in BenchPhases.All.Where(options.Phases.Contains))
            {
                var results = new List<(PhaseResult, double)>();
                for (var i = 0; i < options.Runs; i++)
                {
                    console.MarkupLine($"[grey]{Markup.Escape(name)}: {phase} run {i + 1}/{options.Runs}[/]");
                    var (result, processMs) = RunPhase(options.PhaseRunner, phase, dir);
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
                    engagement = results;
                }
            }

            var whole = WholeProcesses(name, dir, options, console);
            processes.AddRange(whole.Summaries);
            // Skipped CLI rows (--no-processes, no CLI found) say so in the table; only a CLI that ran and failed fails the benchmark.
            failed |= options.Cli is not null && whole.Summaries.Any(p => p.Failed && p.Command != RCommand);
            identities.Add(whole.Identity);
            peers.Add(Peer(name, engagement, whole, options));
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, dir.FullName);
            measured.Add(new TrialSummary(name, relative.StartsWith("..", StringComparison.Ordinal) ? dir.FullName : relative, counts));
        }

        AppLoadSummary? app = null;
        if (options.App is { } appOptions)
        {
            console.MarkupLine($"[grey]app: {appOptions.Trials.ToString(CultureInfo.InvariantCulture)} trials uploaded at once through the local host[/]");
            app = await AppLoad.RunAsync(appOptions, console, cancellationToken);
            failed |= !app.AllRan;
        }

        var bench = new BenchRun(Machine(options.RScript is not null), options.Runs, options.Cli?.Shown, measured, summaries, processes, peers, app)
        {
            PhaseRunner = options.PhaseRunner.Shown,
            NativePhases = options.PhaseRunner.Native,
            Identity = identities,
        };
        BenchReport.Print(bench, console);
        if (options.Output is { } output)
        {
            output.Directory?.Create();
            await File.WriteAllTextAsync(output.FullName, BenchReport.Markdown(bench), cancellationToken);
            console.MarkupLine($"Wrote {Markup.Escape(output.FullName)}");
        }

        if (peers.Any(p => p.Mismatch))
        {
            console.MarkupLine("[red]The R peer and C# disagree on engagement for some sites.[/]");
            return 1;
        }

        if (identities.Any(i => i.Failed))
        {
            console.MarkupLine("[red]The CLI's output is not the JIT build's for some trials (see the output lines).[/]");
            return 1;
        }

        return failed ? 1 : 0;
    }

    /// <summary>The command the R peer's whole process is shown as.</summary>
    internal const string RCommand = "Rscript bench/engagement.R";

    internal const string MetricsCommand = "reporting metrics";

    internal const string AnalyseCommand = "reporting analyse";

    /// <summary>What the whole-process runs of one trial measured.</summary>
    private sealed record WholeRuns(IReadOnlyList<ProcessSummary> Summaries, IReadOnlyList<SiteCount>? MetricsSites, List<RPeerRun> RRuns, string? RFailure, IdentitySummary Identity);

    /// <summary>
    /// The real CLI's <c>metrics</c> and <c>analyse</c> and the R peer, each a whole process, interleaved run by run
    /// (metrics, R, analyse; then again) so that the machine's load at any moment falls on both sides alike. Then the
    /// last <c>analyse</c> run's output is compared with the JIT build's (<see cref="Identity"/>).
    /// </summary>
    private static WholeRuns WholeProcesses(string name, DirectoryInfo dir, BenchOptions options, IAnsiConsole console)
    {
        var metrics = new List<ChildOutput>();
        var analyse = new List<ChildOutput>();
        var rRuns = new List<RPeerRun>();
        var rOutputs = new List<ChildOutput>();
        string? metricsFailure = options.NoCliReason, analyseFailure = options.NoCliReason, rFailure = options.NoRReason;
        IReadOnlyList<SiteCount>? metricsSites = null;
        IdentitySummary identity;
        var scratch = Directory.CreateTempSubdirectory("reporting-bench-");
        try
        {
            var json = Path.Combine(scratch.FullName, "metrics.json");
            var outDir = Path.Combine(scratch.FullName, "out");

            // Untimed first runs: the CLI's and R's own files into the page cache.
            if (options.Cli is { } warmCli)
            {
                _ = warmCli.Run(["metrics", dir.FullName]);
            }

            if (options.RScript is { } warmScript)
            {
                _ = ChildProcess.Run("Rscript", [warmScript.FullName, dir.FullName]);
            }

            for (var i = 0; i < options.Runs; i++)
            {
                if (options.Cli is { } cli && metricsFailure is null)
                {
                    console.MarkupLine($"[grey]{Markup.Escape(name)}: {MetricsCommand} process {i + 1}/{options.Runs}[/]");
                    var run = cli.Run(["metrics", dir.FullName, "--json", json]);
                    metrics.Add(run);
                    if (run.ExitCode != 0)
                    {
                        metricsFailure = $"exited with {run.ExitCode.ToString(CultureInfo.InvariantCulture)}: {FirstLine(run.Stderr)}";
                    }
                    else
                    {
                        metricsSites ??= MetricsSites(json);
                    }
                }

                if (options.RScript is { } script && rFailure is null)
                {
                    console.MarkupLine($"[grey]{Markup.Escape(name)}: R peer process {i + 1}/{options.Runs}[/]");
                    try
                    {
                        var (run, output) = RPeer.Run(script, dir);
                        rRuns.Add(run);
                        rOutputs.Add(output);
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or FormatException or System.ComponentModel.Win32Exception)
                    {
                        rFailure = "R peer failed: " + FirstLine(ex.Message);
                    }
                }

                if (options.Cli is { } cli2 && analyseFailure is null)
                {
                    // Each run writes into an empty folder; the last run's output stays for the identity check.
                    if (Directory.Exists(outDir))
                    {
                        Directory.Delete(outDir, recursive: true);
                    }

                    console.MarkupLine($"[grey]{Markup.Escape(name)}: {AnalyseCommand} process {i + 1}/{options.Runs}[/]");
                    var run = cli2.Run(["analyse", dir.FullName, "--out", outDir]);
                    analyse.Add(run);
                    if (run.ExitCode != 0)
                    {
                        analyseFailure = $"exited with {run.ExitCode.ToString(CultureInfo.InvariantCulture)}: {FirstLine(run.Stderr)}";
                    }
                }
            }

            // A failed CLI run already fails the benchmark through its row.
            identity = options.Cli is not { } compared ? IdentitySummary.NotCompared(name, "CLI", options.NoCliReason ?? "no CLI", failed: false)
                : analyseFailure is not null ? IdentitySummary.NotCompared(name, "CLI", $"{AnalyseCommand} {analyseFailure}", failed: false)
                : Identity(name, dir, compared, new DirectoryInfo(outDir), new DirectoryInfo(Path.Combine(scratch.FullName, "jit")), console);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        var summaries = new List<ProcessSummary>
        {
            ProcessSummary.From(name, MetricsCommand, metrics, metricsFailure),
            ProcessSummary.From(name, AnalyseCommand, analyse, analyseFailure),
            ProcessSummary.From(name, RCommand, rOutputs, rFailure),
        };
        return new WholeRuns(summaries, metricsSites, rRuns, rFailure, identity);
    }

    /// <summary>
    /// Runs <c>AnalyseCommand.Run</c> in this process (the JIT build of the same code) on the export the CLI analysed,
    /// into <paramref name="jitOut"/>, and compares its files with the CLI's in <paramref name="cliOut"/>.
    /// </summary>
    private static IdentitySummary Identity(string name, DirectoryInfo dir, CliCommand cli, DirectoryInfo cliOut, DirectoryInfo jitOut, IAnsiConsole console)
    {
        var shown = cli.Native ? "native CLI" : "CLI " + cli.Shown;
        console.MarkupLine($"[grey]{Markup.Escape(name)}: output identity, {AnalyseCommand} in this process (JIT)[/]");
        using var text = new StringWriter();
        var quiet = BenchPhases.PlainConsole(text);
        int exit;
        try
        {
            exit = Reporting.Cli.AnalyseCommand.Run(dir, jitOut, quiet);
        }
        catch (Reporting.Cli.CommandFailedException ex)
        {
            return IdentitySummary.NotCompared(name, shown, "the JIT build's analyse failed: " + FirstLine(ex.Message), failed: true);
        }

        return exit == 0
            ? IdentitySummary.Compared(name, shown, OutputIdentity.Compare(cliOut, jitOut))
            : IdentitySummary.NotCompared(name, shown, $"the JIT build's analyse exited with {exit.ToString(CultureInfo.InvariantCulture)}", failed: true);
    }

    /// <summary>Per-site offered and engaged from the metrics JSON <c>reporting metrics --json</c> wrote.</summary>
    internal static IReadOnlyList<SiteCount> MetricsSites(string jsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
        return
        [
            .. document.RootElement.GetProperty("sites").EnumerateArray().Select(s => new SiteCount(
                s.GetProperty("siteId").GetString()!,
                s.GetProperty("offered").ValueKind == JsonValueKind.Number ? s.GetProperty("offered").GetInt32() : 0,
                s.GetProperty("engaged").ValueKind == JsonValueKind.Number ? s.GetProperty("engaged").GetInt32() : 0)),
        ];
    }

    private static (PhaseResult Result, double ProcessMs) RunPhase(PhaseRunner runner, string phase, DirectoryInfo dir)
    {
        var child = runner.Run(phase, dir);
        var result = PhaseResult.Parse(child.Stdout)
            ?? new PhaseResult(phase, PhaseResult.Failed, 0, 0, false, null,
                $"the phase exited with {child.ExitCode.ToString(CultureInfo.InvariantCulture)} and no result: {FirstLine(child.Stderr)}", null, null);
        return (result, child.ProcessMs);
    }

    private static PeerSummary Peer(string name, List<(PhaseResult Result, double ProcessMs)>? engagement, WholeRuns whole, BenchOptions options)
    {
        var mine = engagement?.Where(r => r.Result.Status == PhaseResult.Ok).ToList() ?? [];
        double? csharpMs = mine.Count > 0 ? Stats.Median(mine.Select(r => r.Result.WallMs).ToList()) : null;
        var metricsProcess = whole.Summaries.First(s => s.Command == MetricsCommand).MedianMs;
        if (whole.RRuns.Count == 0)
        {
            return new PeerSummary(name, metricsProcess, null, csharpMs, null, 0, null, null, whole.RFailure ?? options.NoRReason ?? "R peer not run");
        }

        var r = whole.RRuns[0].Sites;
        var differences = mine.Count > 0 && mine[0].Result.Sites is { } sites ? EngagementCheck.Compare(sites, r) : null;
        var metricsDifferences = whole.MetricsSites is { } fromCli ? EngagementCheck.Compare(fromCli, r) : null;
        var note = differences is null && metricsDifferences is null ? "nothing to compare: neither the engagement phase nor reporting metrics ran" : null;
        return new PeerSummary(
            name,
            metricsProcess,
            Stats.Median(whole.RRuns.Select(x => x.ProcessMs).ToList()),
            csharpMs,
            Stats.Median(whole.RRuns.Select(x => x.ElapsedMs).ToList()),
            whole.RRuns[0].Threads,
            differences,
            metricsDifferences,
            note);
    }

    private static string Machine(bool r)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var rVersion = r ? RVersion() : null;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
        return string.Create(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}{(rVersion is null ? "" : ", " + rVersion)}{(load is null ? "" : $"; load average {load} at the end")}.");
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
