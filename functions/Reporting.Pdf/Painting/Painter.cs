using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Annotations;
using PdfSharp.UniversalAccessibility;
using Reporting.Pdf.Layout;

namespace Reporting.Pdf.Painting;

/// <summary>
/// Draws placed fragments onto pages, then the running header (document title) and the footer ("Page X of Y"),
/// which need the final page count. While drawing it builds the tagged structure (PDF/UA): each block becomes its
/// structure element in reading order (docs/reports.md, "Accessibility"), and everything that is only layout
/// (fills, rules, running header and footer, a table header repeated on a later page) is marked as an artifact.
/// </summary>
/// <remarks>
/// Pages are painted in order and a block's fragments follow one another, so a structure element opened by a block's
/// first fragment stays open across a page break until its last fragment: a paragraph, list or table that continues
/// on the next page is one element with content on both pages.
/// </remarks>
internal sealed class Painter(StructureBuilder structure, ReportDocument document, int pageCount)
{
    private const string ScopeKey = "/Scope";

    private bool _listItemOpen;
    private TableSection _tableSection;

    private enum TableSection
    {
        None,
        Head,
        Body,
    }

    public void PaintPage(XGraphics gfx, PageLayout layout)
    {
        foreach (var fragment in layout.Fragments)
        {
            PaintFragment(gfx, fragment);
        }

        Artifact(() =>
        {
            PaintRunningHeader(gfx);
            PaintFooter(gfx, layout.Number);
        });
    }

    private void PaintFragment(XGraphics gfx, PlacedFragment fragment)
    {
        switch (fragment.Block.Source)
        {
            case Heading heading:
                Element(fragment, heading.Level switch
                {
                    1 => PdfBlockLevelElementTag.Heading1,
                    2 => PdfBlockLevelElementTag.Heading2,
                    _ => PdfBlockLevelElementTag.Heading3,
                }, () => PaintLines(gfx, fragment));
                break;
            case Paragraph:
                Element(fragment, PdfBlockLevelElementTag.Paragraph, () => PaintLines(gfx, fragment));
                break;
            case Note:
                // An aside is read as a paragraph: the standard Note type is for footnotes and needs an ID.
                Artifact(() => PaintNoteBox(gfx, fragment));
                Element(fragment, PdfBlockLevelElementTag.Paragraph, () => PaintLines(gfx, fragment));
                break;
            case BulletList:
                PaintList(gfx, fragment);
                break;
            case Table table:
                PaintTable(gfx, fragment, table);
                break;
            case KeyValuePanel:
                Artifact(() => PaintBox(gfx, fragment, Typography.PanelFill, Typography.PanelPadding));
                PaintPanel(gfx, fragment);
                break;
            case Figure figure:
                foreach (var placed in fragment.Units)
                {
                    PaintFigure(gfx, figure, (FigureUnit)placed.Unit, placed.Y);
                }

                break;
        }
    }

    /// <summary>Opens the element on the block's first fragment and closes it on its last.</summary>
    private void Element(PlacedFragment fragment, PdfBlockLevelElementTag tag, Action paint)
    {
        if (fragment.IsFirst)
        {
            structure.BeginElement(tag);
        }

        paint();
        if (fragment.IsLast)
        {
            structure.End();
        }
    }

    private void Artifact(Action paint)
    {
        structure.BeginArtifact();
        paint();
        structure.End();
    }

    private static void PaintLines(XGraphics gfx, PlacedFragment fragment)
    {
        foreach (var placed in fragment.Units)
        {
            PaintLine(gfx, (LineUnit)placed.Unit, placed.Y);
        }
    }

    /// <summary>A list (L) of items (LI), each its bullet (Lbl) and its text (LBody); an item may continue on the next page.</summary>
    private void PaintList(XGraphics gfx, PlacedFragment fragment)
    {
        if (fragment.IsFirst)
        {
            structure.BeginElement(PdfBlockLevelElementTag.List);
        }

        foreach (var placed in fragment.Units)
        {
            var line = (LineUnit)placed.Unit;
            var baseline = placed.Y + line.Line.Baseline;
            if (line.Marker is { } marker && line.Line.Segments.Count > 0)
            {
                CloseListItem();
                structure.BeginElement(PdfBlockLevelElementTag.ListItem);
                structure.BeginElement(PdfBlockLevelElementTag.Label);
                gfx.DrawString(marker, line.Line.Segments[0].Font, new XSolidBrush(line.Color), Typography.ContentLeft + line.MarkerIndent, baseline);
                structure.End();
                structure.BeginElement(PdfBlockLevelElementTag.ListBody);
                _listItemOpen = true;
            }

            DrawSegments(gfx, line.Line, new XSolidBrush(line.Color), Typography.ContentLeft + line.Indent, baseline);
        }

        if (fragment.IsLast)
        {
            CloseListItem();
            structure.End();
        }
    }

    private void CloseListItem()
    {
        if (_listItemOpen)
        {
            structure.End();
            structure.End();
            _listItemOpen = false;
        }
    }

