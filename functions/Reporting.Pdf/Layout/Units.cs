using PdfSharp.Drawing;

namespace Reporting.Pdf.Layout;

/// <summary>
/// An unbreakable horizontal slice of a block: a line of text, a table row, a whole figure.
/// <see cref="GapBefore"/> separates it from the previous slice of the same block and is dropped at the top of a page.
/// </summary>
internal abstract record Unit(double Height)
{
    public double GapBefore { get; init; }
}

/// <summary>A line of text at an x offset from the content's left edge, with an optional list marker.</summary>
internal sealed record LineUnit(TextLine Line, double Indent, XColor Color) : Unit(Line.Height)
{
    public string? Marker { get; init; }

    public double MarkerIndent { get; init; }
}

/// <summary>A cell as laid out: its x offset and width, its wrapped lines and alignment, and how many columns it spans.</summary>
internal sealed record CellLayout(double X, double Width, IReadOnlyList<TextLine> Lines, ColumnAlignment Alignment, int ColumnSpan = 1);

internal enum RowKind
{
    Header,
    Body,
}

/// <summary>
/// A table row (or, for a row taller than a page, one piece of it).
/// <see cref="BodyIndex"/> counts body rows from 0 for zebra shading.
/// </summary>
internal sealed record RowUnit(RowKind Kind, IReadOnlyList<CellLayout> Cells, double Height, RowEmphasis Emphasis, int BodyIndex)
    : Unit(Height)
{
    /// <summary>True for a piece of a row that started on an earlier page.</summary>
    public bool Continued { get; init; }

    /// <summary>True when the row's text continues in the next piece.</summary>
    public bool ContinuesBelow { get; init; }
}

/// <summary>A whole figure: the chart's size and the caption lines under it.</summary>
internal sealed record FigureUnit(Chart Chart, double ChartWidth, double ChartHeight, IReadOnlyList<TextLine> Caption, double Height)
    : Unit(Height);

/// <summary>A row of a key-value panel; <see cref="Link"/> when the value links somewhere.</summary>
internal sealed record KeyValueUnit(IReadOnlyList<TextLine> Key, IReadOnlyList<TextLine> Value, double ValueX, double Height)
    : Unit(Height)
{
    public Uri? Link { get; init; }
}

/// <summary>
/// A block measured for the content width: its slices, the slices repeated at the top of each page it
/// continues on (a table's header rows), spacing and the rules that decide where it may break.
/// </summary>
internal sealed record MeasuredBlock(Block Source, IReadOnlyList<Unit> Units)
{
    public IReadOnlyList<Unit> RepeatedHeader { get; init; } = [];

    public double SpaceBefore { get; init; }

    public double SpaceAfter { get; init; }

    /// <summary>Fewest slices left at the foot of a page when the block starts there (orphan control).</summary>
    public int Orphans { get; init; } = 1;

    /// <summary>Fewest slices carried to the top of the next page (widow control).</summary>
    public int Widows { get; init; } = 1;

    /// <summary>Keep on the same page as the start of the next block (headings).</summary>
    public bool KeepWithNext { get; init; }

    public bool IsPageBreak { get; init; }

    public double HeaderHeight => RepeatedHeader.Sum(u => u.Height);

    /// <summary>Height of the smallest start that may stand at the foot of a page.</summary>
    public double MinimumStartHeight
    {
        get
        {
            // A block too short to leave both Orphans and Widows slices on either side of a break cannot split.
            var take = Units.Count < Orphans + Widows ? Units.Count : Orphans;
            var height = HeaderHeight;
            for (var i = 0; i < take; i++)
            {
                height += (i == 0 ? 0 : Units[i].GapBefore) + Units[i].Height;
            }

            return height;
        }
    }
}
