using PdfSharp.Drawing;
using Reporting.Pdf.Charts;
using Reporting.Pdf.Layout;

namespace Reporting.Pdf;

/// <summary>A bar: a site's engagement proportion and its 95% interval (all 0–1); no whisker when a bound is null.</summary>
public sealed record BarChartSite(string Label, double Value, double? Lower, double? Upper)
{
    /// <summary>Draw this bar in the strong colour (e.g. the reader's own site).</summary>
    public bool Emphasised { get; init; }
}

/// <summary>
/// Horizontal bars of site engagement with 95% interval whiskers, a dashed pooled reference line, and each
/// site's value and interval printed at the right.
/// </summary>
public sealed record EngagementBarChart(IReadOnlyList<BarChartSite> Sites, double Pooled, ChartAxis Axis) : Chart
{
    private const double RowHeight = 17;

    /// <summary>Text of the pooled line's tag, followed by the pooled value.</summary>
    public string PooledLabel { get; init; } = "Pooled";

    internal override double PreferredHeight(double width) => 26 + (Sites.Count * RowHeight) + ChartKit.XAxisHeight + 4;

    internal override void Draw(XGraphics gfx, XRect area)
    {
        var labelFont = Typography.Font(Typography.ChartTickSize + 0.5);
        var valueFont = Typography.Font(Typography.ChartTickSize);
        var labels = Sites.Select(s => s.Label).ToList();
        var values = Sites.Select(FormatValue).ToList();
        var labelWidth = Math.Min(area.Width * 0.32, labels.Select(l => gfx.MeasureString(l, labelFont).Width).DefaultIfEmpty(0).Max());
        var valueWidth = values.Select(v => gfx.MeasureString(v, valueFont).Width).DefaultIfEmpty(0).Max();
        var plot = new XRect(area.Left + labelWidth + 8, area.Top + 16, area.Width - labelWidth - 8 - valueWidth - 12,
            area.Height - 16 - ChartKit.XAxisHeight - 4);

        // The y axis is unused by bars; a 0–1 scale over the rows keeps the mapping helpers.
        var scale = new ChartKit.Scale(plot, Axis, new ChartAxis(string.Empty, 0, 1, 1));
        ChartKit.DrawGridAndFrame(gfx, scale, horizontalGrid: false);
        ChartKit.DrawXAxis(gfx, scale);

        var row = plot.Height / Math.Max(1, Sites.Count);
        var bar = Math.Min(row * 0.58, 11);
        var whisker = ChartKit.Pen(Typography.ChartWhisker, 0.8);
        for (var i = 0; i < Sites.Count; i++)
        {
            var site = Sites[i];
            var mid = plot.Top + (row * i) + (row / 2);
            var x0 = scale.Px(Math.Max(Axis.Min, 0));
            var x1 = scale.Px(Math.Clamp(site.Value, Axis.Min, Axis.Max));
            var color = site.Emphasised ? Typography.ChartBarHighlight : Typography.ChartBar;
            gfx.DrawRectangle(new XSolidBrush(color), Math.Min(x0, x1), mid - (bar / 2), Math.Abs(x1 - x0), bar);
            if (site.Lower is { } lower && site.Upper is { } upper)
            {
                var xl = scale.Px(Math.Clamp(lower, Axis.Min, Axis.Max));
                var xu = scale.Px(Math.Clamp(upper, Axis.Min, Axis.Max));
                gfx.DrawLine(whisker, xl, mid, xu, mid);
                gfx.DrawLine(whisker, xl, mid - 3, xl, mid + 3);
                gfx.DrawLine(whisker, xu, mid - 3, xu, mid + 3);
            }

            var font = site.Emphasised ? Typography.Font(Typography.ChartTickSize + 0.5, TextStyle.Bold) : labelFont;
            var label = Fit(gfx, labels[i], font, labelWidth);
            var lw = gfx.MeasureString(label, font).Width;
            var baseline = mid - (row / 2) + TextLayout.BaselineOffset(font, row);
            gfx.DrawString(label, font, ChartKit.TextBrush, plot.Left - 6 - lw, baseline);
            gfx.DrawString(values[i], valueFont, ChartKit.TextBrush, plot.Right + 8, mid - (row / 2) + TextLayout.BaselineOffset(valueFont, row));
        }

        var px = scale.Px(Pooled);
        gfx.DrawLine(ChartKit.Pen(Typography.ChartPooled, 1.1, XDashStyle.Dash), px, plot.Top - 4, px, plot.Bottom);
        var tagFont = Typography.Font(7, TextStyle.Italic);
        var tag = $"{PooledLabel} {ChartKit.Format(Pooled, Axis)}";
        var tw = gfx.MeasureString(tag, tagFont).Width;
        gfx.DrawString(tag, tagFont, new XSolidBrush(Typography.ChartPooled), Math.Clamp(px - (tw / 2), plot.Left, plot.Right - tw), plot.Top - 7);
    }

    private string FormatValue(BarChartSite site)
    {
        var value = ChartKit.Format(site.Value, Axis);
        return site.Lower is { } l && site.Upper is { } u
            ? $"{value} ({ChartKit.Format(l, Axis)}\u2013{ChartKit.Format(u, Axis)})"
            : value;
    }

    /// <summary>Shortens a label with an ellipsis to fit the label column.</summary>
    private static string Fit(XGraphics gfx, string text, XFont font, double width)
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
