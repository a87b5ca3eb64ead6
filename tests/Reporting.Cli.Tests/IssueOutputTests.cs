using System.IO.Compression;
using System.Text.RegularExpressions;
using Reporting.Cli;
using Reporting.Core.Export;
using Reporting.Core.Validation;

namespace Reporting.Cli.Tests;

/// <summary>
/// The validation output for people and CI: one issue a line with file, line, column, severity and code (plain
/// and GitHub annotations), never a cell value, a summary that fits the console, and the same printer on every
/// command that refuses an export.
/// </summary>
public sealed partial class IssueOutputTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("reporting-cli-output-");

    /// <summary>The planted faults: where each is, the rule it breaks and the value planted, which must never be printed.</summary>
    private static readonly (string File, int Line, int Field, string Value, string Code, string Column)[] Faults =
    [
        ("participants.csv", 10, 1, "ZQ99", "unknown-site", "site_id"),
        ("participants.csv", 20, 3, "2091-03-01", "date-after-cutoff", "randomised_on"),
        ("contacts.csv", 30, 5, "maybe-ZQ", "invalid-enum", "status"),
        ("contacts.csv", 40, 2, "31/12/2017", "invalid-date", "contact_on"),
        ("fidelity.csv", 5, 4, "77", "score-out-of-range", "score"),
    ];

    [GeneratedRegex(@"^(?<file>[A-Za-z0-9_.\-]+)\((?<line>\d+),(?<col>\d+)\): (?<severity>error|warning) (?<code>[a-z.\-]+): (?<column>[a-z_0-9]+): \S")]
    private static partial Regex PlainIssue();

    [GeneratedRegex(@"^::(?<severity>error|warning) file=(?<file>[^,]+),line=(?<line>\d+),col=(?<col>\d+),title=(?<code>[a-z.\-]+)::(?<column>[a-z_0-9]+): \S")]
    private static partial Regex GitHubIssue();

    private DirectoryInfo Planted(string name = "export")
    {
        var dir = CliTestSupport.CopySample(_temp, name);
        foreach (var f in Faults)
        {
            CliTestSupport.Plant(dir, f.File, f.Line, f.Field, f.Value);
        }

        return dir;
    }

    private static void AssertNoCellValue(string output)
    {
        foreach (var f in Faults)
        {
            Assert.DoesNotContain(f.Value, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_PlantedFaults_PlainPrintsEachIssueOnOneLineWithFileLineColumnAndCode()
    {
        var dir = Planted();
        var (console, text) = CliTestSupport.Console(width: 80);

        var exit = ValidateCommand.Run(dir.FullName, console);

        var output = text.ToString();
        Assert.Equal(1, exit);
        var issues = output.Split('\n').Select(l => PlainIssue().Match(l)).Where(m => m.Success).ToList();
        foreach (var f in Faults)
        {
            // The column number is the field's position in the header (1-based), as compilers count columns.
            Assert.Single(issues, m => m.Groups["file"].Value == f.File && m.Groups["line"].Value == f.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && m.Groups["col"].Value == (f.Field + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
                && m.Groups["severity"].Value == "error" && m.Groups["code"].Value == f.Code && m.Groups["column"].Value == f.Column);
        }

        AssertNoCellValue(output);
    }

    [Fact]
    public void Validate_PlantedFaults_EveryLineBeforeTheSummaryIsAWholeIssue()
    {
        // At 80 columns a message is longer than the line: it must not be wrapped onto a second line.
        var (console, text) = CliTestSupport.Console(width: 80);

        ValidateCommand.Run(Planted().FullName, console);

        var lines = text.ToString().Split('\n');
        var body = lines.TakeWhile(l => !l.Contains("file", StringComparison.Ordinal) || !l.Contains("accepted", StringComparison.Ordinal))
            .Where(l => l.Trim().Length > 0).ToList();
        Assert.Equal(Faults.Length, body.Count); // the sample's two warnings need participants.csv, which now has errors
        Assert.All(body, l => Assert.Matches(@"^[A-Za-z0-9_.\-!#/]+(\(\d+(,\d+)?\))?: (error|warning) [a-z.\-]+: ", l));
        Assert.Contains(body, l => l.Length > 80);
    }

    [Fact]
    public void Validate_PlantedFaults_GitHubFormatAnnotatesEachIssueAtTheFile()
    {
        var dir = Planted();
        var (console, text) = CliTestSupport.Console(width: 80);

        var exit = ValidateCommand.Run(dir.FullName, console, new IssueOutput(IssueFormat.GitHub));

        var output = text.ToString();
        Assert.Equal(1, exit);
        var annotations = output.Split('\n').Select(l => GitHubIssue().Match(l)).Where(m => m.Success).ToList();
        foreach (var f in Faults)
        {
            Assert.Single(annotations, m => m.Groups["file"].Value == dir.FullName + "/" + f.File
                && m.Groups["line"].Value == f.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && m.Groups["col"].Value == (f.Field + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
                && m.Groups["severity"].Value == "error" && m.Groups["code"].Value == f.Code && m.Groups["column"].Value == f.Column);
        }

        AssertNoCellValue(output);
    }

    [Fact]
    public void Validate_SampleWithGitHubFormat_AnnotatesItsWarnings()
    {
        var (console, text) = CliTestSupport.Console();

        var exit = ValidateCommand.Run(CliTestSupport.Sample, console, new IssueOutput(IssueFormat.GitHub));

        // The sample's two contacts dated before randomisation, on lines 531 and 1427.
        Assert.Equal(0, exit);
        var warnings = text.ToString().Split('\n').Where(l => l.StartsWith("::warning ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [$"::warning file={CliTestSupport.Sample}/contacts.csv,line=531,col=3,title=contact-before-randomisation::contact_on: ",
             $"::warning file={CliTestSupport.Sample}/contacts.csv,line=1427,col=3,title=contact-before-randomisation::contact_on: "],
            warnings.Select(w => w[..(w.IndexOf("::contact_on: ", StringComparison.Ordinal) + "::contact_on: ".Length)]));
    }

    [Fact]
    public void Validate_GitHubFormatRunFromTheRepository_UsesThePathAsGiven()
    {
        // In CI the path is relative to the checkout, and GitHub matches annotations to files by that path.
        Planted();

        var (exit, stdout, _) = CliTestSupport.RunIn(_temp.FullName, "validate", "./export/", "--format", "github");

        Assert.Equal(1, exit);
        Assert.Contains("::error file=export/participants.csv,line=10,col=2,title=unknown-site::site_id: ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", stdout, StringComparison.Ordinal); // no colour when the output is not a terminal
    }

    [Theory]
    [InlineData("50% done", "50%25 done")] // a percent sign starts an escape, so it is escaped itself
    [InlineData("line one\r\nline two", "line one%0D%0Aline two")] // a line break would end the command
    [InlineData("a:b,c", "a:b,c")] // a message may hold colons and commas
    public void EscapeData_WorkflowCommandMessage_EscapesPercentAndLineBreaks(string text, string expected)
    {
        Assert.Equal(expected, IssuePrinter.EscapeData(text));
    }

    [Theory]
    [InlineData("exports,2026:11/sites.csv", "exports%2C2026%3A11/sites.csv")] // property values end at ',' and '::'
    [InlineData("100%/x.csv", "100%25/x.csv")] // and are escaped like messages otherwise
    public void EscapeProperty_WorkflowCommandProperty_EscapesColonAndCommaToo(string text, string expected)
    {
        Assert.Equal(expected, IssuePrinter.EscapeProperty(text));
    }

    [Fact]
    public void GitHub_FileLevelIssue_HasNoLineOrColumn()
    {
        var issue = new ValidationIssue("trial.json", null, "engagement.minContacts", "invalid-setting", Severity.Error, "minContacts must be a whole number.");

        var line = IssuePrinter.GitHub(issue, "exports/t1", zipInput: false);

        Assert.Equal("::error file=exports/t1/trial.json,title=invalid-setting::engagement.minContacts: minContacts must be a whole number.", line);
    }

    [Fact]
    public void Plain_FileLevelIssue_PrintsTheFileAlone()
    {
        var issue = new ValidationIssue("trial.json", null, null, "invalid-json", Severity.Error, "trial.json is not valid JSON.");

        Assert.Equal("trial.json: error invalid-json: trial.json is not valid JSON.", IssuePrinter.Plain(issue));
    }

    [Fact]
    public void Validate_PlantedFaults_SummaryTableFits80Columns()
    {
        // A long zip name with a row of its own (for its skipped __MACOSX entry) makes the widest file column.
        var zip = Zip(Planted(), "peer-support-trial-export-for-the-november-2026-funder-report.zip", withMetadata: true);
        var (console, text) = CliTestSupport.Console(width: 80);

        ValidateCommand.Run(zip, console, new IssueOutput(Quiet: true));

        var lines = text.ToString().Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        foreach (var file in new[] { "trial.json", "sites.csv", "participants.csv", "contacts.csv", "fidelity.csv", "codings.csv" })
        {
            Assert.Contains(lines, l => Regex.IsMatch(l, $@"^\s*{Regex.Escape(file)}\s"));
        }

        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s*participants\.csv\s+590\s+2\s+0\s+no\s*$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s*contacts\.csv\s+1,700\s+2\s+0\s+no\s*$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s*sites\.csv\s+7\s+0\s+0\s+yes\s*$"));
        Assert.Contains(lines, l => l.Contains("peer-support-trial", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Quiet_PrintsOnlyTheSummary()
    {
        var (console, text) = CliTestSupport.Console(width: 80);

        ValidateCommand.Run(Planted().FullName, console, new IssueOutput(Quiet: true));

        var output = text.ToString();
        Assert.DoesNotContain(output.Split('\n'), l => PlainIssue().IsMatch(l));
        Assert.Contains("accepted", output, StringComparison.Ordinal);
        Assert.Contains("5 errors, 0 warnings: not accepted", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MaxIssues_CapsEachRuleAndSaysHowManyMore()
    {
        var dir = CliTestSupport.CopySample(_temp);
        foreach (var line in new[] { 10, 11, 12, 13 })
        {
            CliTestSupport.Plant(dir, "participants.csv", line, 1, "ZQ99");
        }

        var (console, text) = CliTestSupport.Console();

        ValidateCommand.Run(dir.FullName, console, new IssueOutput(MaxIssuesPerCode: 1));

        var lines = text.ToString().Split('\n');
        Assert.Single(lines, l => l.StartsWith("participants.csv(", StringComparison.Ordinal) && l.Contains("unknown-site", StringComparison.Ordinal));
        Assert.Contains("participants.csv: error unknown-site: 3 more issues of this kind are not shown (--max-issues 1).", lines);
    }

    [Fact]
    public void Validate_FormatJson_PrintsTheSameReportAsTheJsonOption()
    {
        var dir = Planted();
        var json = new FileInfo(Path.Combine(_temp.FullName, "report.json"));
        var (console, text) = CliTestSupport.Console();

        ValidateCommand.Run(dir.FullName, CliTestSupport.Console().Console, json: json);
        ValidateCommand.Run(dir.FullName, console, new IssueOutput(IssueFormat.Json));

        Assert.Equal(File.ReadAllText(json.FullName).TrimEnd(), text.ToString().TrimEnd());
        Assert.StartsWith("{", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZipOfTheSample_PrintsTheSameAsItsFolder()
    {
        var dir = Planted();
        var zip = Zip(dir, "export.zip");
        var (folderConsole, folderText) = CliTestSupport.Console();
        var (zipConsole, zipText) = CliTestSupport.Console();

        var folderExit = ValidateCommand.Run(dir.FullName, folderConsole);
        var zipExit = ValidateCommand.Run(zip, zipConsole);

        Assert.Equal((1, 1), (folderExit, zipExit));
        Assert.Equal(folderText.ToString(), zipText.ToString());
    }

    [Fact]
    public void Validate_TraversalZip_GivesTheZipCodesAndExitsOne()
    {
        var path = Path.Combine(_temp.FullName, "evil.zip");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(Path.Combine(CliTestSupport.Sample, "trial.json"), "trial.json");
            archive.CreateEntryFromFile(Path.Combine(CliTestSupport.Sample, "sites.csv"), "../../sites.csv");
        }

        var (exit, stdout, stderr) = CliTestSupport.Run("validate", path);

        Assert.Equal(1, exit);
        Assert.Equal("", stderr);
        Assert.Contains("evil.zip!../../sites.csv: error zip.path-traversal: ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_RefusedExport_PrintsTheSameIssueLinesAsValidate()
    {
        var dir = Planted();
        var (validateConsole, validateText) = CliTestSupport.Console();
        var (metricsConsole, metricsText) = CliTestSupport.Console();

        ValidateCommand.Run(dir.FullName, validateConsole);
        var exit = MetricsCommand.Run(dir.FullName, null, metricsConsole);

        Assert.Equal(1, exit);
        Assert.StartsWith(validateText.ToString(), metricsText.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{dir.FullName}: Not analysed: ", metricsText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Analyse_RefusedExportWithGitHubFormat_Annotates()
    {
        var dir = Planted();
        var (console, text) = CliTestSupport.Console();

        var exit = AnalyseCommand.Run(dir.FullName, _temp.CreateSubdirectory("out"), console, new IssueOutput(IssueFormat.GitHub));

        Assert.Equal(1, exit);
        Assert.Contains($"::error file={dir.FullName}/participants.csv,line=10,col=2,title=unknown-site::", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Funder_RefusedExport_PrintsTheIssues()
    {
        var dir = Planted();
        var (console, text) = CliTestSupport.Console();

        var exit = FunderCommand.Run([dir.FullName], "nihr-pgfar", "2026-11", new FileInfo(Path.Combine(_temp.FullName, "f.pdf")), null, console);

        Assert.Equal(1, exit);
        Assert.Contains("participants.csv(10,2): error unknown-site: site_id: ", text.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, null, true)] // a terminal: colour
    [InlineData(true, "1", false)] // NO_COLOR set: none, whatever its value
    [InlineData(false, null, false)] // redirected to a file or a CI log: none
    public void Console_ColourOnlyOnATerminalWithoutNoColor(bool isTerminal, string? noColor, bool expectColour)
    {
        var text = new StringWriter();
        var console = CliHost.Console(text, isTerminal, noColor);

        ValidateCommand.Run(Planted().FullName, console);

        Assert.Equal(expectColour, text.ToString().Contains('\u001b', StringComparison.Ordinal));
    }

    private string Zip(DirectoryInfo dir, string name, bool withMetadata = false)
    {
        var path = Path.Combine(_temp.FullName, name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        if (withMetadata)
        {
            archive.CreateEntry("__MACOSX/._trial.json");
        }

        foreach (var file in dir.EnumerateFiles().Where(f => ExportFiles.Recognise(f.Name) is not null).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            archive.CreateEntryFromFile(file.FullName, file.Name);
        }

        return path;
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
