using PdfSharp.Drawing;
using Reporting.Pdf.Charts;
using Reporting.Pdf.Layout;

namespace Reporting.Pdf;

/// <summary>A site on the engagement-against-fidelity chart. Engagement is a proportion (0–1).</summary>
public sealed record ScatterSite(string Label, double Fidelity, double Engagement, SiteMarking Marking = SiteMarking.Site)
{
    /// <summary>Ring the marker and set the label in bold (e.g. the reader's own site).</summary>
    public bool Emphasised { get; init; }
}

/// <summary>
/// Engagement (y) against fidelity (x) by site, the method's Figure 1: dashed lines at the low and high
/// thresholds of both axes, the four corner quadrants named, every site labelled without overlaps,
/// selected cases and outliers marked distinctly and explained in a legend.
/// </summary>
public sealed record EngagementFidelityScatter(
    IReadOnlyList<ScatterSite> Sites,
    ChartAxis FidelityAxis,
    ChartAxis EngagementAxis,
    double FidelityLow,
    double FidelityHigh,
    double EngagementLow,
    double EngagementHigh) : Chart
{
    internal const double LabelSize = Typography.ChartLabelSize;

    internal override double PreferredHeight(double width) => Math.Min(width * 0.68, 360);

    internal override void Draw(XGraphics gfx, XRect area)
    {
        var layout = ComputeLayout(gfx, area);
        var scale = layout.Scale;
        var plot = scale.Plot;
        ChartKit.DrawGridAndFrame(gfx, scale);

        // Threshold lines with small "low"/"high" tags outside the plot.
        var dashed = ChartKit.Pen(Typography.ChartThreshold, 0.8, XDashStyle.Dash);
        var tagFont = Typography.Font(6.5, TextStyle.Italic);
        var tagBrush = new XSolidBrush(Typography.ChartThreshold);
        foreach (var (value, tag) in new[] { (FidelityLow, "low"), (FidelityHigh, "high") })
        {
            var x = scale.Px(value);
            gfx.DrawLine(dashed, x, plot.Top, x, plot.Bottom);
            var w = gfx.MeasureString(tag, tagFont).Width;
            gfx.DrawString(tag, tagFont, tagBrush, x - (w / 2), plot.Top - 3);
        }

        foreach (var (value, tag) in new[] { (EngagementLow, "low"), (EngagementHigh, "high") })
        {
            var y = scale.Py(value);
            gfx.DrawLine(dashed, plot.Left, y, plot.Right, y);
            gfx.DrawString(tag, tagFont, tagBrush, plot.Right + 3, y + 2.2);
        }

        ChartKit.DrawXAxis(gfx, scale);
        ChartKit.DrawYAxis(gfx, scale, area.Left);

        var quadrantFont = Typography.Font(7, TextStyle.Italic);
        var quadrantBrush = new XSolidBrush(Typography.ChartQuadrant);
        foreach (var q in layout.Quadrants)
        {
            var lineHeight = q.Rect.Height / q.Lines.Count;
            for (var i = 0; i < q.Lines.Count; i++)
            {
                var w = gfx.MeasureString(q.Lines[i], quadrantFont).Width;
                var x = q.RightAligned ? q.Rect.Right - w : q.Rect.Left;
                gfx.DrawString(q.Lines[i], quadrantFont, quadrantBrush, x,
                    q.Rect.Top + (i * lineHeight) + TextLayout.BaselineOffset(quadrantFont, lineHeight));
            }
        }

        for (var i = 0; i < Sites.Count; i++)
        {
            var site = Sites[i];
            var placement = layout.Labels[i];
            if (placement.Leader)
            {
                ChartKit.DrawLeader(gfx, layout.Points[i], MarkerRadius(site), placement.Rect);
            }
        }

        for (var i = 0; i < Sites.Count; i++)
        {
            var site = Sites[i];
            var (shape, color) = Marker(site.Marking);
            if (site.Emphasised)
            {
                var r = RingRadius(site);
                Ellipses.Draw(gfx, ChartKit.Pen(Typography.Ink, 0.9), null, layout.Points[i].X - r, layout.Points[i].Y - r, 2 * r, 2 * r);
            }

            ChartKit.DrawMarker(gfx, shape, color, layout.Points[i], BaseRadius(site.Marking));
        }

        var halo = new XSolidBrush(XColor.FromArgb(215, 255, 255, 255));
        for (var i = 0; i < Sites.Count; i++)
        {
            var font = LabelFont(Sites[i]);
            var rect = layout.Labels[i].Rect;

            // A light halo keeps a label legible where it crosses a threshold line or a leader.
            gfx.DrawRectangle(halo, rect);
            gfx.DrawString(Sites[i].Label, font, ChartKit.TextBrush, rect.Left + 0.5, rect.Top + TextLayout.BaselineOffset(font, rect.Height));
        }

        ChartKit.DrawLegend(gfx, layout.Legend, layout.LegendArea);
    }

    internal sealed record QuadrantLabel(IReadOnlyList<string> Lines, XRect Rect, bool RightAligned);

    internal sealed record ScatterLayout(
        ChartKit.Scale Scale,
        IReadOnlyList<XPoint> Points,
        IReadOnlyList<XRect> Markers,
        IReadOnlyList<LabelPlacement> Labels,
        IReadOnlyList<QuadrantLabel> Quadrants,
        IReadOnlyList<LegendEntry> Legend,
        XRect LegendArea);

    /// <summary>Plot area, point positions and the placement of every label (tested without drawing).</summary>
    internal ScatterLayout ComputeLayout(XGraphics gfx, XRect area)
    {
        var legend = LegendEntries();
        var legendHeight = ChartKit.LegendHeight(gfx, legend, area.Width);
        var left = area.Left + ChartKit.YAxisWidth(gfx, EngagementAxis);
        var plot = new XRect(left, area.Top + 10, area.Right - 20 - left,
            area.Height - 10 - ChartKit.XAxisHeight - legendHeight - 4);
        var scale = new ChartKit.Scale(plot, FidelityAxis, EngagementAxis);

        var points = Sites.Select(s => scale.Map(s.Fidelity, s.Engagement)).ToList();
        var markers = Sites.Select((s, i) =>
        {
            var r = MarkerRadius(s);
            return new XRect(points[i].X - r, points[i].Y - r, 2 * r, 2 * r);
        }).ToList();

        var quadrants = PlaceQuadrantLabels(gfx, scale, markers);
        var obstacles = markers.Concat(quadrants.Select(q => q.Rect)).ToList();
        var requests = Sites.Select((s, i) =>
        {
            var size = gfx.MeasureString(s.Label, LabelFont(s));
            return new LabelRequest(points[i], new XSize(size.Width + 1, LabelSize * 1.15), MarkerRadius(s));
        }).ToList();
        var labels = LabelPlacer.Place(requests, plot, obstacles);
        var legendArea = new XRect(area.Left, area.Bottom - legendHeight, area.Width, legendHeight);
        return new ScatterLayout(scale, points, markers, labels, quadrants, legend, legendArea);
    }

    private List<QuadrantLabel> PlaceQuadrantLabels(XGraphics gfx, ChartKit.Scale scale, IReadOnlyList<XRect> markers)
    {
        var font = Typography.Font(7, TextStyle.Italic);
        var plot = scale.Plot;
        var lineHeight = 7 * 1.2;
        var result = new List<QuadrantLabel>();
        var quadrants = new[]
        {
            ("High engagement", "low fidelity", false, true, scale.Px(FidelityLow) - plot.Left),
            ("High engagement", "high fidelity", true, true, plot.Right - scale.Px(FidelityHigh)),
            ("Low engagement", "low fidelity", false, false, scale.Px(FidelityLow) - plot.Left),
            ("Low engagement", "high fidelity", true, false, plot.Right - scale.Px(FidelityHigh)),
        };
        foreach (var (engagement, fidelity, right, top, room) in quadrants)
        {
            var single = $"{engagement} / {fidelity}";
            IReadOnlyList<string> lines = gfx.MeasureString(single, font).Width <= room - 8
                ? [single]
                : [$"{engagement} /", fidelity];
            var width = lines.Max(l => gfx.MeasureString(l, font).Width) + 1;
            var height = lines.Count * lineHeight;

            // Start in the corner and slide along the vertical edge until clear of every marker.
            XRect? chosen = null;
            for (var step = 0; step < 40 && chosen is null; step++)
            {
                var offset = 4 + (step * 4);
                var x = right ? plot.Right - 4 - width : plot.Left + 4;
                var y = top ? plot.Top + offset : plot.Bottom - offset - height;
                var rect = new XRect(x, y, width, height);
                if (rect.Top < plot.Top || rect.Bottom > plot.Bottom)
                {
                    break;
                }

                if (markers.All(m => LabelPlacer.OverlapArea(m, rect) == 0) && result.All(q => LabelPlacer.OverlapArea(q.Rect, rect) == 0))
                {
                    chosen = rect;
                }
            }

            result.Add(new QuadrantLabel(lines, chosen ?? new XRect(right ? plot.Right - 4 - width : plot.Left + 4,
                top ? plot.Top + 4 : plot.Bottom - 4 - height, width, height), right));
        }

        return result;
    }

    private List<LegendEntry> LegendEntries()
    {
        var entries = new List<LegendEntry>();
        foreach (var marking in new[] { SiteMarking.SelectedCase, SiteMarking.Outlier, SiteMarking.Site })
        {
            if (Sites.Any(s => s.Marking == marking))
            {
                var (shape, color) = Marker(marking);
                entries.Add(new LegendEntry(MarkingName(marking), shape, color));
            }
        }

        entries.Add(new LegendEntry("Low and high thresholds", null, Typography.ChartThreshold,
            ChartKit.Pen(Typography.ChartThreshold, 0.8, XDashStyle.Dash)));
        return entries;
    }

    private static string MarkingName(SiteMarking marking) => marking switch
    {
        SiteMarking.SelectedCase => "Selected case",
        SiteMarking.Outlier => "Outlier",
        _ => "Other site",
    };

    private static XFont LabelFont(ScatterSite site) => Typography.Font(LabelSize, site.Emphasised ? TextStyle.Bold : TextStyle.Regular);

    internal static (MarkerShape Shape, XColor Color) Marker(SiteMarking marking) => marking switch
    {
        SiteMarking.SelectedCase => (MarkerShape.Circle, Typography.ChartSelected),
        SiteMarking.Outlier => (MarkerShape.Diamond, Typography.ChartOutlier),
        _ => (MarkerShape.HollowCircle, Typography.ChartSite),
    };

    private static double BaseRadius(SiteMarking marking) => marking == SiteMarking.Site ? 3.4 : 4;

    private static double VisibleRadius(ScatterSite site) =>
        site.Marking == SiteMarking.Outlier ? BaseRadius(site.Marking) * 1.25 : BaseRadius(site.Marking);

    private static double RingRadius(ScatterSite site) => VisibleRadius(site) + 2.4;

    /// <summary>Radius that labels keep clear of: the marker (a diamond's corners) or its emphasis ring.</summary>
    private static double MarkerRadius(ScatterSite site) => site.Emphasised ? RingRadius(site) + 0.6 : VisibleRadius(site);
}
