using System.Text.Json;
using Reporting.Cli;

namespace Reporting.Cli.Tests;

/// <summary><c>reporting qca</c> on the R QCA reference datasets and on broken tables.</summary>
public sealed class QcaCommandTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("reporting-qca-");

    private static string Reference(string name) =>
        Path.Combine(CliTestSupport.Root, "tests", "Reporting.Core.Tests", "Data", "qca-reference", "data", name);

    private FileInfo Write(string name, string content)
    {
        var path = Path.Combine(_temp.FullName, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return new FileInfo(path);
    }

    private static List<string> Rows(string output) =>
        [.. output.Split('\n').Select(l => string.Join(' ', l.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))];

    [Fact]
    public void Qca_LipsetCrisp_PrintsTruthTableAndBothSolutions()
    {
        var (console, text) = CliTestSupport.Console();

        var exit = QcaCommand.Run(new QcaCommand.Arguments(new FileInfo(Reference("LC.csv")), "SURV"), console);

        var output = text.ToString();
        Assert.Equal(0, exit);
        var rows = Rows(output);
        Assert.Contains("32 1 1 1 1 1 1 4 1.000 1.000 BE,CZ,NL,UK", rows);
        Assert.Contains("M1: DEV*~URB*LIT*STB + DEV*LIT*IND*STB -> SURV", output, StringComparison.Ordinal);
        Assert.Contains("M1: DEV*STB -> SURV", output, StringComparison.Ordinal);
        Assert.Contains("Simplifying assumptions (rows): 18, 20, 26, 28, 30", output, StringComparison.Ordinal);
        Assert.Contains("URB 0.500 0.929 0.800", rows);
    }

    [Fact]
    public void Qca_JsonOption_WritesReferenceFieldNames()
    {
        var json = new FileInfo(Path.Combine(_temp.FullName, "out", "cvf.json"));
        var (console, _) = CliTestSupport.Console();

        var exit = QcaCommand.Run(new QcaCommand.Arguments(new FileInfo(Reference("CVF.csv")), "PROTEST", InclCut: "0.8", Json: json), console);

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(File.ReadAllText(json.FullName));
        var root = doc.RootElement;
        var row31 = root.GetProperty("truth_table").GetProperty("rows")[30];
        Assert.Equal("1", row31.GetProperty("OUT").GetString());
        Assert.Equal(1, row31.GetProperty("values").GetProperty("DEMOC").GetInt32());
        Assert.Equal(0.891, Math.Round(row31.GetProperty("PRI").GetDouble(), 3));
        var parsimonious = root.GetProperty("parsimonious");
        Assert.Equal(4, parsimonious.GetProperty("n_models").GetInt32());
        var term = parsimonious.GetProperty("models")[0].GetProperty("term_stats")[0];
        Assert.Equal("~NATPRIDE", term.GetProperty("term").GetString());
        Assert.Equal(0.1316, Math.Round(term.GetProperty("covU").GetDouble(), 4));
        Assert.Equal(6, parsimonious.GetProperty("overall_term_stats").GetArrayLength());
        Assert.Equal("~DEMOC", root.GetProperty("necessity")[5].GetProperty("set").GetString());
    }

    [Fact]
    public void Qca_RawColumnsCalibrated_AnalysesAndWritesCalibratedValues()
    {
        var json = new FileInfo(Path.Combine(_temp.FullName, "lr.json"));
        var (console, _) = CliTestSupport.Console();

        var exit = QcaCommand.Run(new QcaCommand.Arguments(
            new FileInfo(Reference("LR.csv")), "SURV", Conditions: "DEV,STB", InclCut: "0.8",
            Calibrate: ["SURV: e=-9, c=0, i=10", "DEV: e=400, c=550, i=900", "STB: i=5, c=9.5, e=15"], Json: json), console);

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(File.ReadAllText(json.FullName));
        var dev = doc.RootElement.GetProperty("calibrated").GetProperty("DEV");

        // R: calibrate(LR$DEV, thresholds = "e=400, c=550, i=900")[1] for AU.
        Assert.Equal(0.806925632987392, dev[0].GetDouble(), 12);
    }

    [Fact]
    public void Qca_NonNumericValue_ReportedWithFileLineAndColumnNotValue()
    {
        var data = Write("t.csv", "case,A,B,Y\nc1,1,0,1\nc2,secret42,1,0\n");
        var (console, text) = CliTestSupport.Console();

        var exit = QcaCommand.Run(new QcaCommand.Arguments(data, "Y"), console);

        var output = text.ToString();
        Assert.Equal(1, exit);
        Assert.Contains(output.Split('\n'), l => l.StartsWith("t.csv(3,2): error invalid-number: A", StringComparison.Ordinal));
        Assert.DoesNotContain("secret42", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Qca_MissingConditionColumn_ReportedAsMissingColumn()
    {
        var data = Write("t.csv", "case,A,Y\nc1,1,1\nc2,0,0\n");
        var (console, text) = CliTestSupport.Console();

        var exit = QcaCommand.Run(new QcaCommand.Arguments(data, "Y", Conditions: "A,Q"), console);

        Assert.Equal(1, exit);
        Assert.Contains(text.ToString().Split('\n'), l => l.StartsWith("t.csv(1): error missing-column: Q", StringComparison.Ordinal));
    }

    [Theory]
    // a fuzzy outcome above 1
    [InlineData("case,A,Y\nc1,1,1\nc2,0,1.7\n", "t.csv(3,3): error membership-out-of-range: Y")]
    // a condition with raw values (neither memberships nor categories 0–9)
    [InlineData("case,A,Y\nc1,12.5,1\nc2,40,0\n", "t.csv(2,2): error membership-out-of-range: A")]
    // a negative condition value
    [InlineData("case,A,Y\nc1,1,1\nc2,-1,0\n", "t.csv(3,2): error membership-out-of-range: A")]
    public void Qca_MembershipOutsideRangeWithoutCalibration_Refused(string csv, string expected)
    {
        var data = Write("t.csv", csv);
        var (console, text) = CliTestSupport.Console();

        var exit = QcaCommand.Run(new QcaCommand.Arguments(data, "Y"), console);

        Assert.Equal(1, exit);
        Assert.Contains(text.ToString().Split('\n'), l => l.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    // an unreadable calibration
    [InlineData("A: e=1, c=2", "--calibrate A:")]
    // no column before the colon
    [InlineData("e=1, c=2, i=3", "--calibrate takes")]
    public void Qca_BadCalibrationText_OneLineExitTwo(string calibrate, string message)
    {
        var data = Write("t.csv", "case,A,Y\nc1,1,1\nc2,0,0\n");

        var (exit, stdout, stderr) = CliTestSupport.Run("qca", data.FullName, "--outcome", "Y", "--calibrate", calibrate);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("reporting qca: " + message, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Qca_MissingFile_OneLineExitTwo()
    {
        var (exit, _, stderr) = CliTestSupport.Run("qca", Path.Combine(_temp.FullName, "none.csv"), "--outcome", "Y");

        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("there is no file at", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Qca_DirectionalExpectations_PrintsIntermediateSolution()
    {
        var (console, text) = CliTestSupport.Console();

        var exit = QcaCommand.Run(new QcaCommand.Arguments(new FileInfo(Reference("LF.csv")), "SURV", InclCut: "0.8", DirectionalExpectations: "DEV,URB,LIT,IND,STB"), console);

        var output = text.ToString();
        Assert.Equal(0, exit);

        // R: minimize(tt, include = "?", dir.exp = c(DEV, URB, LIT, IND, STB)) gives C1P1 with easy counterfactual row 30.
        Assert.Contains("Intermediate solution C1P1", output, StringComparison.Ordinal);
        Assert.Contains("M1: DEV*URB*LIT*STB + DEV*LIT*~IND*STB -> SURV", output, StringComparison.Ordinal);
        Assert.Contains("Easy counterfactuals (rows): 30", output, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
