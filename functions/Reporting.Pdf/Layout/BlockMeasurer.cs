using PdfSharp.Drawing;

namespace Reporting.Pdf.Layout;

/// <summary>Turns each block into slices measured with the real fonts for the content width.</summary>
internal sealed class BlockMeasurer(TextMeasurer measurer)
{
    private const double Width = Typography.ContentWidth;

    public MeasuredBlock Measure(Block block) => block switch
    {
        Heading h => MeasureHeading(h),
        Paragraph p => MeasureParagraph(p),
        BulletList l => MeasureList(l),
        Note n => MeasureNote(n),
        Table t => MeasureTable(t),
        KeyValuePanel k => MeasurePanel(k),
        Figure f => MeasureFigure(f),
        PageBreak => new MeasuredBlock(block, []) { IsPageBreak = true },
        Spacer s => new MeasuredBlock(block, []) { SpaceBefore = Math.Max(0, s.Height) },
        _ => throw new ArgumentException($"Unknown block type {block.GetType().Name}.", nameof(block)),
    };

    private MeasuredBlock MeasureHeading(Heading heading)
    {
        var size = Typography.HeadingSize(heading.Level);
        var lines = TextLayout.Wrap(measurer, [new TextRun(heading.Text)], size, Width, TextStyle.Bold, 1.2);
        var units = lines.Select(l => (Unit)new LineUnit(l, 0, Typography.HeadingInk)).ToList();
        return new MeasuredBlock(heading, units)
        {
            SpaceBefore = Typography.HeadingSpaceBefore(heading.Level),
            SpaceAfter = Typography.HeadingSpaceAfter(heading.Level),
            Orphans = units.Count,
            Widows = units.Count,
            KeepWithNext = true,
        };
    }

    private MeasuredBlock MeasureParagraph(Paragraph paragraph)
    {
        var lines = TextLayout.Wrap(measurer, paragraph.Runs, Typography.BodySize, Width);
        return new MeasuredBlock(paragraph, lines.Select(l => (Unit)new LineUnit(l, 0, Typography.Ink)).ToList())
        {
            SpaceBefore = Typography.BlockSpaceBefore,
            SpaceAfter = Typography.BlockSpaceAfter,
            Orphans = 2,
            Widows = 2,
        };
    }

    private MeasuredBlock MeasureList(BulletList list)
    {
        var units = new List<Unit>();
        foreach (var item in list.Items)
        {
            var lines = TextLayout.Wrap(measurer, item.Runs, Typography.BodySize, Width - Typography.BulletIndent);
            for (var i = 0; i < lines.Count; i++)
            {
                units.Add(new LineUnit(lines[i], Typography.BulletIndent, Typography.Ink)
                {
                    Marker = i == 0 ? "\u2022" : null,
                    MarkerIndent = 4,
                    GapBefore = i == 0 && units.Count > 0 ? Typography.BulletItemSpacing : 0,
                });
            }
        }

        return new MeasuredBlock(list, units)
        {
            SpaceBefore = Typography.BlockSpaceBefore,
            SpaceAfter = Typography.BlockSpaceAfter,
            Orphans = 2,
            Widows = 2,
        };
    }

    private MeasuredBlock MeasureNote(Note note)
    {
        var inset = Typography.NoteBarWidth + Typography.NotePadding + 2;
        var lines = TextLayout.Wrap(measurer, note.Runs, Typography.NoteSize, Width - inset - Typography.NotePadding);
        return new MeasuredBlock(note, lines.Select(l => (Unit)new LineUnit(l, inset, Typography.Ink)).ToList())
        {
            // The tinted box is drawn NotePadding beyond the lines, inside this spacing.
            SpaceBefore = Typography.NotePadding + 5,
            SpaceAfter = Typography.NotePadding + 7,
            Orphans = 2,
            Widows = 2,
        };
    }

    private MeasuredBlock MeasurePanel(KeyValuePanel panel)
    {
        var pad = Typography.PanelPadding;
        var inner = Width - (2 * pad);
        var keyWidth = inner * Math.Clamp(panel.KeyWidthFraction, 0.1, 0.9);
        var valueX = pad + keyWidth + 8;
        var valueWidth = Width - pad - valueX;
        var lineHeight = Typography.LineHeight(Typography.BodySize);
        var units = new List<Unit>();
        foreach (var item in panel.Items)
        {
            var key = TextLayout.Wrap(measurer, [new TextRun(item.Key)], Typography.BodySize, keyWidth);
            var value = TextLayout.Wrap(measurer, [TextRun.Bold(item.Value)], Typography.BodySize, valueWidth);
            var height = Math.Max(key.Count, value.Count) * lineHeight;
            units.Add(new KeyValueUnit(key, value, valueX, height) { GapBefore = units.Count > 0 ? Typography.PanelRowSpacing : 0, Link = item.Link });
        }

        return new MeasuredBlock(panel, units)
        {
            SpaceBefore = pad + 5,
            SpaceAfter = pad + 8,
            Orphans = 2,
            Widows = 2,
        };
    }

