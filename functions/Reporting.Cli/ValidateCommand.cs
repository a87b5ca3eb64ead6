using System.CommandLine;
using Spectre.Console;

namespace Reporting.Cli;

/// <summary><c>reporting validate &lt;path&gt;</c>: checks a folder of exports, or a .zip of them, before it is uploaded.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Folder holding trial.json and the CSV exports, or a .zip of them." };
        var json = new Option<FileInfo?>("--json") { HelpName = "file", Description = "Also write the validation report (files and issues) to this JSON file, for scripts and CI." };
        var command = new Command("validate",
            "Validate an export (a folder or a .zip) against the export contract. Exit code 0: no errors; 1: the export has errors; 2: the command could not run.")
        {
            path, json,
        };
        var issues = IssueOptions.AddTo(command, allowJson: true);
        command.SetAction(parse => Run(parse.GetValue(path)!, CliHost.StandardConsole, issues.Read(parse), parse.GetValue(json)));
        return command;
    }

    public static int Run(string path, IAnsiConsole console, IssueOutput? output = null, FileInfo? json = null)
    {
        var jsonPath = json is null ? null : OutputPaths.File(json, "--json");
        using var input = ExportInput.Open(path);
        var result = input.Run();
        new IssuePrinter(console, output ?? IssueOutput.Default).Print(result, input.Path);
        if (jsonPath is not null)
        {
            OutputPaths.Write(jsonPath, IssuePrinter.ReportJson(result));
        }

        return result.HasErrors ? ExitCodes.ExportHasErrors : ExitCodes.Ok;
    }
}
