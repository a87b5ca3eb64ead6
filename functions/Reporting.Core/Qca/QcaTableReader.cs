using System.Globalization;
using Reporting.Core.Export;
using Reporting.Core.Validation;

namespace Reporting.Core.Qca;

/// <summary>
/// Reads a case × condition CSV for QCA (docs/qca.md): first column the case name, every other column numeric.
/// Applies the calibrations, then checks that the outcome is a membership (0–1) and each condition a membership or a
/// multi-value category (0, 1, 2, …). Never throws on bad data: issues carry file, line, column and code, and never
/// a cell value.
/// </summary>
public static class QcaTableReader
{
    /// <summary>The table (null when there are errors), the issues found and the data rows read.</summary>
    public sealed record Result(QcaTable? Table, IReadOnlyList<ValidationIssue> Issues, int Rows = 0)
    {
        /// <summary>Whether any issue is an error.</summary>
        public bool HasErrors => Issues.Any(i => i.Severity == Severity.Error);
    }

    /// <summary>
    /// Reads <paramref name="content"/>. <paramref name="calibrations"/> maps column names to their calibration.
    /// With <paramref name="outcome"/> given (optionally <c>~X</c>), the outcome and the conditions (every other
    /// column when <paramref name="conditions"/> is empty) must exist and hold memberships.
    /// </summary>
    public static Result Read(
        string file,
        Stream content,
        IReadOnlyDictionary<string, CalibrationSpec> calibrations,
        string? outcome = null,
        IReadOnlyList<string>? conditions = null,
        ExportLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(calibrations);
        var issues = new List<ValidationIssue>();
        using var reader = new CsvRowReader(file, content, limits ?? ExportLimits.Default, [], issues, headerDefinesColumns: true);
        if (!reader.ReadHeader())
        {
            return new Result(null, issues, reader.Rows);
        }

        var names = reader.HeaderNames;
        if (names.Count < 2)
        {
            issues.Add(new ValidationIssue(file, 1, null, IssueCodes.MissingColumn, Severity.Error,
                "A QCA table needs a first column with the case names and at least one numeric column. Add the condition and outcome columns."));
            return new Result(null, issues, reader.Rows);
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Length == 0)
            {
                issues.Add(new ValidationIssue(file, 1, Position(i), IssueCodes.Required, Severity.Error, "Every column needs a name in the header row. Name this column."));
            }
        }

