using System.Globalization;
using PdfSharp.Drawing;

namespace Reporting.Pdf.Charts;

internal enum MarkerShape
{
    HollowCircle,
    Circle,
    Diamond,
    Square,
}

/// <summary>A legend entry: a marker or a line sample, and its text.</summary>
internal sealed record LegendEntry(string Text, MarkerShape? Marker, XColor Color, XPen? Line = null);

/// <summary>Drawing helpers shared by the charts: number formats, axes, markers, legends.</summary>
internal static class ChartKit
{
    public static XFont TickFont => Typography.Font(Typography.ChartTickSize);

    public static XFont TitleFont => Typography.Font(Typography.ChartAxisTitleSize);

    public static XFont LabelFont => Typography.Font(Typography.ChartLabelSize);

    public static XFont LegendFont => Typography.Font(Typography.ChartLegendSize);

    public static XBrush TextBrush => new XSolidBrush(Typography.ChartText);

    public static string Format(double value, ChartAxis axis) => Format(value, axis.Format, axis.Decimals);

    public static string Format(double value, AxisFormat format, int decimals)
    {
        var f = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        var shown = Math.Round(format == AxisFormat.Percent ? value * 100 : value, decimals, MidpointRounding.AwayFromZero);
        if (shown == 0)
        {
            // Negative zero (e.g. a tick at -0.0 or -0.001 rounded) would print as "-0".
            shown = 0;
        }

        var text = shown.ToString(f, CultureInfo.InvariantCulture);
        return format == AxisFormat.Percent ? text + "%" : text;
    }

    public static IReadOnlyList<double> Ticks(ChartAxis axis)
    {
        var ticks = new List<double>();
        var first = Math.Ceiling((axis.Min / axis.TickStep) - 1e-9);
        for (var k = first; (k * axis.TickStep) <= axis.Max + (axis.TickStep * 1e-9); k++)
        {
            ticks.Add(k * axis.TickStep);
        }

        return ticks;
    }

    public static XPen Pen(XColor color, double width, XDashStyle dash = XDashStyle.Solid)
    {
        var pen = new XPen(color, width) { DashStyle = dash };
        if (dash == XDashStyle.Dash)
        {
            pen.DashPattern = [4, 3];
        }

        return pen;
    }

    /// <summary>Maps data values into a plot rectangle (y grows upwards in data, downwards on the page).</summary>
    public sealed record Scale(XRect Plot, ChartAxis X, ChartAxis Y)
    {
        public double Px(double x) => Plot.Left + ((x - X.Min) / (X.Max - X.Min) * Plot.Width);

        public double Py(double y) => Plot.Bottom - ((y - Y.Min) / (Y.Max - Y.Min) * Plot.Height);

        public XPoint Map(double x, double y) => new(Px(x), Py(y));
    }

    /// <summary>Left margin a y axis needs for its tick labels and rotated title.</summary>
    public static double YAxisWidth(XGraphics gfx, ChartAxis axis) =>
        Ticks(axis).Select(t => gfx.MeasureString(Format(t, axis), TickFont).Width).DefaultIfEmpty(0).Max()
        + 5 + Typography.ChartAxisTitleSize + 8;

    /// <summary>Height under the plot that an x axis needs for its tick labels and title.</summary>
    public static double XAxisHeight => Typography.ChartTickSize + 5 + Typography.ChartAxisTitleSize + 8;

    public static void DrawGridAndFrame(XGraphics gfx, Scale scale, bool verticalGrid = true, bool horizontalGrid = true)
    {
        var grid = Pen(Typography.ChartGrid, 0.6);
        if (verticalGrid)
        {
            foreach (var t in Ticks(scale.X))
            {
                gfx.DrawLine(grid, scale.Px(t), scale.Plot.Top, scale.Px(t), scale.Plot.Bottom);
            }
        }

        if (horizontalGrid)
        {
            foreach (var t in Ticks(scale.Y))
            {
                gfx.DrawLine(grid, scale.Plot.Left, scale.Py(t), scale.Plot.Right, scale.Py(t));
            }
        }

        gfx.DrawRectangle(Pen(Typography.ChartFrame, 0.7), scale.Plot);
    }

    public static void DrawXAxis(XGraphics gfx, Scale scale)
    {
        var tick = Pen(Typography.ChartFrame, 0.7);
        var brush = TextBrush;
        var plot = scale.Plot;
        foreach (var t in Ticks(scale.X))
        {
            var x = scale.Px(t);
            gfx.DrawLine(tick, x, plot.Bottom, x, plot.Bottom + 3);
            var text = Format(t, scale.X);
            var w = gfx.MeasureString(text, TickFont).Width;
            gfx.DrawString(text, TickFont, brush, x - (w / 2), plot.Bottom + 4 + Typography.ChartTickSize);
        }

        var title = scale.X.Title;
        var tw = gfx.MeasureString(title, TitleFont).Width;
        gfx.DrawString(title, TitleFont, brush, plot.Left + ((plot.Width - tw) / 2),
            plot.Bottom + 4 + Typography.ChartTickSize + 4 + Typography.ChartAxisTitleSize);
    }

