using System.CommandLine;
using System.Globalization;
using Reporting.Core;
using Reporting.Core.Export;
using Reporting.Core.Qca;
using Spectre.Console;

namespace Reporting.Cli;

/// <summary>
/// <c>reporting qca DATA.csv --outcome X …</c>: crisp, multi-value or fuzzy-set QCA of any case × condition table,
/// computed as R QCA 3.25 computes it (docs/qca.md).
/// </summary>
internal static class QcaCommand
{
    public static Command Create()
    {
        var data = new Argument<FileInfo>("data") { Description = "CSV with the case names in the first column and one numeric column per condition and outcome." };
        var outcome = new Option<string>("--outcome") { Description = "The outcome column; ~X explains the negated outcome.", Required = true };
        var conditions = new Option<string?>("--conditions") { Description = "Condition columns, comma-separated, first the most significant (default: every other column)." };
        var inclCut = new Option<string?>("--incl-cut") { Description = "Consistency a positive row needs (default 1); a second value, as in 0.8,0.6, marks the rows between the two as contradictions." };
        var nCut = new Option<int>("--n-cut") { Description = "Cases a row needs to be observed (default 1); rows with fewer are remainders.", DefaultValueFactory = _ => 1 };
        var priCut = new Option<double>("--pri-cut") { Description = "PRI a positive row needs (default 0).", DefaultValueFactory = _ => 0 };
        var calibrate = new Option<string[]>("--calibrate")
        {
            Description = "Calibrate a raw column: \"COL: e=2, c=7, i=9.5\" (fuzzy, logistic), \"COL: e1=…, c1=…, i1=…, i2=…, c2=…, e2=…\", \"COL: 550\" or \"COL: 550, 850\" (crisp). Repeat for several columns.",
            AllowMultipleArgumentsPerToken = false,
        };
        var rowDom = new Option<bool>("--row-dom") { Description = "Drop dominated prime implicants before choosing the models (R's row.dom = TRUE)." };
        var dirExp = new Option<string?>("--dir-exp") { Description = "Directional expectations for the intermediate solution, comma-separated: A (present), ~B (absent), C[2] (multi-value)." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the truth table, solutions and necessity to this JSON file, with the R QCA reference's field names." };
        var command = new Command("qca", "Qualitative Comparative Analysis of a case × condition table: truth table, conservative and parsimonious solutions, necessity.")
        {
            data, outcome, conditions, inclCut, nCut, priCut, calibrate, rowDom, dirExp, json,
        };
        var issues = IssueOptions.AddTo(command, allowJson: false);
        command.SetAction(parse => Run(
            new Arguments(
                parse.GetValue(data)!,
                parse.GetValue(outcome)!,
                parse.GetValue(conditions),
                parse.GetValue(inclCut),
                parse.GetValue(nCut),
                parse.GetValue(priCut),
                parse.GetValue(calibrate) ?? [],
                parse.GetValue(rowDom),
                parse.GetValue(dirExp),
                parse.GetValue(json)),
            CliHost.StandardConsole, issues.Read(parse)));
        return command;
    }

    /// <summary>The command's arguments as given.</summary>
    public sealed record Arguments(
        FileInfo Data,
        string Outcome,
        string? Conditions = null,
        string? InclCut = null,
        int NCut = 1,
        double PriCut = 0,
        IReadOnlyList<string>? Calibrate = null,
        bool RowDominance = false,
        string? DirectionalExpectations = null,
        FileInfo? Json = null);

    public static int Run(Arguments args, IAnsiConsole console, IssueOutput? output = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (!args.Data.Exists)
        {
            throw new CommandFailedException(Directory.Exists(args.Data.FullName)
                ? $"{args.Data.FullName} is a folder, not a CSV table of cases."
                : $"there is no file at {args.Data.FullName}.");
        }

        var jsonPath = args.Json is null ? null : OutputPaths.File(args.Json, "--json");

        var conditions = (args.Conditions ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (ParseInclCut(args.InclCut) is not { } cuts)
        {
            throw new CommandFailedException("--incl-cut must be one number (0.8) or two (0.8,0.6), each above 0 and at most 1, the second not above the first.");
        }

        if (args.NCut < 1)
        {
            throw new CommandFailedException("--n-cut must be at least 1.");
        }

        if (!(args.PriCut >= 0 && args.PriCut <= 1))
        {
            throw new CommandFailedException("--pri-cut must be between 0 and 1.");
        }

        var calibrations = new Dictionary<string, CalibrationSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in args.Calibrate ?? [])
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new CommandFailedException("--calibrate takes \"COLUMN: anchors\", for example \"DEV: e=400, c=550, i=900\".");
            }

            var column = text[..colon].Trim();
            if (!CalibrationSpec.TryParse(text[(colon + 1)..], out var spec, out var error))
            {
                throw new CommandFailedException($"--calibrate {column}: {error}");
            }

            if (!calibrations.TryAdd(column, spec!))
            {
                throw new CommandFailedException($"--calibrate names {column} twice.");
            }
        }

