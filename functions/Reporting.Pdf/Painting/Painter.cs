using System.Globalization;
using PdfSharp.Drawing;
using Reporting.Pdf.Layout;

namespace Reporting.Pdf.Painting;

/// <summary>
/// Draws placed fragments onto a page, then the running header (document title) and the footer
/// ("Page X of Y"), which need the final page count.
/// </summary>
internal static class Painter
{
    public static void PaintPage(XGraphics gfx, PageLayout page, int pageCount, ReportDocument document)
    {
        foreach (var fragment in page.Fragments)
        {
            PaintFragment(gfx, fragment);
        }

        PaintRunningHeader(gfx, document);
        PaintFooter(gfx, page.Number, pageCount, document);
    }

    private static void PaintFragment(XGraphics gfx, PlacedFragment fragment)
    {
        switch (fragment.Block.Source)
        {
            case Note:
                PaintBox(gfx, fragment, Typography.NoteFill, Typography.NotePadding);
                gfx.DrawRectangle(new XSolidBrush(Typography.NoteBar), Typography.ContentLeft, fragment.Top - Typography.NotePadding,
                    Typography.NoteBarWidth, fragment.Bottom - fragment.Top + (2 * Typography.NotePadding));
                break;
            case KeyValuePanel:
                PaintBox(gfx, fragment, Typography.PanelFill, Typography.PanelPadding);
                break;
        }

        foreach (var placed in fragment.Units)
        {
            switch (placed.Unit)
            {
                case LineUnit line:
                    PaintLine(gfx, line, placed.Y);
                    break;
                case RowUnit row:
                    PaintRow(gfx, row, placed.Y, fragment);
                    break;
                case FigureUnit figure:
                    PaintFigure(gfx, figure, placed.Y);
                    break;
                case KeyValueUnit kv:
                    PaintKeyValue(gfx, kv, placed.Y);
                    break;
            }
        }

        if (fragment.Block.Source is Table && fragment.Units.Count > 0)
        {
            // A firmer rule closes the table at its end and at each page break.
            var bottom = fragment.Bottom;
            gfx.DrawLine(new XPen(Typography.StrongRule, 0.8), Typography.ContentLeft, bottom,
                Typography.ContentLeft + Typography.ContentWidth, bottom);
        }
    }

    private static void PaintBox(XGraphics gfx, PlacedFragment fragment, XColor fill, double padding)
    {
        var rect = new XRect(Typography.ContentLeft, fragment.Top - padding, Typography.ContentWidth,
            fragment.Bottom - fragment.Top + (2 * padding));
        gfx.DrawRectangle(new XSolidBrush(fill), rect);
    }

    private static void PaintLine(XGraphics gfx, LineUnit unit, double top)
    {
        var brush = new XSolidBrush(unit.Color);
        var x = Typography.ContentLeft + unit.Indent;
        var baseline = top + unit.Line.Baseline;
        if (unit.Marker is { } marker && unit.Line.Segments.Count > 0)
        {
            gfx.DrawString(marker, unit.Line.Segments[0].Font, brush, Typography.ContentLeft + unit.MarkerIndent, baseline);
        }

        DrawSegments(gfx, unit.Line, brush, x, baseline);
    }

    private static void DrawSegments(XGraphics gfx, TextLine line, XBrush brush, double x, double baseline)
    {
        foreach (var segment in line.Segments)
        {
            gfx.DrawString(segment.Text, segment.Font, brush, x + segment.X, baseline);
        }
    }

    private static void PaintRow(XGraphics gfx, RowUnit row, double top, PlacedFragment fragment)
    {
        var left = Typography.ContentLeft;
        var width = Typography.ContentWidth;
        XColor? fill = row.Kind == RowKind.Header ? Typography.HeaderFill
            : row.Emphasis == RowEmphasis.Highlight ? Typography.HighlightFill
            : fragment.Block.Source is Table { Zebra: true } && row.BodyIndex % 2 == 1 ? Typography.ZebraFill
            : null;
        if (fill is { } color)
        {
            gfx.DrawRectangle(new XSolidBrush(color), left, top, width, row.Height);
        }

        var brush = new XSolidBrush(row.Kind == RowKind.Header ? Typography.HeadingInk : Typography.Ink);
        foreach (var cell in row.Cells)
        {
            var y = top + Typography.CellPaddingY;
            var inner = cell.Width - (2 * Typography.CellPaddingX);
            foreach (var line in cell.Lines)
            {
                var offset = cell.Alignment switch
                {
                    ColumnAlignment.Right => inner - line.Width,
                    ColumnAlignment.Center => (inner - line.Width) / 2,
                    _ => 0,
                };
                DrawSegments(gfx, line, brush, left + cell.X + Typography.CellPaddingX + offset, y + line.Baseline);
                y += line.Height;
            }
        }

        var isHeader = row.Kind == RowKind.Header;
        var rule = isHeader ? new XPen(Typography.StrongRule, 0.6) : new XPen(Typography.Rule, row.ContinuesBelow ? 0 : 0.4);
        if (isHeader && fragment.Units.Count > 0 && ReferenceEquals(fragment.Units[0].Unit, row))
        {
            gfx.DrawLine(new XPen(Typography.StrongRule, 0.8), left, top, left + width, top);
        }

        if (!row.ContinuesBelow)
        {
            gfx.DrawLine(rule, left, top + row.Height, left + width, top + row.Height);
        }
    }

