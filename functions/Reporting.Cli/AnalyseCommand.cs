using System.CommandLine;
using Reporting.Core;
using Reporting.Core.Analysis;
using Reporting.Pdf;
using Spectre.Console;

namespace Reporting.Cli;

/// <summary>
/// <c>reporting analyse &lt;dir&gt; --out &lt;outdir&gt;</c>: validates, analyses and writes run.json, trial.pdf and
/// sites/&lt;siteId&gt;.pdf.
/// </summary>
internal static class AnalyseCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "Folder holding trial.json and the CSV exports." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write run.json (and the reports) into.", Required = true };
        var command = new Command("analyse", "Validate and analyse a folder of exports; writes run.json and the PDF reports.") { dir, output };
        command.SetAction(parse => Run(parse.GetValue(dir)!, parse.GetValue(output)!, AnsiConsole.Console));
        return command;
    }

    public static int Run(DirectoryInfo dir, DirectoryInfo output, IAnsiConsole console)
    {
        if (ExportFolder.AnalyseOrReport(dir, console) is not { } run)
        {
            return 1;
        }

        output.Create();
        var runJson = Path.Combine(output.FullName, "run.json");
        File.WriteAllText(runJson, RunModelJson.Serialize(run));
        console.MarkupLine($"Run [bold]{run.RunId}[/] for {Markup.Escape(run.Trial.TrialId)}: {run.Sites.Count} sites, {run.CrossCase.Cases.Count} cases selected.");
        foreach (var c in run.CrossCase.Cases)
        {
            console.MarkupLine($"  {Markup.Escape(c.SiteId)}: {Markup.Escape(c.Reason)}");
        }

        console.MarkupLine($"Wrote {Markup.Escape(runJson)}");

        var reports = Reports.RenderRun(run);
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
