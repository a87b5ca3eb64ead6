using System.CommandLine;
using Reporting.Core;
using Reporting.Core.Analysis;
using Reporting.Pdf;
using Spectre.Console;

namespace Reporting.Cli;

/// <summary>
/// <c>reporting analyse &lt;path&gt; --out &lt;outdir&gt;</c>: validates, analyses and writes run.json, trial.pdf and
/// sites/&lt;siteId&gt;.pdf.
/// </summary>
internal static class AnalyseCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Folder holding trial.json and the CSV exports, or a .zip of them." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write run.json (and the reports) into.", Required = true };
        var command = new Command("analyse", "Validate and analyse an export (a folder or a .zip); writes run.json and the PDF reports.") { path, output };
        var issues = IssueOptions.AddTo(command, allowJson: false);
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(output)!, CliHost.StandardConsole, issues.Read(parse)));
        return command;
    }

    /// <summary>Analyses an export folder (the benchmark's analyse phase calls this).</summary>
    public static int Run(DirectoryInfo dir, DirectoryInfo output, IAnsiConsole console) => Run(dir.FullName, output, console, null);

    public static int Run(string path, DirectoryInfo output, IAnsiConsole console, IssueOutput? issues = null)
    {
        var outDir = OutputPaths.Folder(output, "--out");
        if (ExportInput.AnalyseOrReport(path, new IssuePrinter(console, issues ?? IssueOutput.Default)) is not { } run)
        {
            return ExitCodes.ExportHasErrors;
        }

        var runJson = Path.Combine(outDir, "run.json");
        OutputPaths.Write(runJson, RunModelJson.Serialize(run));
        console.MarkupLine($"Run [bold]{run.RunId}[/] for {Markup.Escape(run.Trial.TrialId)}: {run.Sites.Count} sites, {run.CrossCase.Cases.Count} cases selected.");
        foreach (var c in run.CrossCase.Cases)
        {
            console.MarkupLine($"  {Markup.Escape(c.SiteId)}: {Markup.Escape(c.Reason)}");
        }

        console.MarkupLine($"Wrote {Markup.Escape(runJson)}");

        var reports = Reports.RenderRun(run);
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