    private static void PaintFigure(XGraphics gfx, FigureUnit figure, double top)
    {
        var rect = new XRect(Typography.ContentLeft, top, figure.ChartWidth, figure.ChartHeight);
        var state = gfx.Save();
        figure.Chart.Draw(gfx, rect);
        gfx.Restore(state);

        var y = top + figure.ChartHeight + Typography.FigureCaptionGap;
        var brush = new XSolidBrush(Typography.Muted);
        foreach (var line in figure.Caption)
        {
            DrawSegments(gfx, line, brush, Typography.ContentLeft, y + line.Baseline);
            y += line.Height;
        }
    }

    private static void PaintKeyValue(XGraphics gfx, KeyValueUnit unit, double top)
    {
        var keyBrush = new XSolidBrush(Typography.Muted);
        var valueBrush = new XSolidBrush(Typography.Ink);
        var y = top;
        foreach (var line in unit.Key)
        {
            DrawSegments(gfx, line, keyBrush, Typography.ContentLeft + Typography.PanelPadding, y + line.Baseline);
            y += line.Height;
        }

        y = top;
        foreach (var line in unit.Value)
        {
            DrawSegments(gfx, line, valueBrush, Typography.ContentLeft + unit.ValueX, y + line.Baseline);
            y += line.Height;
        }
    }

    private static void PaintRunningHeader(XGraphics gfx, ReportDocument document)
    {
        var font = Typography.Font(Typography.RunningSize);
        var brush = new XSolidBrush(Typography.Muted);
        var right = Typography.ContentLeft + Typography.ContentWidth;
        var note = document.HeaderNote ?? string.Empty;
        var noteWidth = note.Length == 0 ? 0 : gfx.MeasureString(note, font).Width;
        var title = Truncate(gfx, document.Title, font, Typography.ContentWidth - noteWidth - 24);
        gfx.DrawString(title, font, brush, Typography.ContentLeft, Typography.HeaderBaseline);
        if (note.Length > 0)
        {
            gfx.DrawString(note, font, brush, right - noteWidth, Typography.HeaderBaseline);
        }

        gfx.DrawLine(new XPen(Typography.Rule, 0.5), Typography.ContentLeft, Typography.HeaderRuleY, right, Typography.HeaderRuleY);
    }

    private static void PaintFooter(XGraphics gfx, int page, int pageCount, ReportDocument document)
    {
        var font = Typography.Font(Typography.RunningSize);
        var brush = new XSolidBrush(Typography.Muted);
        var right = Typography.ContentLeft + Typography.ContentWidth;
        gfx.DrawLine(new XPen(Typography.Rule, 0.5), Typography.ContentLeft, Typography.FooterRuleY, right, Typography.FooterRuleY);
        var text = string.Create(CultureInfo.InvariantCulture, $"Page {page} of {pageCount}");
        var width = gfx.MeasureString(text, font).Width;
        gfx.DrawString(text, font, brush, right - width, Typography.FooterBaseline);
        if (document.FooterNote is { Length: > 0 } note)
        {
            gfx.DrawString(Truncate(gfx, note, font, Typography.ContentWidth - width - 24), font, brush, Typography.ContentLeft, Typography.FooterBaseline);
        }
    }

    private static string Truncate(XGraphics gfx, string text, XFont font, double width)
    {
        if (gfx.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var n = text.Length;
        while (n > 1 && gfx.MeasureString(text[..n] + "\u2026", font).Width > width)
        {
            n--;
        }

        return text[..n] + "\u2026";
    }
}
