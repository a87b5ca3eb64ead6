using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Reporting.Core.Qca;
using Spectre.Console;

namespace Reporting.Bench;

/// <summary>
/// <c>reporting-bench qca</c>: a seeded crisp table (12 conditions, 200 cases by default, incl.cut 0.8) minimised in a fresh process
/// per run, median of the runs; with <c>--r</c>, R QCA's <c>truthTable()</c> and <c>minimize()</c> on the same table.
/// </summary>
internal static class QcaBench
{
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Runs, each in a fresh process; the table shows the median.", DefaultValueFactory = _ => 7 };
        var conditions = new Option<int>("--conditions") { Description = "Crisp conditions.", DefaultValueFactory = _ => 12 };
        var cases = new Option<int>("--cases") { Description = "Cases.", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated table.", DefaultValueFactory = _ => 20240601 };
        var write = new Option<FileInfo?>("--write") { Description = "Also write the generated table to this CSV (for R or reporting qca)." };
        var r = new Option<bool>("--r") { Description = "Also time R QCA on the same table (needs Rscript and the QCA package)." };
        var command = new Command("qca", "Benchmark QCA minimisation on a seeded crisp table, each run in a fresh process.") { runs, conditions, cases, seed, write, r };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (Console.IsOutputRedirected)
            {
                console.Profile.Width = Math.Max(console.Profile.Width, 200);
            }

            return Run(parse.GetValue(runs), parse.GetValue(conditions), parse.GetValue(cases), parse.GetValue(seed), parse.GetValue(write), parse.GetValue(r), console);
        });
        return command;
    }

    /// <summary><c>reporting-bench qca-run</c>: one measured run in this process; prints milliseconds and the solution sizes.</summary>
    public static Command CreateRun()
    {
        var conditions = new Argument<int>("conditions");
        var cases = new Argument<int>("cases");
        var seed = new Argument<int>("seed");
        var command = new Command("qca-run", "Runs one QCA benchmark measurement (used by reporting-bench qca).") { conditions, cases, seed };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var table = Table(parse.GetValue(conditions), parse.GetValue(cases), parse.GetValue(seed));
            var options = new QcaOptions("Y", inclCut: InclCut);
            using var self = Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            var result = QcaAnalysis.Run(table, options);
            stopwatch.Stop();
            self.Refresh();
            Console.Out.WriteLine(string.Join(' ',
                stopwatch.Elapsed.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture),
                (self.TotalProcessorTime - cpu).TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture),
                result.TruthTable.Positive.ToString(CultureInfo.InvariantCulture),
                result.TruthTable.Negative.ToString(CultureInfo.InvariantCulture),
                (result.Conservative?.PrimeImplicants.Count ?? 0).ToString(CultureInfo.InvariantCulture),
                (result.Conservative?.Models.Count ?? 0).ToString(CultureInfo.InvariantCulture),
                (result.Parsimonious?.PrimeImplicants.Count ?? 0).ToString(CultureInfo.InvariantCulture),
                (result.Parsimonious?.Models.Count ?? 0).ToString(CultureInfo.InvariantCulture)));
            return 0;
        });
        return command;
    }

    /// <summary>Configurations the cases of the seeded table share: as in real QCA data, cases cluster in a few
    /// configurations rather than spreading over all 2^n.</summary>
    internal const int Types = 40;

    /// <summary>
    /// The seeded table: <see cref="Types"/> configurations of C1…Cn drawn at random (p = 0.5), each case one of
    /// them at random; outcome Y = C1*C2 + C3*~C4 + C5*C6*C7, with 5% of cases flipped (so some rows are not
    /// perfectly consistent).
    /// </summary>
    internal static QcaTable Table(int conditions, int cases, int seed)
    {
        var random = new Random(seed);
        var types = new int[Types][];
        for (var t = 0; t < Types; t++)
        {
            types[t] = [.. Enumerable.Range(0, conditions).Select(_ => random.Next(2))];
        }

        var x = new double[conditions][];
        for (var c = 0; c < conditions; c++)
        {
            x[c] = new double[cases];
        }

        var y = new double[cases];
        for (var k = 0; k < cases; k++)
        {
            var type = types[random.Next(Types)];
            for (var c = 0; c < conditions; c++)
            {
                x[c][k] = type[c];
            }

            bool V(int c) => c < conditions && x[c][k] == 1;
            var outcome = (V(0) && V(1)) || (V(2) && !V(3)) || (V(4) && V(5) && V(6));
            if (random.NextDouble() < 0.05)
            {
                outcome = !outcome;
            }

            y[k] = outcome ? 1 : 0;
        }

        var columns = Enumerable.Range(0, conditions).Select(c => new QcaColumn("C" + (c + 1).ToString(CultureInfo.InvariantCulture), x[c])).ToList();
        columns.Add(new QcaColumn("Y", y));
        return new QcaTable([.. Enumerable.Range(1, cases).Select(k => "k" + k.ToString(CultureInfo.InvariantCulture))], columns);
    }

    private static string Csv(QcaTable table)
    {
        var sb = new StringBuilder("case,").AppendJoin(',', table.Columns.Select(c => c.Name)).Append('\n');
        for (var k = 0; k < table.Cases.Count; k++)
        {
            sb.Append(table.Cases[k]);
            foreach (var c in table.Columns)
            {
                sb.Append(',').Append(c.Values[k].ToString(CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The inclusion cut-off of the benchmark's truth table.</summary>
    internal const double InclCut = 0.8;

    private const string RScript = """
        args <- commandArgs(trailingOnly = TRUE)
        suppressMessages(library(QCA))
        d <- read.csv(args[1], row.names = 1)
        t0 <- proc.time()[["elapsed"]]
        tt <- truthTable(d, outcome = "Y", incl.cut = 0.8, show.cases = TRUE)
        cs <- minimize(tt, details = TRUE)
        ps <- minimize(tt, include = "?", details = TRUE)
        t1 <- proc.time()[["elapsed"]]
        cat(sprintf("%.3f %d %d\n", (t1 - t0) * 1000, length(cs$solution), length(ps$solution)))
        """;

    public static int Run(int runs, int conditions, int cases, int seed, FileInfo? write, bool r, IAnsiConsole console)
    {
        if (runs < 1 || conditions is < 1 or > 16 || cases < 1)
        {
            console.MarkupLine("[red]--runs and --cases must be at least 1, --conditions 1 to 16.[/]");
            return 2;
        }

        var table = Table(conditions, cases, seed);
        if (write is not null)
        {
            write.Directory?.Create();
            File.WriteAllText(write.FullName, Csv(table));
        }

        string[] args = ["qca-run", conditions.ToString(CultureInfo.InvariantCulture), cases.ToString(CultureInfo.InvariantCulture), seed.ToString(CultureInfo.InvariantCulture)];
        var inProcess = new List<double>();
        var process = new List<double>();
        var cpuMs = new List<double>();
        string[]? sizes = null;
        _ = ChildProcess.RunSelf(args); // warm the file cache
        for (var i = 0; i < runs; i++)
        {
            var run = ChildProcess.RunSelf(args);
            if (run.ExitCode != 0)
            {
                console.MarkupLine($"[red]qca-run failed: {Markup.Escape(run.Stderr.Trim())}[/]");
                return 1;
            }

            var parts = run.Stdout.Trim().Split(' ');
            inProcess.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
            cpuMs.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
            process.Add(run.ProcessMs);
            sizes = parts;
        }

        var table2 = new Table().Title($"QCA: {conditions.ToString(CultureInfo.InvariantCulture)} crisp conditions, {cases.ToString(CultureInfo.InvariantCulture)} cases, seed {seed.ToString(CultureInfo.InvariantCulture)}; median of {runs.ToString(CultureInfo.InvariantCulture)} fresh processes")
            .AddColumns("implementation", "analysis ms (median)", "min", "max", "analysis CPU ms (median)", "process ms (median)", "result");
        table2.AddRow("reporting (C#)", Ms(Median(inProcess)), Ms(inProcess.Min()), Ms(inProcess.Max()), Ms(Median(cpuMs)), Ms(Median(process)),
            $"{sizes![2]} positive / {sizes[3]} negative rows; conservative {sizes[4]} PIs, {sizes[5]} model(s); parsimonious {sizes[6]} PIs, {sizes[7]} model(s)");

        if (r)
        {
            if (!ChildProcess.OnPath("Rscript"))
            {
                table2.AddRow("R QCA", "Rscript not found", "", "", "", "", "");
            }
            else
            {
                var dir = Directory.CreateTempSubdirectory("reporting-bench-qca-");
                try
                {
                    var csv = Path.Combine(dir.FullName, "table.csv");
                    var script = Path.Combine(dir.FullName, "qca.R");
                    File.WriteAllText(csv, Csv(table));
                    File.WriteAllText(script, RScript);
                    var rIn = new List<double>();
                    var rProcess = new List<double>();
                    string? rSizes = null;
                    for (var i = 0; i < runs; i++)
                    {
                        var run = ChildProcess.Run("Rscript", [script, csv]);
                        if (run.ExitCode != 0)
                        {
                            table2.AddRow("R QCA", "failed (is the QCA package installed?)", "", "", "", "", "");
                            rIn.Clear();
                            break;
                        }

                        var parts = run.Stdout.Trim().Split(' ');
                        rIn.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
                        rProcess.Add(run.ProcessMs);
                        rSizes = $"conservative {parts[1]} model(s); parsimonious {parts[2]} model(s)";
                    }

                    if (rIn.Count > 0)
                    {
                        table2.AddRow("R QCA (truthTable + 2 × minimize)", Ms(Median(rIn)), Ms(rIn.Min()), Ms(rIn.Max()), "", Ms(Median(rProcess)), rSizes!);
                    }
                }
                finally
                {
                    dir.Delete(recursive: true);
                }
            }
        }

        console.Write(table2);
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);
}
