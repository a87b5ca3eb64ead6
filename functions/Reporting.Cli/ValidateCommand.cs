using System.CommandLine;
using Reporting.Core;
using Reporting.Core.Validation;
using Spectre.Console;

namespace Reporting.Cli;

/// <summary><c>reporting validate &lt;dir&gt;</c>: checks a folder of exports before it is uploaded.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "Folder holding trial.json and the CSV exports." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the validation report (files and issues) to this JSON file, for scripts and CI." };
        var command = new Command("validate", "Validate a folder of exports against the export contract; exits 1 when any file has errors.") { dir, json };
        command.SetAction(parse => Run(parse.GetValue(dir)!, AnsiConsole.Console, parse.GetValue(json)));
        return command;
    }

    public static int Run(DirectoryInfo dir, IAnsiConsole console, FileInfo? json = null)
    {
        var result = TrialPipeline.Run(ExportFolder.Files(dir));
        Print(result, console);
        var failed = result.HasErrors;
        if (json is not null)
        {
            json.Directory?.Create();
            var report = new
            {
                Valid = !failed,
                Files = result.Files.Select(f => new { f.FileName, f.Kind, f.Sha256, f.Bytes, f.Rows, f.Errors, f.Warnings, f.Issues }),
                result.BundleIssues,
            };
            File.WriteAllText(json.FullName, Reporting.Core.Analysis.RunModelJson.SerializeValue(report));
        }

        return failed ? 1 : 0;
    }

    public static void Print(PipelineResult result, IAnsiConsole console)
    {
        var files = new Table().Title("Files").AddColumns("file", "rows", "bytes", "errors", "warnings", "sha-256");
        foreach (var f in result.Files)
        {
            files.AddRow(
                Markup.Escape(f.FileName),
                f.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                f.Bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                f.Errors == 0 ? "0" : $"[red]{f.Errors}[/]",
                f.Warnings == 0 ? "0" : $"[yellow]{f.Warnings}[/]",
                f.Sha256[..12]);
        }

        console.Write(files);
        var issues = result.AllIssues.ToList();
        if (issues.Count == 0)
        {
            console.MarkupLine("[green]No issues.[/]");
            return;
        }

        var table = new Table().Title("Issues").AddColumns("file", "line", "column", "severity", "code", "message");
        foreach (var i in issues)
        {
            table.AddRow(
                Markup.Escape(i.File),
                i.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(i.Column ?? ""),
                i.Severity == Severity.Error ? "[red]error[/]" : "[yellow]warning[/]",
                Markup.Escape(i.Code),
                Markup.Escape(i.Message));
        }

        console.Write(table);
        var errors = issues.Count(i => i.Severity == Severity.Error);
        var warnings = issues.Count - errors;
        console.MarkupLine($"{(errors > 0 ? "[red]" : "[green]")}{errors} error(s)[/], {warnings} warning(s).");
    }
}
