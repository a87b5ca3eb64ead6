using System.CommandLine;
using System.Globalization;
using Reporting.Core;
using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Spectre.Console;

namespace Reporting.Cli;

/// <summary>
/// <c>reporting compare &lt;dir&gt; --by &lt;axis&gt; [--json out.json]</c>: one axis of the comparison by context and
/// stakeholder group (docs/method.md), printed as tables that fit an 80-column terminal.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Folder holding trial.json and the CSV exports, or a .zip of them." };
        var by = new Option<string>("--by")
        {
            Description = "The axis: role, or a site characteristic (locality, employer, supervisor_days_per_week, or one declared in trial.json).",
            Required = true,
        };
        var json = new Option<FileInfo?>("--json") { HelpName = "file", Description = "Also write the axis' comparison to this JSON file (the shape of a run.json comparisons[] entry)." };
        var command = new Command("compare", "Compare coded interviews by a site characteristic or by stakeholder group: shared and distinctive codes, structured answers.") { path, by, json };
        var issues = IssueOptions.AddTo(command, allowJson: false);
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(by)!, parse.GetValue(json), CliHost.StandardConsole, issues.Read(parse)));
        return command;
    }

    public static int Run(string path, string axis, FileInfo? json, IAnsiConsole console, IssueOutput? output = null)
    {
        var jsonPath = json is null ? null : OutputPaths.File(json, "--json");
        using var input = ExportInput.Open(path);
        var bundle = input.ReadBundle();
        var result = input.Run(bundle);
        if (result.Run is not { } run || bundle?.Settings is not { } settings || bundle.Sites is not { } sites)
        {
            var printer = new IssuePrinter(console, output ?? IssueOutput.Default);
            printer.Print(result, input.Path);
            printer.Refused(input.Path, result.NotRunReason ?? "Not analysed.");
            return ExitCodes.ExportHasErrors;
        }

        var comparison = run.Comparison(axis) ?? AxisComparisons.Build(axis, settings, sites, bundle.Codings, bundle.Interviews);
        if (comparison is null)
        {
            var axes = settings.AllCharacteristics.Select(c => c.Name).Append(AxisNames.Role);
            throw new CommandFailedException($"this trial has no axis {axis}. Axes: {string.Join(", ", axes)}.");
        }

        Print(run, comparison, console);
        if (jsonPath is not null)
        {
            OutputPaths.Write(jsonPath, RunModelJson.SerializeValue(comparison));
            console.MarkupLine($"Wrote {Markup.Escape(jsonPath)}");
        }

        return ExitCodes.Ok;
    }

    public static void Print(RunModel run, AxisComparison c, IAnsiConsole console)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(c.Label)}[/] ({Markup.Escape(c.Axis)}) · {Markup.Escape(run.Trial.TrialId)}").LeftJustified());
        var framework = run.Framework.Name;
        console.MarkupLine($"Framework {Markup.Escape(framework)}; a group has a code when at least {Count(c.MinSourcesPerCode)} distinct {(c.MinSourcesPerCode == 1 ? "source in it was" : "sources in it were")} coded with it.");
        foreach (var note in new[] { c.Split }.OfType<string>().Concat(c.LeftOut))
        {
            console.MarkupLine(Markup.Escape(note));
        }

        Groups(c, console);
        if (c.Matrix.Count > 0)
        {
            Matrix(c, console);
        }

        if (c.UnavailableReason is { } reason)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(reason)}[/]");
        }
        else
        {
            console.MarkupLine($"[bold]Shared by every group[/] ({Count(c.Shared.Count)})");
            Codes(c.Shared.Select(k => (k, (string?)null)), console);
            foreach (var group in c.Groups)
            {
                var codes = c.DistinctiveOf(group.Value);
                console.MarkupLine($"[bold]Distinctive of {Markup.Escape(group.Label)}[/] ({Count(codes.Count)})");
                Codes(codes.Select(d => (d.Code, d.HeldBySomeSites ? $"{Count(d.SitesWithCode!.Value)} of {Count(d.Sites!.Value)} {group.Label} sites" : null)), console);
            }
        }

        Items(c, console);
        foreach (var caution in c.Cautions)
        {
            console.MarkupLine($"[dim]{Markup.Escape(caution)}[/]");
        }
    }

    private static void Groups(AxisComparison c, IAnsiConsole console)
    {
        var table = new Table().Title("Groups").AddColumns("group", "sites", "sources", "segments F/B/N", "codes F/B");
        foreach (var g in c.Groups)
        {
            table.AddRow(
                Markup.Escape(g.Label),
                Markup.Escape(string.Join(", ", g.Sites)),
                Count(g.Sources.Count),
                $"{Count(g.Valence.Facilitator)}/{Count(g.Valence.Barrier)}/{Count(g.Valence.Neutral)}",
                $"{Count(g.FacilitatorCodes)}/{Count(g.BarrierCodes)}");
        }

        console.Write(table);
    }

    /// <summary>
    /// Distinct sources per group and code, under "domain · construct" rows; "(n)" = too few sources to have the code.
    /// Groups are numbered columns with a legend, so that six stakeholder groups still leave the code text room in 80 columns.
    /// </summary>
    private static void Matrix(AxisComparison c, IAnsiConsole console)
    {
        console.MarkupLine("[bold]Sources per code and group[/] (a number in brackets: too few sources for the group to have the code)");
        console.MarkupLine(Markup.Escape(string.Join(" · ", c.Groups.Select((g, i) => $"{Count(i + 1)} {g.Label}"))));
        var table = new Table();
        table.AddColumn("code");
        for (var i = 0; i < c.Groups.Count; i++)
        {
            table.AddColumn(new TableColumn(Count(i + 1)).RightAligned().NoWrap());
        }

        string? heading = null;
        foreach (var row in c.Matrix)
        {
            var label = $"{row.Code.DomainName} · {row.Code.Construct}";
            if (!string.Equals(label, heading, StringComparison.OrdinalIgnoreCase))
            {
                heading = label;
                table.AddRow([new Markup($"[bold]{Markup.Escape(label)}[/]"), .. c.Groups.Select(_ => new Text(""))]);
            }

            table.AddRow([
                new Text(row.Code.Code),
                .. row.Cells.Select(cell => new Text(cell.Sources.Count == 0 ? "" : cell.Has ? Count(cell.Sources.Count) : $"({Count(cell.Sources.Count)})")),
            ]);
        }

        console.Write(table);
    }

    private static void Codes(IEnumerable<(CodeKey Code, string? Note)> codes, IAnsiConsole console)
    {
        var any = false;
        foreach (var (code, note) in codes)
        {
            any = true;
            var suffix = note is null ? "" : $"; {note}";
            console.MarkupLine($"  • {Markup.Escape(code.Code)} [dim]({Markup.Escape(code.DomainName)} · {Markup.Escape(code.Construct)}{Markup.Escape(suffix)})[/]");
        }

        if (!any)
        {
            console.MarkupLine("  none");
        }
    }

    private static void Items(AxisComparison c, IAnsiConsole console)
    {
        if (c.InterviewItemsUnavailableReason is { } reason)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(reason)}[/]");
        }

        if (c.InterviewItems.Count == 0)
        {
            return;
        }

        var table = new Table().Title("Structured interview answers").AddColumns("item", "group", "n", "median", "quartiles", "mean");
        foreach (var item in c.InterviewItems)
        {
            var first = true;
            var labels = c.Groups.ToDictionary(g => g.Value, g => g.Label, StringComparer.Ordinal);
            foreach (var s in item.Groups.Append(item.All))
            {
                table.AddRow(
                    first ? Markup.Escape($"{item.ItemId}: {item.Text} ({Number(item.Min)}–{Number(item.Max)})") : "",
                    Markup.Escape(s.Value == AxisComparisons.AllSources ? "all" : labels.GetValueOrDefault(s.Value, s.Value)),
                    Count(s.N),
                    Number(s.Median),
                    s.LowerQuartile is null ? "–" : $"{Number(s.LowerQuartile)}–{Number(s.UpperQuartile)}",
                    Number(s.Mean));
                first = false;
            }
        }

        console.Write(table);
    }

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double? v) => v is { } x ? x.ToString("0.##", CultureInfo.InvariantCulture) : "–";
}
