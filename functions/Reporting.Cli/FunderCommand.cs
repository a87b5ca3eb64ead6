using System.CommandLine;
using System.Globalization;
using Reporting.Core;
using Reporting.Core.Analysis;
using Reporting.Pdf;
using Spectre.Console;

namespace Reporting.Cli;

/// <summary>
/// <c>reporting funder &lt;path&gt;... --funder &lt;id&gt; --period yyyy-MM --out &lt;file&gt;</c>: analyses each export folder
/// and writes the funder's portfolio PDF. There is no run history here, so change since the previous period is not available.
/// </summary>
internal static class FunderCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Exports, one per trial: folders of trial.json and the CSV exports, or .zip files of them.", Arity = ArgumentArity.OneOrMore };
        var funder = new Option<string>("--funder") { Description = "The funder id, as in trial.json's funders.", Required = true };
        var period = new Option<string>("--period") { Description = "The reporting period, yyyy-MM (e.g. 2026-11).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The PDF file to write.", Required = true };
        var baseUrl = new Option<string?>("--report-base-url")
        {
            Description = "Where trial reports are published; each trial's link is <base>/<trialId>/<runId>/trial.pdf. Without it the report says no link was supplied.",
        };
        var command = new Command("funder", "Analyse each trial's exports and write a funder's portfolio report (PDF).") { paths, funder, period, output, baseUrl };
        var issues = IssueOptions.AddTo(command, allowJson: false);
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(funder)!, parse.GetValue(period)!, parse.GetValue(output)!, parse.GetValue(baseUrl),
            CliHost.StandardConsole, issues.Read(parse)));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, string funderId, string period, FileInfo output, string? reportBaseUrl, IAnsiConsole console,
        IssueOutput? issues = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new CommandFailedException("--period is written yyyy-MM, e.g. 2026-11.");
        }

        var outFile = OutputPaths.File(output, "--out");
        var printer = new IssuePrinter(console, issues ?? IssueOutput.Default);
        var inputs = new List<PortfolioTrialInput>();
        foreach (var path in paths)
        {
            if (ExportInput.AnalyseOrReport(path, printer) is not { } run)
            {
                return ExitCodes.ExportHasErrors;
            }

            var url = reportBaseUrl is { Length: > 0 } b ? $"{b.TrimEnd('/')}/{run.Trial.TrialId}/{run.RunId}/trial.pdf" : null;
            inputs.Add(new PortfolioTrialInput(run, Previous: null, url));
            console.MarkupLine($"Analysed {Markup.Escape(run.Trial.TrialId)}: run [bold]{run.RunId}[/], {run.Sites.Count} sites.");
        }

        var name = inputs.SelectMany(i => i.Current.Trial.Funders).FirstOrDefault(f => f.FunderId == funderId)?.Name;
        if (name is null)
        {
            console.MarkupLine($"[yellow]No trial given lists funder {Markup.Escape(funderId)}; the report says so.[/]");
        }

        var portfolio = FunderPortfolios.Build(funderId, name ?? funderId, period, inputs);
        OutputPaths.Write(outFile, Reports.FunderReport(portfolio));
        console.MarkupLine($"Wrote {Markup.Escape(outFile)} ({portfolio.Trials.Count} trial(s) for {Markup.Escape(portfolio.FunderName)}, {Markup.Escape(period)}).");
        return ExitCodes.Ok;
    }
}