    /// <summary>
    /// A table: header rows in THead, body rows in TBody, header cells TH with a column scope, a body row's first cell
    /// TH with a row scope when the table has row headers. A header row drawn again at the top of a later page is an artifact.
    /// </summary>
    private void PaintTable(XGraphics gfx, PlacedFragment fragment, Table table)
    {
        if (fragment.IsFirst)
        {
            structure.BeginElement(PdfBlockLevelElementTag.Table);
            _tableSection = TableSection.None;
        }

        foreach (var placed in fragment.Units)
        {
            var row = (RowUnit)placed.Unit;
            if (placed.IsRepeatedHeader)
            {
                Artifact(() =>
                {
                    PaintRowFill(gfx, row, placed.Y, fragment);
                    PaintRowText(gfx, row, placed.Y);
                    PaintRowRules(gfx, row, placed.Y, fragment);
                });
                continue;
            }

            EnterTableSection(row.Kind == RowKind.Header ? TableSection.Head : TableSection.Body);
            structure.BeginElement(PdfBlockLevelElementTag.TableRow);
            Artifact(() => PaintRowFill(gfx, row, placed.Y, fragment));
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var cell = row.Cells[i];
                var isHeader = row.Kind == RowKind.Header || (i == 0 && table.RowHeaders);
                structure.BeginElement(isHeader ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell);
                if (isHeader)
                {
                    structure.CurrentStructureElement.TableAttributes.Elements.SetName(ScopeKey, row.Kind == RowKind.Header ? "/Column" : "/Row");
                }

                if (cell.ColumnSpan > 1)
                {
                    structure.SetColSpan(cell.ColumnSpan);
                }

                PaintCell(gfx, row, cell, placed.Y);
                structure.End();
            }

            Artifact(() => PaintRowRules(gfx, row, placed.Y, fragment));
            structure.End();
        }

        if (fragment.Units.Count > 0)
        {
            // A firmer rule closes the table at its end and at each page break.
            Artifact(() => gfx.DrawLine(new XPen(Typography.StrongRule, 0.8), Typography.ContentLeft, fragment.Bottom,
                Typography.ContentLeft + Typography.ContentWidth, fragment.Bottom));
        }