    public static void DrawYAxis(XGraphics gfx, Scale scale, double areaLeft)
    {
        var tick = Pen(Typography.ChartFrame, 0.7);
        var brush = TextBrush;
        var plot = scale.Plot;
        foreach (var t in Ticks(scale.Y))
        {
            var y = scale.Py(t);
            gfx.DrawLine(tick, plot.Left - 3, y, plot.Left, y);
            var text = Format(t, scale.Y);
            var w = gfx.MeasureString(text, TickFont).Width;
            gfx.DrawString(text, TickFont, brush, plot.Left - 5 - w, y + (Typography.ChartTickSize * 0.35));
        }

        var title = scale.Y.Title;
        var tw = gfx.MeasureString(title, TitleFont).Width;
        var state = gfx.Save();
        var anchor = new XPoint(areaLeft + Typography.ChartAxisTitleSize, plot.Top + ((plot.Height + tw) / 2));
        gfx.RotateAtTransform(-90, anchor);
        gfx.DrawString(title, TitleFont, brush, anchor.X, anchor.Y);
        gfx.Restore(state);
    }

    public static void DrawMarker(XGraphics gfx, MarkerShape shape, XColor color, XPoint p, double r)
    {
        var fill = new XSolidBrush(color);
        var outline = Pen(XColors.White, 0.6);
        switch (shape)
        {
            case MarkerShape.HollowCircle:
                Ellipses.Draw(gfx, null, new XSolidBrush(XColors.White), p.X - r, p.Y - r, 2 * r, 2 * r);
                Ellipses.Draw(gfx, Pen(color, 1.1), null, p.X - r + 0.5, p.Y - r + 0.5, (2 * r) - 1, (2 * r) - 1);
                break;
            case MarkerShape.Circle:
                Ellipses.Draw(gfx, outline, fill, p.X - r, p.Y - r, 2 * r, 2 * r);
                break;
            case MarkerShape.Diamond:
                var d = r * 1.25;
                gfx.DrawPolygon(outline, fill,
                    [new XPoint(p.X, p.Y - d), new XPoint(p.X + d, p.Y), new XPoint(p.X, p.Y + d), new XPoint(p.X - d, p.Y)],
                    XFillMode.Winding);
                break;
            case MarkerShape.Square:
                gfx.DrawRectangle(outline, fill, p.X - (r * 0.9), p.Y - (r * 0.9), r * 1.8, r * 1.8);
                break;
        }
    }

    /// <summary>Height a legend takes when laid out in rows across <paramref name="width"/>.</summary>
    public static double LegendHeight(XGraphics gfx, IReadOnlyList<LegendEntry> entries, double width) =>
        LegendRows(gfx, entries, width).Count * (Typography.ChartLegendSize + 6);

    public static void DrawLegend(XGraphics gfx, IReadOnlyList<LegendEntry> entries, XRect area)
    {
        var rows = LegendRows(gfx, entries, area.Width);
        var y = area.Top;
        var rowHeight = Typography.ChartLegendSize + 6;
        foreach (var row in rows)
        {
            var total = row.Sum(e => e.Width) + ((row.Count - 1) * 14);
            var x = area.Left + ((area.Width - total) / 2);
            var mid = y + (rowHeight / 2);
            foreach (var (entry, w) in row)
            {
                if (entry.Line is { } pen)
                {
                    gfx.DrawLine(pen, x, mid, x + 16, mid);
                }
                else if (entry.Marker is { } shape)
                {
                    DrawMarker(gfx, shape, entry.Color, new XPoint(x + 8, mid), 3.2);
                }

                gfx.DrawString(entry.Text, LegendFont, TextBrush, x + 20, mid + (Typography.ChartLegendSize * 0.35));
                x += w + 14;
            }

            y += rowHeight;
        }
    }

    private static List<List<(LegendEntry Entry, double Width)>> LegendRows(XGraphics gfx, IReadOnlyList<LegendEntry> entries, double width)
    {
        var rows = new List<List<(LegendEntry, double)>>();
        var current = new List<(LegendEntry, double)>();
        var used = 0.0;
        foreach (var entry in entries)
        {
            var w = 20 + gfx.MeasureString(entry.Text, LegendFont).Width;
            if (current.Count > 0 && used + 14 + w > width)
            {
                rows.Add(current);
                current = [];
                used = 0;
            }

            used += (current.Count > 0 ? 14 : 0) + w;
            current.Add((entry, w));
        }

        if (current.Count > 0)
        {
            rows.Add(current);
        }

        return rows;
    }

    public static void DrawClippedPolyline(XGraphics gfx, XPen pen, XRect clip, IReadOnlyList<XPoint> points)
    {
        if (points.Count < 2)
        {
            return;
        }

        var state = gfx.Save();
        gfx.IntersectClip(clip);
        gfx.DrawLines(pen, points.ToArray());
        gfx.Restore(state);
    }

    /// <summary>A short line from a marker's edge towards a label that was placed away from it.</summary>
    public static void DrawLeader(XGraphics gfx, XPoint anchor, double radius, XRect label)
    {
        var target = new XPoint(Math.Clamp(anchor.X, label.Left, label.Right), Math.Clamp(anchor.Y, label.Top, label.Bottom));
        var dx = target.X - anchor.X;
        var dy = target.Y - anchor.Y;
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        if (length <= radius + 2)
        {
            return;
        }

        var start = new XPoint(anchor.X + (dx / length * (radius + 1)), anchor.Y + (dy / length * (radius + 1)));
        var end = new XPoint(target.X - (dx / length * 1), target.Y - (dy / length * 1));
        gfx.DrawLine(Pen(Typography.ChartFrame, 0.5), start, end);
    }
}