        if (ParseExpectations(args.DirectionalExpectations) is not { } expectations)
        {
            throw new CommandFailedException("--dir-exp takes conditions separated by commas: A (present), ~B (absent) or C[2] (a multi-value condition at 2).");
        }

        QcaTableReader.Result read;
        using (var stream = args.Data.OpenRead())
        {
            read = QcaTableReader.Read(args.Data.Name, stream, calibrations, args.Outcome, conditions);
        }

        if (read.HasErrors || read.Issues.Count > 0)
        {
            ReportIssues(args.Data, read, console, output ?? IssueOutput.Default);
            if (read.HasErrors)
            {
                return 1;
            }
        }

        var table = read.Table!;
        QcaOptions options;
        try
        {
            options = new QcaOptions(args.Outcome, conditions, cuts[0], cuts.Count > 1 ? cuts[1] : null, args.NCut, args.PriCut, args.RowDominance, expectations);
        }
        catch (ArgumentException)
        {
            throw new CommandFailedException("--outcome must name a column (~X for the negated outcome).");
        }

        if (QcaAnalysis.Problem(table, options) is { } problem)
        {
            return Fail(console, $"{args.Data.Name}: {problem}");
        }

        if (expectations.Count > 0 && options.DirectionalExpectations.Any(e => !Valid(table, e)))
        {
            throw new CommandFailedException("--dir-exp: an expected value is not a value of its condition.");
        }

        var result = QcaAnalysis.Run(table, options);
        QcaPrinter.Print(result, console);
        if (jsonPath is not null)
        {
            var calibrated = calibrations.Keys.Select(k => table.Column(k)!).ToList();
            OutputPaths.Write(jsonPath, QcaJson.Write(result, calibrated));
            console.MarkupLine($"Wrote {Markup.Escape(jsonPath)}");
        }

