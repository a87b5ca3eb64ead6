using System.Diagnostics;
using Reporting.Cli;
using Reporting.Core;
using Reporting.Core.Export;
using Reporting.Pdf;
using Spectre.Console;
using EngagementRule = Reporting.Core.Metrics.Engagement;

namespace Reporting.Bench;

/// <summary>
/// The measured phases. Each runs in a fresh child process (<c>reporting-bench-phases</c>, natively compiled as the CLI
/// is, or the JIT fallback <c>reporting-bench phase</c>), so that one phase's memory and warmed-up code do not flatter
/// the next: the numbers are those of a cold command-line run.
/// </summary>
internal static class BenchPhases
{
    public const string Parse = "parse";
    public const string Metrics = "metrics";
    public const string ParseMetrics = "parse-metrics";
    public const string Render = "render";
    public const string Analyse = "analyse";
    public const string Engagement = "engagement";

    /// <summary>Every phase, in the order the table shows them.</summary>
    public static IReadOnlyList<string> All { get; } = [Parse, Metrics, ParseMetrics, Render, Analyse, Engagement];

    /// <summary>What each phase includes, for the table's legend.</summary>
    public static string Describe(string phase) => phase switch
    {
        Parse => "parse + validate: ExportBundleReader.Read of every file (UTF-8 check, SHA-256, all export-contract rules, contacts aggregated per participant)",
        Metrics => "metrics + comparison: RunBuilder.Build on a bundle read beforehand (engagement, fidelity, classes, funnel, Spearman, cross-case)",
        ParseMetrics => "parse + validate + metrics: TrialPipeline.Run over the files, what `reporting metrics` does before printing",
        Render => "render all reports: Reports.RenderRun (trial report + every site report) on a run built beforehand",
        Analyse => "whole analyse: the `reporting analyse` command (parse, validate, build, write run.json and the PDFs)",
        Engagement => "C# side of the R comparison: read and validate trial.json, sites.csv, participants.csv, contacts.csv, then per-site engagement",
        _ => phase,
    };

    /// <summary>Runs one phase over the export in <paramref name="dir"/> in this process.</summary>
    public static PhaseResult Run(string phase, DirectoryInfo dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        return phase switch
        {
            Parse => RunParse(dir),
            Metrics => RunMetrics(dir),
            ParseMetrics => RunParseMetrics(dir),
            Render => RunRender(dir),
            Analyse => RunAnalyse(dir),
            Engagement => RunEngagement(dir),
            _ => throw new ArgumentException($"Unknown phase '{phase}'. Phases: {string.Join(", ", All)}.", nameof(phase)),
        };
    }

    private static PhaseResult RunParse(DirectoryInfo dir)
    {
        var files = ExportFolder.Files(dir);
        var stopwatch = Stopwatch.StartNew();
        var bundle = ExportBundleReader.Read(files);
        stopwatch.Stop();
        var bytes = bundle.Files.Sum(f => f.Bytes);
        var counts = new TrialCounts(bundle.Sites?.Count ?? 0, bundle.Participants?.Count ?? 0, bundle.ContactRows, bytes);
        return Result(Parse, stopwatch, peakExcludesSetUp: true, bytes, bundle.HasErrors ? "the export has errors" : null, counts: counts);
    }

    private static PhaseResult RunMetrics(DirectoryInfo dir)
    {
        var bundle = ExportBundleReader.Read(ExportFolder.Files(dir));
        var reset = Prepare();
        var stopwatch = Stopwatch.StartNew();
        var result = TrialPipeline.Run(bundle);
        stopwatch.Stop();
        return Result(Metrics, stopwatch, reset, null, result.Run is null ? result.NotRunReason : null, failed: result.Run is null);
    }

    private static PhaseResult RunParseMetrics(DirectoryInfo dir)
    {
        var files = ExportFolder.Files(dir);
        var stopwatch = Stopwatch.StartNew();
        var result = TrialPipeline.Run(files);
        stopwatch.Stop();
        var bytes = result.Files.Sum(f => f.Bytes);
        return Result(ParseMetrics, stopwatch, peakExcludesSetUp: true, bytes, result.Run is null ? result.NotRunReason : null, failed: result.Run is null);
    }

