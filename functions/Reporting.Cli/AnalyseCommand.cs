using System.CommandLine;
using Reporting.Core.Analysis;
using Reporting.Pdf;
using Spectre.Console;

namespace Reporting.Cli;

/// <summary>
/// <c>reporting analyse &lt;dir&gt;… --out &lt;outdir&gt;</c>: validates, analyses and writes run.json, trial.pdf and
/// sites/&lt;siteId&gt;.pdf. With several folders, each is one export of the same trial at its own data cut-off: the
/// latest is the run written, and its reports show the trends across all of them (docs/reports.md).
/// </summary>
internal static class AnalyseCommand
{
    public static Command Create()
    {
        var dirs = new Argument<DirectoryInfo[]>("dir")
        {
            Description = "Folder holding trial.json and the CSV exports. Give several exports of one trial (successive data cut-offs) for trends across them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write run.json (and the reports) into.", Required = true };
        var command = new Command("analyse", "Validate and analyse a folder of exports (or several cut-offs of one trial); writes run.json and the PDF reports.") { dirs, output };
        command.SetAction(parse => Run(parse.GetValue(dirs)!, parse.GetValue(output)!, AnsiConsole.Console));
        return command;
    }

    public static int Run(DirectoryInfo dir, DirectoryInfo output, IAnsiConsole console) => Run([dir], output, console);

    public static int Run(IReadOnlyList<DirectoryInfo> dirs, DirectoryInfo output, IAnsiConsole console)
    {
        foreach (var dir in dirs)
        {
            if (!dir.Exists)
            {
                console.MarkupLine(File.Exists(dir.FullName)
                    ? $"[red]{Markup.Escape(dir.FullName)} is a file: give the folder that holds trial.json and the CSV exports.[/]"
                    : $"[red]No folder at {Markup.Escape(dir.FullName)}.[/]");
                return 2;
            }
        }

        var runs = new List<(DirectoryInfo Dir, RunModel Run)>();
        foreach (var dir in dirs)
        {
            if (ExportFolder.AnalyseOrReport(dir, console) is not { } analysed)
            {
                return 1;
            }

            runs.Add((dir, analysed));
        }

        // The latest cut-off is the run reported; the others are its history.
        var current = runs.MaxBy(r => r.Run.Trial.DataCutOff);
        var earlier = runs.Where(r => !ReferenceEquals(r.Run, current.Run)).ToList();
        var history = RunHistory.Create(current.Run, earlier.Select(r => RunSnapshot.Of(r.Run)));
        if (history.History is not { } runHistory)
        {
            console.MarkupLine($"[red]{Markup.Escape(history.Problem!)}[/]");
            return 2;
        }

        var run = current.Run;
        output.Create();
        var runJson = Path.Combine(output.FullName, "run.json");
        File.WriteAllText(runJson, RunModelJson.Serialize(run));
        console.MarkupLine($"Run [bold]{run.RunId}[/] for {Markup.Escape(run.Trial.TrialId)}: {run.Sites.Count} sites, {run.CrossCase.Cases.Count} cases selected.");
        foreach (var c in run.CrossCase.Cases)
        {
            console.MarkupLine($"  {Markup.Escape(c.SiteId)}: {Markup.Escape(c.Reason)}");
        }

        foreach (var (dir, earlierRun) in earlier.OrderBy(r => r.Run.Trial.DataCutOff))
        {
            console.MarkupLine($"Earlier run [bold]{earlierRun.RunId}[/], data cut-off {earlierRun.Trial.DataCutOff:yyyy-MM-dd}, from {Markup.Escape(dir.FullName)}");
        }

        if (runHistory.Runs.Count > 0)
        {
            console.MarkupLine($"Trends across {runHistory.Runs.Count + 1} runs, data cut-off {run.Trial.DataCutOff:yyyy-MM-dd} reported.");
        }

        console.MarkupLine($"Wrote {Markup.Escape(runJson)}");

        var reports = Reports.RenderRun(run, runHistory);
        var trialPdf = Path.Combine(output.FullName, "trial.pdf");
        File.WriteAllBytes(trialPdf, reports.Trial);
        console.MarkupLine($"Wrote {Markup.Escape(trialPdf)}");
        var sitesDir = Directory.CreateDirectory(Path.Combine(output.FullName, "sites"));
        foreach (var site in reports.Sites)
        {
            // Site ids are validated identifiers (letters, digits, '-', '_', '.', not starting with '.'), safe as file names.
            var sitePdf = Path.Combine(sitesDir.FullName, site.SiteId + ".pdf");
            File.WriteAllBytes(sitePdf, site.Pdf);
            console.MarkupLine($"Wrote {Markup.Escape(sitePdf)}");
        }

        return 0;
    }
}
