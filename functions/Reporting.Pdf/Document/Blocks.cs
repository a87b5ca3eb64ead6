namespace Reporting.Pdf;

/// <summary>A unit of report content. Every block carries its semantic role.</summary>
public abstract record Block
{
    private protected Block()
    {
    }

    /// <summary>The block's structure role for tagged output.</summary>
    public abstract StructureRole Role { get; }
}

/// <summary>A heading, level 1 (largest) to 3. It stays on the page of the first lines of what follows.</summary>
public sealed record Heading : Block
{
    public Heading(int level, string text)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 3);
        ArgumentNullException.ThrowIfNull(text);
        Level = level;
        Text = text;
    }

    public int Level { get; }

    public string Text { get; }

    public override StructureRole Role => Level switch
    {
        1 => StructureRole.H1,
        2 => StructureRole.H2,
        _ => StructureRole.H3,
    };
}

/// <summary>A paragraph of runs; it wraps by measured width and flows onto the next page.</summary>
public sealed record Paragraph(IReadOnlyList<TextRun> Runs) : Block
{
    public Paragraph(string text)
        : this([new TextRun(text)])
    {
    }

    public override StructureRole Role => StructureRole.P;
}

/// <summary>A bulleted list; each item is a paragraph.</summary>
public sealed record BulletList(IReadOnlyList<Paragraph> Items) : Block
{
    public override StructureRole Role => StructureRole.L;
}

/// <summary>
/// An aside set off from the body text (smaller type, tinted background), e.g. a small-numbers caution.
/// </summary>
public sealed record Note(IReadOnlyList<TextRun> Runs) : Block
{
    public Note(string text)
        : this([new TextRun(text)])
    {
    }

    public override StructureRole Role => StructureRole.Note;
}

/// <summary>Horizontal alignment of a table column's cells.</summary>
public enum ColumnAlignment
{
    Left,
    Center,
    Right,
}

/// <summary>A table column: its relative width (any positive number; widths are shared in proportion) and alignment.</summary>
public sealed record TableColumn(double RelativeWidth, ColumnAlignment Alignment = ColumnAlignment.Left)
{
    public double RelativeWidth { get; } = RelativeWidth > 0
        ? RelativeWidth
        : throw new ArgumentOutOfRangeException(nameof(RelativeWidth), "A column's relative width must be positive.");
}

/// <summary>A table cell; a string converts to a one-column cell.</summary>
public sealed record TableCell(string Text, int ColumnSpan = 1)
{
    public int ColumnSpan { get; } = ColumnSpan >= 1
        ? ColumnSpan
        : throw new ArgumentOutOfRangeException(nameof(ColumnSpan), "A cell spans at least one column.");

    public static implicit operator TableCell(string text) => new(text);
}

/// <summary>How a body row stands out: bold text (e.g. a pooled total) or a tinted background (e.g. a flagged site).</summary>
public enum RowEmphasis
{
    None,
    Bold,
    Highlight,
}

/// <summary>A table row: cells whose spans add up to the table's column count.</summary>
public sealed record TableRow(IReadOnlyList<TableCell> Cells, RowEmphasis Emphasis = RowEmphasis.None);

/// <summary>
/// A table. It splits between rows across pages and repeats its header rows on each page; a row never
/// splits unless it is taller than a whole page, when its cell lines continue on the next page.
/// </summary>
public sealed record Table(
    IReadOnlyList<TableColumn> Columns,
    IReadOnlyList<TableRow> HeaderRows,
    IReadOnlyList<TableRow> Rows) : Block
{
    /// <summary>Alternate row shading for long tables.</summary>
    public bool Zebra { get; init; } = true;

    /// <summary>
    /// The first cell of each body row names the row (a site id, a file name): tagged as a row header (TH, row scope)
    /// rather than a data cell.
    /// </summary>
    public bool RowHeaders { get; init; }

    /// <summary>
    /// Keep the table on one page when it fits on one: a short table whose rows read together (a group's statistics,
    /// a truth table) moves whole to the next page rather than leave a row or two behind. A table taller than a
    /// page breaks between rows as any other.
    /// </summary>
    public bool KeepTogether { get; init; }

    public override StructureRole Role => StructureRole.Table;
}

/// <summary>One key and its value in a <see cref="KeyValuePanel"/>.</summary>
public sealed record KeyValue(string Key, string Value)
{
    /// <summary>When set, the value is a link to this address (a link annotation over its text).</summary>
    public Uri? Link { get; init; }
}

/// <summary>A tinted panel of labelled values (e.g. a site's headline figures).</summary>
public sealed record KeyValuePanel(IReadOnlyList<KeyValue> Items) : Block
{
    /// <summary>Share of the panel width given to the keys (0.1 to 0.9).</summary>
    public double KeyWidthFraction { get; init; } = 0.38;

    // A two-column table of keys (TH, row scope) and values (TD) is the tagged equivalent.
    public override StructureRole Role => StructureRole.Table;
}

/// <summary>
/// A chart with its caption and alternate text. A figure never splits; a chart taller than a page is scaled to fit.
/// </summary>
/// <param name="Chart">The chart, drawn into the rectangle the paginator gives it.</param>
/// <param name="Caption">Shown under the chart, e.g. "Figure 1. Engagement against fidelity by site".</param>
/// <param name="AltText">What the chart shows, for readers who cannot see it (tagged output).</param>
public sealed record Figure(Chart Chart, string Caption, string AltText) : Block
{
    /// <summary>Chart height in points; when null the chart's preferred height for the text width.</summary>
    public double? Height { get; init; }

    public override StructureRole Role => StructureRole.Figure;
}

/// <summary>Starts a new page (nothing happens at the top of an empty page).</summary>
public sealed record PageBreak : Block
{
    public override StructureRole Role => StructureRole.Artifact;
}

/// <summary>Vertical space in points; dropped at the top of a page.</summary>
public sealed record Spacer(double Height) : Block
{
    public override StructureRole Role => StructureRole.Artifact;
}
