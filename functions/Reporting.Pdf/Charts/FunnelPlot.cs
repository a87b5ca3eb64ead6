using PdfSharp.Drawing;
using Reporting.Pdf.Charts;
using Reporting.Pdf.Layout;

namespace Reporting.Pdf;

/// <summary>A site on the funnel plot: participants offered and its engagement proportion (0–1).</summary>
public sealed record FunnelSite(string Label, double Offered, double Proportion, bool Flagged = false);

/// <summary>Precomputed control limits as point lists (x = number offered, y = proportion).</summary>
public sealed record FunnelLimits(
    IReadOnlyList<ChartPoint> Lower95,
    IReadOnlyList<ChartPoint> Upper95,
    IReadOnlyList<ChartPoint> Lower998,
    IReadOnlyList<ChartPoint> Upper998);

/// <summary>
/// Funnel plot of site engagement (Spiegelhalter 2005): the target (pooled) proportion, the 95% and 99.8%
/// limits as given, sites as points, flagged sites marked and labelled.
/// </summary>
public sealed record FunnelPlot(
    IReadOnlyList<FunnelSite> Sites,
    double Target,
    FunnelLimits Limits,
    ChartAxis OfferedAxis,
    ChartAxis ProportionAxis) : Chart
{
    /// <summary>Label every site, not only the flagged ones (for a handful of sites).</summary>
    public bool LabelAllSites { get; init; }

    internal override double PreferredHeight(double width) => Math.Min(width * 0.6, 320);

    internal override void Draw(XGraphics gfx, XRect area)
    {
        var legend = new List<LegendEntry>
        {
            new("Target (pooled)", null, Typography.ChartPooled, ChartKit.Pen(Typography.ChartPooled, 1.1)),
            new("95% limits", null, Typography.ChartLimit95, ChartKit.Pen(Typography.ChartLimit95, 0.9, XDashStyle.Dash)),
            new("99.8% limits", null, Typography.ChartLimit998, ChartKit.Pen(Typography.ChartLimit998, 1.0)),
            new("Site", MarkerShape.Circle, Typography.ChartSite),
        };
        if (Sites.Any(s => s.Flagged))
        {
            legend.Add(new LegendEntry("Outside 99.8% limits", MarkerShape.Diamond, Typography.ChartOutlier));
        }

        var legendHeight = ChartKit.LegendHeight(gfx, legend, area.Width);
        var left = area.Left + ChartKit.YAxisWidth(gfx, ProportionAxis);
        var plot = new XRect(left, area.Top + 6, area.Right - 30 - left, area.Height - 6 - ChartKit.XAxisHeight - legendHeight - 4);
        var scale = new ChartKit.Scale(plot, OfferedAxis, ProportionAxis);
        ChartKit.DrawGridAndFrame(gfx, scale);

        var pen95 = ChartKit.Pen(Typography.ChartLimit95, 0.9, XDashStyle.Dash);
        var pen998 = ChartKit.Pen(Typography.ChartLimit998, 1.0);
        DrawCurve(gfx, scale, pen95, Limits.Lower95);
        DrawCurve(gfx, scale, pen95, Limits.Upper95);
        DrawCurve(gfx, scale, pen998, Limits.Lower998);
        DrawCurve(gfx, scale, pen998, Limits.Upper998);
        var ty = scale.Py(Target);
        gfx.DrawLine(ChartKit.Pen(Typography.ChartPooled, 1.1), plot.Left, ty, plot.Right, ty);
        var tagFont = Typography.Font(6.5, TextStyle.Italic);
        gfx.DrawString(ChartKit.Format(Target, ProportionAxis.Format, ProportionAxis.Decimals), tagFont,
            new XSolidBrush(Typography.ChartPooled), plot.Right + 3, ty + 2.2);

        ChartKit.DrawXAxis(gfx, scale);
        ChartKit.DrawYAxis(gfx, scale, area.Left);

        var points = Sites.Select(s => scale.Map(s.Offered, s.Proportion)).ToList();
        var radii = Sites.Select(s => s.Flagged ? 5.0 : 3.2).ToList();
        var markers = points.Select((p, i) => new XRect(p.X - radii[i], p.Y - radii[i], 2 * radii[i], 2 * radii[i])).ToList();
        var labelled = Enumerable.Range(0, Sites.Count).Where(i => LabelAllSites || Sites[i].Flagged).ToList();
        var font = Typography.Font(Typography.ChartLabelSize);
        var requests = labelled.Select(i =>
            new LabelRequest(points[i], new XSize(gfx.MeasureString(Sites[i].Label, font).Width + 1, Typography.ChartLabelSize * 1.15), radii[i]))
            .ToList();
        var placements = LabelPlacer.Place(requests, plot, markers);

        for (var k = 0; k < labelled.Count; k++)
        {
            if (placements[k].Leader)
            {
                ChartKit.DrawLeader(gfx, points[labelled[k]], radii[labelled[k]], placements[k].Rect);
            }
        }

        for (var i = 0; i < Sites.Count; i++)
        {
            if (Sites[i].Flagged)
            {
                ChartKit.DrawMarker(gfx, MarkerShape.Diamond, Typography.ChartOutlier, points[i], 4);
            }
            else
            {
                ChartKit.DrawMarker(gfx, MarkerShape.Circle, Typography.ChartSite, points[i], 3.2);
            }
        }

        var halo = new XSolidBrush(XColor.FromArgb(215, 255, 255, 255));
        for (var k = 0; k < labelled.Count; k++)
        {
            var rect = placements[k].Rect;
            gfx.DrawRectangle(halo, rect);
            gfx.DrawString(Sites[labelled[k]].Label, font, ChartKit.TextBrush, rect.Left + 0.5, rect.Top + TextLayout.BaselineOffset(font, rect.Height));
        }

        ChartKit.DrawLegend(gfx, legend, new XRect(area.Left, area.Bottom - legendHeight, area.Width, legendHeight));
    }

    private static void DrawCurve(XGraphics gfx, ChartKit.Scale scale, XPen pen, IReadOnlyList<ChartPoint> curve) =>
        ChartKit.DrawClippedPolyline(gfx, pen, scale.Plot, curve.Select(p => scale.Map(p.X, p.Y)).ToList());
}
