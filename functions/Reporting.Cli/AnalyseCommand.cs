using System.CommandLine;
using Reporting.Core;
using Reporting.Core.Analysis;
using Reporting.Pdf;
using Spectre.Console;

namespace Reporting.Cli;

/// <summary>
/// <c>reporting analyse &lt;path&gt;… --out &lt;outdir&gt;</c>: validates, analyses and writes run.json, trial.pdf and
/// sites/&lt;siteId&gt;.pdf. Each path is a folder of exports or a .zip of them. With several, each is one export of the
/// same trial at its own data cut-off: the latest is the run written, and its reports show the trends across all of
/// them (docs/reports.md).
/// </summary>
internal static class AnalyseCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Folder holding trial.json and the CSV exports, or a .zip of them. Give several exports of one trial (successive data cut-offs) for trends across them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write run.json (and the reports) into.", Required = true };
        var command = new Command("analyse", "Validate and analyse an export (a folder or a .zip, or several cut-offs of one trial); writes run.json and the PDF reports.")
        {
            paths, output,
        };
        var issues = IssueOptions.AddTo(command, allowJson: false);
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(output)!, CliHost.StandardConsole, issues.Read(parse)));
        return command;
    }

    /// <summary>Analyses an export folder (the benchmark's analyse phase calls this).</summary>
    public static int Run(DirectoryInfo dir, DirectoryInfo output, IAnsiConsole console) => Run([dir.FullName], output, console, null);

    /// <summary>Analyses one export (a folder or a .zip).</summary>
    public static int Run(string path, DirectoryInfo output, IAnsiConsole console, IssueOutput? issues = null) => Run([path], output, console, issues);

    /// <summary>Analyses several exports of one trial, the latest cut-off reported with the others as its history.</summary>
    public static int Run(IReadOnlyList<DirectoryInfo> dirs, DirectoryInfo output, IAnsiConsole console) =>
        Run([.. dirs.Select(d => d.FullName)], output, console, null);

    public static int Run(IReadOnlyList<string> paths, DirectoryInfo output, IAnsiConsole console, IssueOutput? issues = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var printer = new IssuePrinter(console, issues ?? IssueOutput.Default);

        // The renderer's one-time set-up (fonts) on the other core while the export is read and checked.
        var prepared = Task.Run(Reports.Prepare);
        var runs = new List<(string Path, RunModel Run)>();
        foreach (var path in paths)
        {
            if (ExportInput.AnalyseOrReport(path, printer) is not { } analysed)
            {
                return ExitCodes.ExportHasErrors;
            }

            runs.Add((path, analysed));
        }

        // The latest cut-off is the run reported; the others are its history.
        var current = runs.MaxBy(r => r.Run.Trial.DataCutOff);
        var earlier = runs.Where(r => !ReferenceEquals(r.Run, current.Run)).ToList();
        var history = RunHistory.Create(current.Run, earlier.Select(r => RunSnapshot.Of(r.Run)));
        if (history.History is not { } runHistory)
        {
            throw new CommandFailedException(history.Problem!);
        }

        var run = current.Run;
        var outDir = OutputPaths.Folder(output, "--out");
        var runJson = Path.Combine(outDir, "run.json");

        // The reports do not need run.json: they render while run.json is serialised and written, straight into its
        // file (docs/benchmark.md).
        prepared.GetAwaiter().GetResult();
        var rendering = Task.Run(() => Reports.RenderRun(run, runHistory));
        OutputPaths.Write(runJson, stream => RunModelJson.Serialize(stream, run));
        console.MarkupLine($"Run [bold]{run.RunId}[/] for {Markup.Escape(run.Trial.TrialId)}: {run.Sites.Count} sites, {run.CrossCase.Cases.Count} cases selected.");
        foreach (var c in run.CrossCase.Cases)
        {
            console.MarkupLine($"  {Markup.Escape(c.SiteId)}: {Markup.Escape(c.Reason)}");
        }

        foreach (var (path, earlierRun) in earlier.OrderBy(r => r.Run.Trial.DataCutOff))
        {
            console.MarkupLine($"Earlier run [bold]{earlierRun.RunId}[/], data cut-off {earlierRun.Trial.DataCutOff:yyyy-MM-dd}, from {Markup.Escape(path)}");
        }

        if (runHistory.Runs.Count > 0)
        {
            console.MarkupLine($"Trends across {runHistory.Runs.Count + 1} runs, data cut-off {run.Trial.DataCutOff:yyyy-MM-dd} reported.");
        }

        console.MarkupLine($"Wrote {Markup.Escape(runJson)}");

        var reports = rendering.GetAwaiter().GetResult();
        var trialPdf = Path.Combine(outDir, "trial.pdf");
        OutputPaths.Write(trialPdf, reports.Trial);
        console.MarkupLine($"Wrote {Markup.Escape(trialPdf)}");
        var sitesDir = new DirectoryInfo(OutputPaths.Folder(new DirectoryInfo(Path.Combine(outDir, "sites")), "--out"));
        foreach (var site in reports.Sites)
        {
            // Site ids are validated identifiers (letters, digits, '-', '_', '.', not starting with '.'), safe as file names.
            var sitePdf = Path.Combine(sitesDir.FullName, site.SiteId + ".pdf");
            OutputPaths.Write(sitePdf, site.Pdf);
            console.MarkupLine($"Wrote {Markup.Escape(sitePdf)}");
        }

        return ExitCodes.Ok;
    }
}
