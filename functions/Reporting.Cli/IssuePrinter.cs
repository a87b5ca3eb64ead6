using System.CommandLine;
using System.Globalization;
using Reporting.Core;
using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Core.Validation;
using Spectre.Console;

namespace Reporting.Cli;

/// <summary>How validation issues are printed.</summary>
internal enum IssueFormat
{
    /// <summary>One issue a line as compilers print them (<c>contacts.csv(12,3): error code: message</c>), then a summary table.</summary>
    Plain,

    /// <summary>GitHub Actions workflow commands (<c>::error file=…,line=…,col=…,title=code::message</c>), then the summary table.</summary>
    GitHub,

    /// <summary>The validation report as JSON, the same document as <c>validate --json FILE</c>.</summary>
    Json,
}

/// <summary>What to print: the format, only the summary, and at most how many issues of one code in one file.</summary>
internal sealed record IssueOutput(IssueFormat Format = IssueFormat.Plain, bool Quiet = false, int? MaxIssuesPerCode = null)
{
    public static IssueOutput Default { get; } = new();
}

/// <summary>The <c>--format</c>, <c>--quiet</c> and <c>--max-issues</c> options, the same on every command that validates an export.</summary>
internal sealed class IssueOptions
{
    private readonly Option<string> _format;
    private readonly Option<bool> _quiet;
    private readonly Option<int?> _maxIssues;

    private IssueOptions(Option<string> format, Option<bool> quiet, Option<int?> maxIssues)
    {
        _format = format;
        _quiet = quiet;
        _maxIssues = maxIssues;
    }

    /// <summary>Adds the options to <paramref name="command"/>; <c>--format json</c> only where the command's output is the validation itself.</summary>
    public static IssueOptions AddTo(Command command, bool allowJson)
    {
        ArgumentNullException.ThrowIfNull(command);
        string[] formats = allowJson ? ["plain", "github", "json"] : ["plain", "github"];
        var format = new Option<string>("--format")
        {
            Description = allowJson
                ? "How to print the issues: plain (one a line, as compilers do), github (GitHub Actions annotations) or json (the validation report)."
                : "How to print the issues when the export is refused: plain (one a line, as compilers do) or github (GitHub Actions annotations).",
            DefaultValueFactory = _ => "plain",
        };
        format.AcceptOnlyFromAmong(formats);
        var quiet = new Option<bool>("--quiet") { Description = "Print only the per-file summary, not each issue." };
        var maxIssues = new Option<int?>("--max-issues") { HelpName = "N", Description = "Print at most N issues of each rule in each file, then how many more there are." };
        maxIssues.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--max-issues must be 1 or more.");
            }
        });
        command.Options.Add(format);
        command.Options.Add(quiet);
        command.Options.Add(maxIssues);
        return new IssueOptions(format, quiet, maxIssues);
    }

    public IssueOutput Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var format = parse.GetValue(_format) switch
        {
            "github" => IssueFormat.GitHub,
            "json" => IssueFormat.Json,
            _ => IssueFormat.Plain,
        };
        return new IssueOutput(format, parse.GetValue(_quiet), parse.GetValue(_maxIssues));
    }
}

/// <summary>
/// Prints an export's validation for people and for CI, the same way for every command that reads an export
/// (validate, and metrics, analyse, funder and any other when they refuse an export): each issue on one line
/// with file, line, column, severity and rule code, grouped by file, then a per-file summary table sized to
/// the console. Messages never hold a cell value (Core's rule), so neither does anything printed here.
/// </summary>
internal sealed class IssuePrinter(IAnsiConsole console, IssueOutput output)
{
    private const string Red = "31";
    private const string Yellow = "33";
    private const string Green = "32";

    private readonly bool _colour = console.Profile.Capabilities.Ansi && console.Profile.Capabilities.ColorSystem != ColorSystem.NoColors;