        if (fragment.IsLast)
        {
            EnterTableSection(TableSection.None);
            structure.End();
        }
    }

    private void EnterTableSection(TableSection section)
    {
        if (_tableSection == section)
        {
            return;
        }

        if (_tableSection != TableSection.None)
        {
            structure.End();
        }

        if (section != TableSection.None)
        {
            structure.BeginElement(section == TableSection.Head ? PdfBlockLevelElementTag.TableHeadRowGroup : PdfBlockLevelElementTag.TableBodyRowGroup);
        }

        _tableSection = section;
    }

    /// <summary>A key–value panel is a two-column table: each key a row header (TH, row scope), each value a TD.</summary>
    private void PaintPanel(XGraphics gfx, PlacedFragment fragment)
    {
        if (fragment.IsFirst)
        {
            structure.BeginElement(PdfBlockLevelElementTag.Table);
        }

        foreach (var placed in fragment.Units)
        {
            var unit = (KeyValueUnit)placed.Unit;
            structure.BeginElement(PdfBlockLevelElementTag.TableRow);
            structure.BeginElement(PdfBlockLevelElementTag.TableHeaderCell);
            structure.CurrentStructureElement.TableAttributes.Elements.SetName(ScopeKey, "/Row");
            var y = placed.Y;
            foreach (var line in unit.Key)
            {
                DrawSegments(gfx, line, new XSolidBrush(Typography.Muted), Typography.ContentLeft + Typography.PanelPadding, y + line.Baseline);
                y += line.Height;
            }

            structure.End();
            structure.BeginElement(PdfBlockLevelElementTag.TableDataCell);
            if (unit.Link is { } uri)
            {
                structure.BeginElement(LinkAnnotation(unit, placed.Y, uri), unit.Value.Count == 0 ? uri.AbsoluteUri : string.Concat(unit.Value.Select(l => l.Text)));
            }

            y = placed.Y;
            foreach (var line in unit.Value)
            {
                DrawSegments(gfx, line, new XSolidBrush(unit.Link is null ? Typography.Ink : Typography.Accent), Typography.ContentLeft + unit.ValueX, y + line.Baseline);
                y += line.Height;
            }

            if (unit.Link is not null)
            {
                structure.End();
            }

            structure.End();
            structure.End();
        }

        if (fragment.IsLast)
        {
            structure.End();
        }
    }

    /// <summary>A link annotation over the value's lines (one rectangle, one quadrilateral per line), in PDF coordinates.</summary>
    private static PdfLinkAnnotation LinkAnnotation(KeyValueUnit unit, double top, Uri uri)
    {
        var left = Typography.ContentLeft + unit.ValueX;
        var quads = new List<double>();
        var y = top;
        var right = left;
        foreach (var line in unit.Value)
        {
            var x2 = left + line.Width;
            var yTop = Typography.PageHeight - y;
            var yBottom = Typography.PageHeight - (y + line.Height);
            // QuadPoints run counter-clockwise from the bottom left: (x1 y1) (x2 y1) (x2 y2) (x1 y2).
            quads.AddRange([left, yBottom, x2, yBottom, x2, yTop, left, yTop]);
            right = Math.Max(right, x2);
            y += line.Height;
        }

        var rect = new PdfRectangle(new XPoint(left, Typography.PageHeight - y), new XPoint(right, Typography.PageHeight - top));
        var link = PdfLinkAnnotation.CreateWebLink(rect, uri.AbsoluteUri);
        link.Flags = PdfAnnotationFlags.Print;
        var quadPoints = new PdfArray();
        foreach (var q in quads)
        {
            quadPoints.Elements.Add(new PdfReal(Math.Round(q, 3)));
        }

        link.Elements["/QuadPoints"] = quadPoints;

        // PDFsharp stamps every annotation with the wall clock (/M) and a random name (/NM); both are optional and
        // would make the file differ on every run.
        link.Elements.Remove("/M");
        link.Elements.Remove("/NM");
        return link;
    }

    /// <summary>
    /// A figure (Figure, with its alternate text and bounding box in PDF coordinates) and its caption (Caption), a
    /// sibling so that the alternate text replaces the chart but not the caption.
    /// </summary>
    private void PaintFigure(XGraphics gfx, Figure source, FigureUnit figure, double top)
    {
        var rect = new XRect(Typography.ContentLeft, top, figure.ChartWidth, figure.ChartHeight);
        var box = new XRect(rect.Left, Typography.PageHeight - rect.Bottom, rect.Width, rect.Height);
        structure.BeginElement(PdfIllustrationElementTag.Figure, source.AltText, box);
        var state = gfx.Save();
        figure.Chart.Draw(gfx, rect);
        // Closed inside the saved state, so that the marked content nests within q … Q.
        structure.End();
        gfx.Restore(state);

        structure.BeginBlockLevelElement("Caption");
        var y = top + figure.ChartHeight + Typography.FigureCaptionGap;
        var brush = new XSolidBrush(Typography.Muted);
        foreach (var line in figure.Caption)
        {
            DrawSegments(gfx, line, brush, Typography.ContentLeft, y + line.Baseline);
            y += line.Height;
        }

        structure.End();
    }

    private static void PaintNoteBox(XGraphics gfx, PlacedFragment fragment)
    {
        PaintBox(gfx, fragment, Typography.NoteFill, Typography.NotePadding);
        gfx.DrawRectangle(new XSolidBrush(Typography.NoteBar), Typography.ContentLeft, fragment.Top - Typography.NotePadding,
            Typography.NoteBarWidth, fragment.Bottom - fragment.Top + (2 * Typography.NotePadding));
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
        DrawSegments(gfx, unit.Line, brush, Typography.ContentLeft + unit.Indent, top + unit.Line.Baseline);
    }

    private static void DrawSegments(XGraphics gfx, TextLine line, XBrush brush, double x, double baseline)
    {
        for (var i = 0; i < line.Segments.Count; i++)
        {
            var segment = line.Segments[i];
            var text = line.EndsAtSpace && i == line.Segments.Count - 1 ? segment.Text + " " : segment.Text;
            gfx.DrawString(text, segment.Font, brush, x + segment.X, baseline);
        }
    }

    private static void PaintRowFill(XGraphics gfx, RowUnit row, double top, PlacedFragment fragment)
    {
        XColor? fill = row.Kind == RowKind.Header ? Typography.HeaderFill
            : row.Emphasis == RowEmphasis.Highlight ? Typography.HighlightFill
            : fragment.Block.Source is Table { Zebra: true } && row.BodyIndex % 2 == 1 ? Typography.ZebraFill
            : null;
        if (fill is { } color)
        {
            gfx.DrawRectangle(new XSolidBrush(color), Typography.ContentLeft, top, Typography.ContentWidth, row.Height);
        }
    }

    private static void PaintRowText(XGraphics gfx, RowUnit row, double top)
    {
        foreach (var cell in row.Cells)
        {
            PaintCell(gfx, row, cell, top);
        }
    }

    private static void PaintCell(XGraphics gfx, RowUnit row, CellLayout cell, double top)
    {
        var brush = new XSolidBrush(row.Kind == RowKind.Header ? Typography.HeadingInk : Typography.Ink);
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
            DrawSegments(gfx, line, brush, Typography.ContentLeft + cell.X + Typography.CellPaddingX + offset, y + line.Baseline);
            y += line.Height;
        }
    }

    private static void PaintRowRules(XGraphics gfx, RowUnit row, double top, PlacedFragment fragment)
    {
        var left = Typography.ContentLeft;
        var width = Typography.ContentWidth;
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

    private void PaintRunningHeader(XGraphics gfx)
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

    private void PaintFooter(XGraphics gfx, int page)
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
