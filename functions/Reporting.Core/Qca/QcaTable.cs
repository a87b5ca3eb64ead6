namespace Reporting.Core.Qca;

/// <summary>
/// A case × set table for QCA: one row per case, one numeric column per condition or outcome. Values are set
/// memberships (0–1; crisp 0/1; multi-value 0, 1, 2, …), or raw values still to be calibrated.
/// </summary>
public sealed record QcaTable
{
    /// <summary>Builds a table; every column must have one value per case.</summary>
    public QcaTable(IReadOnlyList<string> cases, IReadOnlyList<QcaColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Any(c => c.Values.Count != cases.Count))
        {
            throw new ArgumentException("Every column needs one value per case.", nameof(columns));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (columns.Any(c => !names.Add(c.Name)))
        {
            throw new ArgumentException("Column names must be unique (case-insensitively).", nameof(columns));
        }

        Cases = cases;
        Columns = columns;
    }

    /// <summary>The case names, in the table's order.</summary>
    public IReadOnlyList<string> Cases { get; }

    /// <summary>The columns, in the table's order.</summary>
    public IReadOnlyList<QcaColumn> Columns { get; }

    /// <summary>The column named <paramref name="name"/> (case-insensitively), or null.</summary>
    public QcaColumn? Column(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>This table with <paramref name="column"/> replaced by <paramref name="values"/>.</summary>
    public QcaTable With(string column, IReadOnlyList<double> values) =>
        new(Cases, [.. Columns.Select(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase) ? c with { Values = values } : c)]);
}

/// <summary>One column of a <see cref="QcaTable"/>.</summary>
public sealed record QcaColumn(string Name, IReadOnlyList<double> Values)
{
    /// <summary>Whether every value is 0 or 1 (a crisp set).</summary>
    public bool IsCrispBinary => Values.All(v => v is 0 or 1);

    /// <summary>The highest multi-value category accepted: whole numbers above it are raw values (a count, an amount)
    /// that need calibrating, not categories.</summary>
    public const int MaxCategory = 9;

    /// <summary>Whether every value is a multi-value category: a whole number from 0 to <see cref="MaxCategory"/>.</summary>
    public bool IsCategories => Values.All(v => v >= 0 && v <= MaxCategory && v == Math.Floor(v));

    /// <summary>Whether every value is a set membership between 0 and 1.</summary>
    public bool IsMembership => Values.All(v => v is >= 0 and <= 1);
}