    private static PhaseResult RunRender(DirectoryInfo dir)
    {
        var result = TrialPipeline.Run(ExportFolder.Files(dir));
        if (result.Run is not { } run)
        {
            return new PhaseResult(Render, PhaseResult.Failed, 0, 0, true, null, result.NotRunReason, null, null);
        }

        var reset = Prepare();
        var stopwatch = Stopwatch.StartNew();
        var reports = Reports.RenderRun(run);
        stopwatch.Stop();
        var bytes = reports.Trial.Length + reports.Sites.Sum(s => (long)s.Pdf.Length);
        return Result(Render, stopwatch, reset, null,
            $"{1 + reports.Sites.Count} PDFs, {bytes / 1024} KiB");
    }

    private static PhaseResult RunAnalyse(DirectoryInfo dir)
    {
        var output = Directory.CreateTempSubdirectory("reporting-bench-");
        try
        {
            using var text = new StringWriter();
            var console = PlainConsole(text);
            var stopwatch = Stopwatch.StartNew();
            var exit = AnalyseCommand.Run(dir, output, console);
            stopwatch.Stop();
            var written = output.EnumerateFiles("*", SearchOption.AllDirectories).ToList();
            var note = exit == 0
                ? $"wrote {written.Count} files, {written.Sum(f => f.Length) / 1024} KiB"
                : "analyse exited with " + exit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Result(Analyse, stopwatch, peakExcludesSetUp: true, null, note, failed: exit != 0);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static PhaseResult RunEngagement(DirectoryInfo dir)
    {
        var needed = new[] { DatasetKind.Trial, DatasetKind.Sites, DatasetKind.Participants, DatasetKind.Contacts };
        var files = ExportFolder.Files(dir).Where(f => ExportFiles.Recognise(f.FileName) is { } kind && needed.Contains(kind)).ToList();
        var stopwatch = Stopwatch.StartNew();
        var bundle = ExportBundleReader.Read(files);
        if (bundle.Settings is not { } settings || bundle.Sites is not { } sites || bundle.Participants is not { } participants
            || bundle.Contacts is not { } contacts || bundle.Participants.Count == 0)
        {
            return Result(Engagement, stopwatch, peakExcludesSetUp: true, null, "trial.json, sites.csv, participants.csv or contacts.csv is missing or has errors", failed: true);
        }

        var cutOff = bundle.DataCutOff ?? participants.Max(p => p.RandomisedOn);
        var (perSite, _) = EngagementRule.Compute(sites, participants, contacts, settings.Engagement, cutOff);
        stopwatch.Stop();
        var counts = perSite.Select(s => new SiteCount(s.SiteId, s.Offered, s.Engaged)).ToList();
        return Result(Engagement, stopwatch, peakExcludesSetUp: true, bundle.Files.Sum(f => f.Bytes), null, sites: counts);
    }

    /// <summary>A console that writes plain text (no colours, no prompts) to <paramref name="writer"/>: what the CLI's
    /// commands print when the benchmark runs them in its own process.</summary>
    internal static IAnsiConsole PlainConsole(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Out = new AnsiConsoleOutput(writer),
        Interactive = InteractionSupport.No,
    });

    /// <summary>Drops the set-up's garbage and starts a new peak.</summary>
    private static bool Prepare()
    {
        PeakMemory.Settle();
        return PeakMemory.TryReset();
    }

    private static PhaseResult Result(string phase, Stopwatch stopwatch, bool peakExcludesSetUp, long? bytes, string? note,
        bool failed = false, IReadOnlyList<SiteCount>? sites = null, TrialCounts? counts = null)
    {
        var peak = PeakMemory.PeakRssBytes() ?? Process.GetCurrentProcess().PeakWorkingSet64;
        return new PhaseResult(phase, failed ? PhaseResult.Failed : PhaseResult.Ok, stopwatch.Elapsed.TotalMilliseconds, peak, peakExcludesSetUp, bytes, note, sites, counts);
    }
}