    /// <summary>Prints <paramref name="result"/>'s validation of the export read from <paramref name="inputPath"/> (as given on the command line).</summary>
    public void Print(PipelineResult result, string inputPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(inputPath);
        var writer = console.Profile.Out.Writer;
        if (output.Format == IssueFormat.Json)
        {
            writer.WriteLine(ReportJson(result));
            return;
        }

        if (!output.Quiet)
        {
            var groups = Groups(result);
            for (var g = 0; g < groups.Count; g++)
            {
                // A blank line between files for people; annotations are read by machines.
                if (g > 0 && output.Format == IssueFormat.Plain)
                {
                    writer.WriteLine();
                }

                foreach (var line in Lines(groups[g].File, groups[g].Issues, inputPath))
                {
                    writer.WriteLine(line);
                }
            }
        }

        console.Write(Summary(result));
        var errors = result.AllIssues.Count(i => i.Severity == Severity.Error);
        var warnings = result.AllIssues.Count(i => i.Severity == Severity.Warning);
        var verdict = result.HasErrors ? "not accepted: fix the errors and validate again." : "accepted.";
        var totals = $"{Count(errors, "error")}, {Count(warnings, "warning")}: {verdict}";
        writer.WriteLine(_colour ? Paint(totals, result.HasErrors ? Red : Green) : totals);
    }

    /// <summary>Prints why a command did not analyse the export, naming the input.</summary>
    public void Refused(string inputPath, string reason)
    {
        var line = $"{Path.GetFullPath(inputPath)}: {reason}";
        console.Profile.Out.Writer.WriteLine(_colour ? Paint(line, Red) : line);
    }

    /// <summary>The validation report written by <c>--format json</c> and <c>--json FILE</c>: whether the export is valid, each file's report, and the issues of the export as a whole.</summary>
    public static string ReportJson(PipelineResult result) => RunModelJson.SerializeValue(ExportValidationReport.From(result));

    /// <summary>An issue as compilers print one: <c>file(line,column): severity code: column-name: message</c>,
    /// with <c>(line)</c> or nothing when the issue has no column number or no line.</summary>
    public static string Plain(ValidationIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return $"{Location(issue)}: {SeverityName(issue.Severity)} {issue.Code}: {Text(issue)}";
    }

    /// <summary>An issue as a GitHub Actions workflow command. <paramref name="inputPath"/> is the folder or zip as
    /// given on the command line: a folder's files are annotated at <c>folder/file</c>; everything in a zip at the
    /// zip, with the entry and its position in the message.</summary>
    public static string GitHub(ValidationIssue issue, string inputPath, bool zipInput)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var properties = new List<string>();
        string message;
        if (zipInput)
        {
            properties.Add("file=" + EscapeProperty(RepoPath(inputPath)));
            // The zip's own issues name it (export.zip) or it and an entry (export.zip!x.csv); the files' issues name the file.
            var separator = issue.File.IndexOf(ExportZip.EntrySeparator, StringComparison.Ordinal);
            var inZip = separator >= 0 ? issue with { File = issue.File[(separator + 1)..] } : issue;
            message = separator < 0 && IsZipName(issue.File) ? Text(issue) : $"{Location(inZip)}: {Text(issue)}";
        }
        else
        {
            properties.Add("file=" + EscapeProperty(RepoPath(Path.Join(inputPath, issue.File))));
            if (issue.Line is { } line)
            {
                properties.Add("line=" + line.ToString(CultureInfo.InvariantCulture));
                if (issue.ColumnNumber is { } column)
                {
                    properties.Add("col=" + column.ToString(CultureInfo.InvariantCulture));
                }
            }

            message = Text(issue);
        }