    private MeasuredBlock MeasureFigure(Figure figure)
    {
        var caption = TextLayout.Wrap(measurer, [TextRun.Italic(figure.Caption)], Typography.CaptionSize, Width, lineSpacing: 1.25);
        var captionHeight = caption.Sum(l => l.Height);
        var chartHeight = figure.Height ?? figure.Chart.PreferredHeight(Width);
        var room = Typography.BodyHeight - Typography.FigureCaptionGap - captionHeight;
        chartHeight = Math.Max(40, Math.Min(chartHeight, room));
        var height = chartHeight + Typography.FigureCaptionGap + captionHeight;
        return new MeasuredBlock(figure, [new FigureUnit(figure.Chart, Width, chartHeight, caption, height)])
        {
            SpaceBefore = Typography.FigureSpaceBefore,
            SpaceAfter = Typography.FigureSpaceAfter,
        };
    }

    private MeasuredBlock MeasureTable(Table table)
    {
        if (table.Columns.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(table));
        }

        var total = table.Columns.Sum(c => c.RelativeWidth);
        var widths = table.Columns.Select(c => Width * c.RelativeWidth / total).ToArray();
        var offsets = new double[widths.Length];
        for (var i = 1; i < widths.Length; i++)
        {
            offsets[i] = offsets[i - 1] + widths[i - 1];
        }

        var header = table.HeaderRows.Select(r => MeasureRow(table, r, RowKind.Header, -1, widths, offsets)).ToList();
        var headerHeight = header.Sum(r => r.Height);

        // A row taller than what a page holds under the header is cut into pieces of whole lines.
        var maxRow = Typography.BodyHeight - headerHeight - 1;
        var body = new List<Unit>();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = MeasureRow(table, table.Rows[i], RowKind.Body, i, widths, offsets);
            body.AddRange(row.Height <= maxRow ? [row] : SplitRow(row, maxRow));
        }

        if (body.Count == 0)
        {
            // No rows: the header alone is the table (and must not be mistaken for an empty block).
            return new MeasuredBlock(table, header)
            {
                SpaceBefore = Typography.TableSpaceBefore,
                SpaceAfter = Typography.TableSpaceAfter,
                Orphans = header.Count,
            };
        }

        // Kept together: no break may leave fewer than all its rows on either side, so it cannot split.
        var together = table.KeepTogether && headerHeight + body.Sum(u => u.Height) <= Typography.BodyHeight ? body.Count : 1;
        return new MeasuredBlock(table, body)
        {
            RepeatedHeader = header,
            SpaceBefore = Typography.TableSpaceBefore,
            SpaceAfter = Typography.TableSpaceAfter,
            Orphans = together,
            Widows = together,
        };
    }

    private RowUnit MeasureRow(Table table, TableRow row, RowKind kind, int bodyIndex, double[] widths, double[] offsets)
    {
        var span = row.Cells.Sum(c => c.ColumnSpan);
        if (span != table.Columns.Count)
        {
            throw new ArgumentException(
                $"A table row's cells span {span} columns; the table has {table.Columns.Count}.", nameof(table));
        }

        var style = kind == RowKind.Header || row.Emphasis == RowEmphasis.Bold ? TextStyle.Bold : TextStyle.Regular;
        var cells = new List<CellLayout>();
        var column = 0;
        var height = 0.0;
        foreach (var cell in row.Cells)
        {
            var x = offsets[column];
            var w = Enumerable.Range(column, cell.ColumnSpan).Sum(c => widths[c]);
            var alignment = kind == RowKind.Header && cell.ColumnSpan > 1 ? ColumnAlignment.Center : table.Columns[column].Alignment;
            var lines = TextLayout.Wrap(
                measurer, [new TextRun(cell.Text)], Typography.TableSize, w - (2 * Typography.CellPaddingX), style,
                Typography.TableLineSpacing);
            cells.Add(new CellLayout(x, w, lines, alignment, cell.ColumnSpan));
            height = Math.Max(height, lines.Sum(l => l.Height));
            column += cell.ColumnSpan;
        }

        return new RowUnit(kind, cells, height + (2 * Typography.CellPaddingY), row.Emphasis, bodyIndex);
    }

    private static IEnumerable<RowUnit> SplitRow(RowUnit row, double maxHeight)
    {
        var lineHeight = row.Cells.SelectMany(c => c.Lines).Select(l => l.Height).DefaultIfEmpty(1).Max();
        var perPiece = Math.Max(1, (int)Math.Floor((maxHeight - (2 * Typography.CellPaddingY)) / lineHeight));
        var count = row.Cells.Max(c => c.Lines.Count);
        for (var start = 0; start < count; start += perPiece)
        {
            var cells = row.Cells
                .Select(c => c with { Lines = c.Lines.Skip(start).Take(perPiece).ToList() })
                .ToList();
            var height = cells.Max(c => c.Lines.Sum(l => l.Height)) + (2 * Typography.CellPaddingY);
            yield return row with
            {
                Cells = cells,
                Height = height,
                Continued = start > 0,
                ContinuesBelow = start + perPiece < count,
            };
        }
    }
}
