using System.CommandLine;
using Reporting.Core;
using Reporting.Core.Analysis;
using Spectre.Console;

namespace Reporting.Cli;

/// <summary><c>reporting metrics &lt;path&gt; --json &lt;file&gt;</c>: per-site and pooled engagement and fidelity.</summary>
internal static class MetricsCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Folder holding trial.json and the CSV exports, or a .zip of them." };
        var json = new Option<FileInfo?>("--json") { HelpName = "file", Description = "Write the per-site and pooled metrics to this JSON file." };
        var command = new Command("metrics", "Compute per-site engagement and fidelity and the pooled figures.") { path, json };
        var issues = IssueOptions.AddTo(command, allowJson: false);
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(json), CliHost.StandardConsole, issues.Read(parse)));
        return command;
    }

    public static int Run(string path, FileInfo? json, IAnsiConsole console, IssueOutput? output = null)
    {
        var jsonPath = json is null ? null : OutputPaths.File(json, "--json");
        // Only the metrics are computed: the rest of the run (Spearman's permutation test, the comparisons, QCA) is not printed here.
        if (ExportInput.MetricsOrReport(path, new IssuePrinter(console, output ?? IssueOutput.Default)) is not ({ } metrics, { } title))
        {
            return ExitCodes.ExportHasErrors;
        }

        var table = new Table().Title($"{Markup.Escape(title)} — cut-off {metrics.DataCutOff:yyyy-MM-dd}")
            .AddColumns("site", "offered", "engaged", "pending", "engagement", "95% CI", "fidelity");
        foreach (var s in metrics.Sites.Append(metrics.Pooled))
        {
            table.AddRow(
                Markup.Escape(s.SiteId),
                Fmt.Int(s.Offered),
                Fmt.Int(s.Engaged),
                Fmt.Int(s.Pending),
                Fmt.Percent(s.Engagement),
                s.CiLow is null ? "–" : $"{Fmt.Percent(s.CiLow)}–{Fmt.Percent(s.CiHigh)}",
                Fmt.Number(s.Fidelity, "0.0"));
        }

        console.Write(table);
        if (jsonPath is not null)
        {
            OutputPaths.Write(jsonPath, RunModelJson.SerializeValue(metrics));
            console.MarkupLine($"Wrote {Markup.Escape(jsonPath)}");
        }

        return ExitCodes.Ok;
    }
}

/// <summary>Formatting for the terminal.</summary>
internal static class Fmt
{
    public static string Int(int? v) => v?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "–";

    public static string Percent(double? v) => v is null ? "–" : (v.Value * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public static string Number(double? v, string format) => v?.ToString(format, System.Globalization.CultureInfo.InvariantCulture) ?? "–";
}
