using System.Globalization;

namespace Reporting.Core.Validation;

/// <summary>How bad an issue is: an error makes the file unusable; a warning does not.</summary>
public enum Severity
{
    /// <summary>Reported; the file stays usable.</summary>
    Warning,

    /// <summary>The file is unusable: it is archived and reported, and the previous accepted version stays in use.</summary>
    Error,
}

/// <summary>
/// One finding about an export file. <see cref="Line"/> is the 1-based physical line where the record starts
/// (the header is line 1); <see cref="Column"/> is the column name as the contract spells it. The message states
/// the rule and what to do, and never contains a cell value: exports hold participant data.
/// </summary>
public sealed record ValidationIssue(
    string File,
    int? Line,
    string? Column,
    string Code,
    Severity Severity,
    string Message)
{
    /// <summary>The 1-based position of <see cref="Column"/> in the file's header row, when the column is in the
    /// header (a missing column, a whole row or a trial.json setting has none).</summary>
    public int? ColumnNumber { get; init; }

    /// <summary>Formats the issue as <c>file:line:column: severity code: message</c>.</summary>
    public override string ToString()
    {
        var where = File;
        if (Line is { } line)
        {
            where += ":" + line.ToString(CultureInfo.InvariantCulture);
        }

        if (Column is not null)
        {
            where += ":" + Column;
        }

        var severity = Severity == Severity.Error ? "error" : "warning";
        return $"{where}: {severity} {Code}: {Message}";
    }
}
