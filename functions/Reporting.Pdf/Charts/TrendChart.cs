using PdfSharp.Drawing;
using Reporting.Pdf.Charts;

namespace Reporting.Pdf;

/// <summary>
/// A line over the chart's periods: one value per period (null where there is none, which breaks the line), and
/// optionally each value's interval, drawn as a whisker. A reference line (e.g. the pooled figure) is dashed and has
/// no markers.
/// </summary>
public sealed record TrendSeries(string Label, IReadOnlyList<double?> Values)
{
    public IReadOnlyList<double?>? Lower { get; init; }

    public IReadOnlyList<double?>? Upper { get; init; }

    public bool Reference { get; init; }
}

/// <summary>One small multiple: a title (e.g. a site id) and its lines.</summary>
public sealed record TrendPanel(string Title, IReadOnlyList<TrendSeries> Series);

/// <summary>
/// Lines over successive periods (data cut-offs), as small multiples: one panel per site on a shared value axis, in
/// rows of <see cref="Columns"/>, with a legend of the first panel's lines. One panel is drawn large. Periods are
/// evenly spaced and labelled as given.
/// </summary>
public sealed record TrendChart(IReadOnlyList<string> Periods, IReadOnlyList<TrendPanel> Panels, ChartAxis ValueAxis) : Chart
{
    private const double TitleHeight = 11;
    private const double PeriodLabelHeight = 11;
    private const double Gap = 12;

    /// <summary>Panels per row.</summary>
    public int Columns { get; init; } = 3;

    private int Rows => (Panels.Count + Columns - 1) / Math.Max(1, Columns);

    private double PanelHeight => Panels.Count == 1 ? 190 : 108;

    internal override double PreferredHeight(double width) => (Rows * (PanelHeight + Gap)) + 14;

    internal override void Draw(XGraphics gfx, XRect area)
    {
        var legend = Panels.Count == 0 ? [] : Panels[0].Series.Select(s => s.Reference
            ? new LegendEntry(s.Label, null, Typography.ChartPooled, ReferencePen)
            : new LegendEntry(s.Label, MarkerShape.Circle, Typography.ChartSelected, MainPen)).ToList();
        var legendHeight = ChartKit.LegendHeight(gfx, legend, area.Width);
        var columns = Math.Min(Columns, Math.Max(1, Panels.Count));
        var rows = Rows;
        var cellWidth = (area.Width - ((columns - 1) * Gap)) / columns;
        var cellHeight = (area.Height - legendHeight - 4 - ((rows - 1) * Gap)) / rows;
        var axisWidth = Ticks().Select(t => gfx.MeasureString(ChartKit.Format(t, ValueAxis), ChartKit.TickFont).Width).DefaultIfEmpty(0).Max() + 6;

        for (var i = 0; i < Panels.Count; i++)
        {
            var cell = new XRect(
                area.Left + ((i % columns) * (cellWidth + Gap)),
                area.Top + ((i / columns) * (cellHeight + Gap)),
                cellWidth,
                cellHeight);
            DrawPanel(gfx, Panels[i], cell, axisWidth);
        }

        ChartKit.DrawLegend(gfx, legend, new XRect(area.Left, area.Bottom - legendHeight, area.Width, legendHeight));
    }

    private static XPen MainPen => ChartKit.Pen(Typography.ChartSelected, 1.3);

    private static XPen ReferencePen => ChartKit.Pen(Typography.ChartPooled, 1.0, XDashStyle.Dash);

    /// <summary>Fewer ticks in a small multiple: the axis ends and its middle.</summary>
    private IReadOnlyList<double> Ticks() => Panels.Count == 1
        ? ChartKit.Ticks(ValueAxis)
        : [ValueAxis.Min, (ValueAxis.Min + ValueAxis.Max) / 2, ValueAxis.Max];

    private void DrawPanel(XGraphics gfx, TrendPanel panel, XRect cell, double axisWidth)
    {
        var titleFont = Typography.Font(Typography.ChartAxisTitleSize, TextStyle.Bold);
        gfx.DrawString(panel.Title, titleFont, ChartKit.TextBrush, cell.Left + axisWidth, cell.Top + Typography.ChartAxisTitleSize);

        var plot = new XRect(cell.Left + axisWidth, cell.Top + TitleHeight + 2, cell.Width - axisWidth - 4, cell.Height - TitleHeight - 2 - PeriodLabelHeight);
        var grid = ChartKit.Pen(Typography.ChartGrid, 0.6);
        double Py(double v) => plot.Bottom - ((Math.Clamp(v, ValueAxis.Min, ValueAxis.Max) - ValueAxis.Min) / (ValueAxis.Max - ValueAxis.Min) * plot.Height);
        foreach (var t in Ticks())
        {
            var y = Py(t);
            gfx.DrawLine(grid, plot.Left, y, plot.Right, y);
            var text = ChartKit.Format(t, ValueAxis);
            var w = gfx.MeasureString(text, ChartKit.TickFont).Width;
            gfx.DrawString(text, ChartKit.TickFont, ChartKit.TextBrush, plot.Left - 3 - w, y + (Typography.ChartTickSize * 0.35));
        }

        gfx.DrawRectangle(ChartKit.Pen(Typography.ChartFrame, 0.7), plot);

        // Periods evenly spaced, half a step in from each side; with many periods only the first and last are named.
        var step = plot.Width / Math.Max(1, Periods.Count);
        double Px(int period) => plot.Left + (step * (period + 0.5));
        var labelFont = Typography.Font(Panels.Count == 1 ? Typography.ChartTickSize : 6.5);
        for (var p = 0; p < Periods.Count; p++)
        {
            gfx.DrawLine(ChartKit.Pen(Typography.ChartFrame, 0.7), Px(p), plot.Bottom, Px(p), plot.Bottom + 2.5);
            if (Periods.Count <= 4 || p == 0 || p == Periods.Count - 1)
            {
                var w = gfx.MeasureString(Periods[p], labelFont).Width;
                var x = Math.Clamp(Px(p) - (w / 2), cell.Left, cell.Right - w);
                gfx.DrawString(Periods[p], labelFont, ChartKit.TextBrush, x, plot.Bottom + 3 + labelFont.Size);
            }
        }

        foreach (var series in panel.Series.OrderByDescending(s => s.Reference))
        {
            DrawSeries(gfx, series, Px, Py);
        }
    }

    private static void DrawSeries(XGraphics gfx, TrendSeries series, Func<int, double> px, Func<double, double> py)
    {
        var pen = series.Reference ? ReferencePen : MainPen;
        var whisker = ChartKit.Pen(Typography.ChartSelected, 0.7);
        for (var p = 1; p < series.Values.Count; p++)
        {
            if (series.Values[p - 1] is { } a && series.Values[p] is { } b)
            {
                gfx.DrawLine(pen, px(p - 1), py(a), px(p), py(b));
            }
        }

        if (series.Reference)
        {
            return;
        }

        for (var p = 0; p < series.Values.Count; p++)
        {
            if (series.Values[p] is not { } v)
            {
                continue;
            }

            if (series.Lower?[p] is { } low && series.Upper?[p] is { } high)
            {
                gfx.DrawLine(whisker, px(p), py(low), px(p), py(high));
                gfx.DrawLine(whisker, px(p) - 2, py(low), px(p) + 2, py(low));
                gfx.DrawLine(whisker, px(p) - 2, py(high), px(p) + 2, py(high));
            }

            ChartKit.DrawMarker(gfx, MarkerShape.Circle, Typography.ChartSelected, new XPoint(px(p), py(v)), 2.6);
        }
    }
}