        var cases = new List<string>();
        var lines = new List<int>();
        var values = names.Skip(1).Select(_ => new List<double>()).ToList();
        var seenCases = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Next())
        {
            var name = reader.GetField(0);
            if (name is null)
            {
                issues.Add(new ValidationIssue(file, reader.Line, names[0], IssueCodes.Required, Severity.Error, "Every row needs a case name in the first column. Fill it in.") { ColumnNumber = 1 });
            }
            else if (!seenCases.Add(name))
            {
                issues.Add(new ValidationIssue(file, reader.Line, names[0], IssueCodes.DuplicateId, Severity.Error, "This case name appears on an earlier row; each case needs its own name.") { ColumnNumber = 1 });
            }

            for (var c = 1; c < names.Count; c++)
            {
                var text = reader.GetField(c);
                double v = double.NaN;
                if (text is null)
                {
                    issues.Add(new ValidationIssue(file, reader.Line, names[c], IssueCodes.Required, Severity.Error, "A QCA table has no missing values. Fill in this value or leave the case out.") { ColumnNumber = c + 1 });
                }
                else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out v) || !double.IsFinite(v))
                {
                    issues.Add(new ValidationIssue(file, reader.Line, names[c], IssueCodes.InvalidNumber, Severity.Error, "This value is not a number. Write numbers with '.' as the decimal point.") { ColumnNumber = c + 1 });
                    v = double.NaN;
                }

                values[c - 1].Add(v);
            }

            cases.Add(name ?? "");
            lines.Add(reader.Line);
        }

        if (issues.Any(i => i.Severity == Severity.Error))
        {
            return new Result(null, issues, reader.Rows);
        }

        if (cases.Count == 0)
        {
            issues.Add(new ValidationIssue(file, null, null, IssueCodes.EmptyFile, Severity.Error, "The table has a header but no cases. Add one row per case."));
            return new Result(null, issues, reader.Rows);
        }

        var table = new QcaTable(cases, [.. names.Skip(1).Select((n, i) => new QcaColumn(n, values[i]))]);
        foreach (var (column, spec) in calibrations)
        {
            var target = table.Column(column);
            if (target is null)
            {
                issues.Add(new ValidationIssue(file, 1, column, IssueCodes.MissingColumn, Severity.Error, "A calibration names this column, which the header does not have. Check the spelling."));
                continue;
            }

            if (Calibration.Problem(target.Values, spec) is { } problem)
            {
                issues.Add(new ValidationIssue(file, null, target.Name, IssueCodes.InvalidCalibration, Severity.Error, problem));
                continue;
            }

            table = table.With(target.Name, Calibration.Apply(target.Values, spec));
        }

        if (outcome is not null)
        {
            CheckMemberships(file, table, lines, outcome, conditions ?? [], issues);
        }

        return new Result(issues.Any(i => i.Severity == Severity.Error) ? null : table, issues, reader.Rows);
    }

    private static void CheckMemberships(string file, QcaTable table, List<int> lines, string outcome, IReadOnlyList<string> conditions, List<ValidationIssue> issues)
    {
        var outcomeName = outcome.TrimStart('~').Trim();
        var y = table.Column(outcomeName);
        if (y is null)
        {
            issues.Add(new ValidationIssue(file, 1, outcomeName, IssueCodes.MissingColumn, Severity.Error, "The outcome column is missing from the header. Check --outcome against the header."));
        }
        else
        {
            CheckColumn(y, allowCategories: false);
        }

        IEnumerable<string> names = conditions.Count > 0
            ? conditions
            : table.Columns.Select(c => c.Name).Where(n => !string.Equals(n, outcomeName, StringComparison.OrdinalIgnoreCase));
        foreach (var name in names)
        {
            var column = table.Column(name);
            if (column is null)
            {
                issues.Add(new ValidationIssue(file, 1, name, IssueCodes.MissingColumn, Severity.Error, "This condition column is missing from the header. Check --conditions against the header."));
                continue;
            }

            CheckColumn(column, allowCategories: true);
        }

        void CheckColumn(QcaColumn column, bool allowCategories)
        {
            // One issue per column, at its first offending row: the fix (calibrate the column) is the same for all.
            var categories = allowCategories && column.IsCategories;
            var bad = Enumerable.Range(0, column.Values.Count).Where(k => !categories && column.Values[k] is < 0 or > 1).ToList();
            if (bad.Count == 0)
            {
                return;
            }

            var more = bad.Count > 1 ? $" ({(bad.Count - 1).ToString(CultureInfo.InvariantCulture)} more rows of this column too)" : "";
            issues.Add(new ValidationIssue(file, lines[bad[0]], column.Name, IssueCodes.MembershipOutOfRange, Severity.Error,
                allowCategories
                    ? $"This value is outside 0–1 and the column is not multi-value categories (0, 1, 2, … up to 9){more}. Calibrate the column (--calibrate) or give memberships."
                    : $"The outcome must be a set membership between 0 and 1; this value is not{more}. Calibrate the column (--calibrate) or give memberships.")
            {
                // The case names are the header's first column; the table's columns follow in header order.
                ColumnNumber = table.Columns.ToList().FindIndex(c => string.Equals(c.Name, column.Name, StringComparison.Ordinal)) is var at and >= 0 ? at + 2 : null,
            });
        }
    }

    private static string Position(int index) => "#" + (index + 1).ToString(CultureInfo.InvariantCulture);
}