        properties.Add("title=" + EscapeProperty(issue.Code));
        return $"::{SeverityName(issue.Severity)} {string.Join(',', properties)}::{EscapeData(message)}";
    }

    /// <summary>Escapes a workflow command's message: <c>%</c>, CR and LF.</summary>
    public static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Escapes a workflow command's property value: as the message, and <c>:</c> and <c>,</c> too.</summary>
    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private IEnumerable<string> Lines(string file, IReadOnlyList<ValidationIssue> issues, string inputPath)
    {
        var zipInput = inputPath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && !Directory.Exists(inputPath);
        var shown = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var issue in issues)
        {
            shown.TryGetValue(issue.Code, out var n);
            shown[issue.Code] = n + 1;
            if (output.MaxIssuesPerCode is { } max && n >= max)
            {
                continue;
            }

            yield return output.Format == IssueFormat.GitHub ? GitHub(issue, inputPath, zipInput) : Paint(issue);
        }

        if (output.MaxIssuesPerCode is not { } limit)
        {
            yield break;
        }

        foreach (var (code, n) in shown.Where(s => s.Value > limit))
        {
            var first = issues.First(i => i.Code == code);
            var more = new ValidationIssue(file, null, null, code, first.Severity, string.Create(CultureInfo.InvariantCulture,
                $"{n - limit} more issues of this kind are not shown (--max-issues {limit})."));
            yield return output.Format == IssueFormat.GitHub ? GitHub(more, inputPath, zipInput) : Paint(more);
        }
    }

    private string Paint(ValidationIssue issue)
    {
        if (!_colour)
        {
            return Plain(issue);
        }

        var severity = Paint(SeverityName(issue.Severity), issue.Severity == Severity.Error ? Red : Yellow);
        return $"{Location(issue)}: {severity} {issue.Code}: {Text(issue)}";
    }

    private Table Summary(PipelineResult result)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("file")
            .AddColumn(new TableColumn("rows").RightAligned())
            .AddColumn(new TableColumn("errors").RightAligned())
            .AddColumn(new TableColumn("warnings").RightAligned())
            .AddColumn("accepted");
        foreach (var f in result.Files)
        {
            var rows = f.Kind == DatasetKind.Trial ? "–" : f.Rows.ToString("N0", CultureInfo.InvariantCulture);
            table.AddRow(Markup.Escape(f.FileName), rows, Number(f.Errors, "red"), Number(f.Warnings, "yellow"),
                f.HasErrors ? Mark("no", "red") : Mark("yes", "green"));
        }

        // Issues of the export as a whole: missing datasets, files outside the contract, the zip and its entries.
        var read = result.Files.Select(f => f.FileName).ToHashSet(StringComparer.Ordinal);
        foreach (var group in result.BundleIssues.GroupBy(i => SummaryName(i.File)).Where(g => !read.Contains(g.Key)))
        {
            var errors = group.Count(i => i.Severity == Severity.Error);
            var warnings = group.Count() - errors;
            var status = group.All(i => i.Code == IssueCodes.DatasetMissing) ? Mark("missing", errors > 0 ? "red" : "yellow")
                : errors > 0 ? Mark("no", "red") : Mark("yes", "green");
            table.AddRow(Markup.Escape(group.Key), "–", Number(errors, "red"), Number(warnings, "yellow"), status);
        }

        return table;
    }

    /// <summary>The summary row an issue counts in: a zip entry's issues count in the zip's row.</summary>
    private static string SummaryName(string file)
    {
        var separator = file.IndexOf(ExportZip.EntrySeparator, StringComparison.Ordinal);
        return separator > 0 && IsZipName(file[..separator]) ? file[..separator] : file;
    }

    private static bool IsZipName(string file) => file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>Issues grouped by file: each read file in order, then the export's own issues by the file they name.</summary>
    private static List<(string File, IReadOnlyList<ValidationIssue> Issues)> Groups(PipelineResult result)
    {
        var groups = result.Files.Where(f => f.Issues.Count > 0).Select(f => (f.FileName, f.Issues)).ToList();
        groups.AddRange(result.BundleIssues.GroupBy(i => i.File).Select(g => (g.Key, (IReadOnlyList<ValidationIssue>)g.ToList())));
        return groups;
    }

    private static string Location(ValidationIssue issue) => issue switch
    {
        { Line: { } line, ColumnNumber: { } column } => string.Create(CultureInfo.InvariantCulture, $"{issue.File}({line},{column})"),
        { Line: { } line } => string.Create(CultureInfo.InvariantCulture, $"{issue.File}({line})"),
        _ => issue.File,
    };

    /// <summary>The message, after the column (or setting) it is about.</summary>
    private static string Text(ValidationIssue issue) => issue.Column is { } column ? $"{column}: {issue.Message}" : issue.Message;

    private static string SeverityName(Severity severity) => severity == Severity.Error ? "error" : "warning";

    /// <summary>A path as GitHub expects it: relative to the repository, with forward slashes.</summary>
    private static string RepoPath(string path)
    {
        var p = path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        return p;
    }

    private static string Paint(string text, string colour) => $"\u001b[{colour}m{text}\u001b[0m";

    private static string Number(int n, string colour) =>
        n == 0 ? "0" : $"[{colour}]{n.ToString("N0", CultureInfo.InvariantCulture)}[/]";

    private static string Mark(string text, string colour) => $"[{colour}]{text}[/]";

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");
}