        return 0;
    }

    private static bool Valid(QcaTable table, DirectionalExpectation e)
    {
        var column = table.Column(e.Condition)!;
        var levels = column.IsMembership ? 2 : (int)column.Values.Max() + 1;
        return e.Value >= 0 && e.Value < levels;
    }

    // The one place refused input is printed, through the printer validate uses, so the two always look alike.
    private static void ReportIssues(FileInfo data, QcaTableReader.Result read, IAnsiConsole console, IssueOutput output)
    {
        string sha;
        using (var stream = data.OpenRead())
        {
            sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        }

        var file = new FileValidation(data.Name, null, sha, data.Length, read.Rows, read.Issues);
        new IssuePrinter(console, output).Print(new PipelineResult([file], [], null, null), data.DirectoryName ?? ".");
    }

    private static int Fail(IAnsiConsole console, string message)
    {
        console.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        return 1;
    }

    private static List<double>? ParseInclCut(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [1.0];
        }

        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v > 0 && v <= 1))
            {
                return null;
            }

            values.Add(v);
        }

        return values.Count is 1 or 2 && (values.Count == 1 || values[1] <= values[0]) ? values : null;
    }

    private static List<DirectionalExpectation>? ParseExpectations(string? text)
    {
        var list = new List<DirectionalExpectation>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return list;
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var open = part.IndexOf('[', StringComparison.Ordinal);
            if (open > 0 && part.EndsWith(']'))
            {
                if (!int.TryParse(part[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                {
                    return null;
                }

                list.Add(new DirectionalExpectation(part[..open].Trim(), v));
            }
            else if (part.StartsWith('~') && part.Length > 1)
            {
                list.Add(new DirectionalExpectation(part[1..].Trim(), 0));
            }
            else
            {
                list.Add(new DirectionalExpectation(part, 1));
            }
        }

        return list;
    }
}

/// <summary>Prints a QCA result: the observed truth table rows, each solution's models with their fit and cases, and necessity.</summary>
internal static class QcaPrinter
{
    public static void Print(QcaResult result, IAnsiConsole console)
    {
        var outcome = (result.NegatedOutcome ? "~" : "") + result.Outcome;
        var cut = N(result.CutOffs.InclCut) + (result.CutOffs.ContradictionCut is { } c ? ", " + N(c) : "");
        console.MarkupLine($"[bold]Truth table[/] for {Markup.Escape(outcome)}: incl.cut {cut}, n.cut {result.CutOffs.NCut.ToString(CultureInfo.InvariantCulture)}, pri.cut {N(result.CutOffs.PriCut)}");
        var tt = new Table().AddColumn("row");
        foreach (var condition in result.Conditions)
        {
            tt.AddColumn(new TableColumn(Markup.Escape(condition.Name)).Centered());
        }

        tt.AddColumns("OUT", "n", "incl", "PRI", "cases");
        var observed = result.TruthTable.Rows.Where(r => r.N > 0 || r.Incl is not null)
            .OrderByDescending(r => r.Incl ?? -1).ThenByDescending(r => r.N).ThenBy(r => r.RowId);
        foreach (var row in observed)
        {
            var cells = new List<string> { row.RowId.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(row.Values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
            cells.Add(QcaJson.OutCode(row.Out));
            cells.Add(row.N.ToString(CultureInfo.InvariantCulture));
            cells.Add(F(row.Incl));
            cells.Add(F(row.Pri));
            cells.Add(Markup.Escape(string.Join(",", row.Cases)));
            tt.AddRow([.. cells]);
        }

        console.Write(tt);
        var t = result.TruthTable;
        console.MarkupLine($"{t.Positive.ToString(CultureInfo.InvariantCulture)} positive, {t.Negative.ToString(CultureInfo.InvariantCulture)} negative, {t.Contradictions.ToString(CultureInfo.InvariantCulture)} contradictory rows; {t.Remainders.ToString(CultureInfo.InvariantCulture)} remainders.");

        if (result.SolutionsUnavailableReason is { } reason)
        {
            console.MarkupLine(Markup.Escape(reason));
        }

        Solution(console, "Conservative solution", result.Conservative, outcome);
        if (result.ParsimoniousUnavailableReason is { } pr)
        {
            console.MarkupLine($"[bold]Parsimonious solution[/]: {Markup.Escape(pr)}");
        }

        Solution(console, "Parsimonious solution", result.Parsimonious, outcome);
        foreach (var i in result.Intermediate)
        {
            Solution(console, $"Intermediate solution {i.Label}", i.Solution, outcome);
            var ec = i.Solution.EasyCounterfactuals ?? [];
            console.MarkupLine($"Easy counterfactuals (rows): {(ec.Count == 0 ? "none" : string.Join(", ", ec.Select(r => r.ToString(CultureInfo.InvariantCulture))))}");
        }

        console.WriteLine();
        console.MarkupLine($"[bold]Necessity[/] of each condition for {Markup.Escape(outcome)}");
        var nec = new Table().AddColumns("set", "inclN", "RoN", "covN");
        foreach (var n in result.Necessity)
        {
            nec.AddRow(Markup.Escape(n.Set), F(n.InclN), F(n.RoN), F(n.CovN));
        }

        console.Write(nec);
    }

    private static void Solution(IAnsiConsole console, string title, QcaSolution? solution, string outcome)
    {
        if (solution is null)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]: {solution.Models.Count.ToString(CultureInfo.InvariantCulture)} model(s)"
            + (solution.ModelsComplete ? "" : " [yellow](the PI chart has more equally minimal models than listed)[/]"));
        foreach (var model in solution.Models)
        {
            console.MarkupLine($"{Markup.Escape(model.Name)}: {Markup.Escape(model.Expression)} -> {Markup.Escape(outcome)}");
            var table = new Table().AddColumns("term", "inclS", "PRI", "covS", "covU", "cases");
            foreach (var term in model.TermStats)
            {
                table.AddRow(Markup.Escape(term.Term), F(term.InclS), F(term.Pri), F(term.CovS), F(term.CovU),
                    Markup.Escape(string.Join("; ", term.Cases.Select(g => string.Join(",", g)))));
            }

            table.AddRow(Markup.Escape(model.Name), F(model.SolutionStats.InclS), F(model.SolutionStats.Pri), F(model.SolutionStats.CovS), "", "");
            console.Write(table);
            if (model.SimplifyingAssumptions.Count > 0)
            {
                console.MarkupLine($"Simplifying assumptions (rows): {string.Join(", ", model.SimplifyingAssumptions.Select(r => r.ToString(CultureInfo.InvariantCulture)))}");
            }
        }
    }

    private static string F(double? v) => v?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-";

    private static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
