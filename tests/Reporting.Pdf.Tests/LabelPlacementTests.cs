using System.Globalization;
using PdfSharp.Drawing;
using Reporting.Pdf.Charts;

namespace Reporting.Pdf.Tests;

public sealed class LabelPlacementTests
{
    private static readonly XRect _area = new(0, 0, Typography.ContentWidth, 320);

    private static EngagementFidelityScatter Scatter(IReadOnlyList<ScatterSite> sites) =>
        new(sites, new ChartAxis("Fidelity", 4, 12, 1), ChartAxis.Percent("Engagement"), 7, 10, 0.45, 0.60);

    /// <summary>Twelve sites within about a tick of each other, with Unicode and long names.</summary>
    private static IReadOnlyList<ScatterSite> Cluster()
    {
        string[] names =
        [
            "Be’er Sheva", "Dar es Salaam", "Ynys Môn", "Zürich — Nord", "Camden and Islington", "North Tyneside",
            "Bristol South", "Leeds East", "Glasgow City", "Cardiff and Vale", "Norfolk Coast", "Sheffield Central",
        ];
        return names.Select((name, i) => new ScatterSite(
            name,
            8.0 + (0.18 * (i % 4)),
            0.50 + (0.025 * (i / 4)),
            i % 5 == 0 ? SiteMarking.Outlier : i % 3 == 0 ? SiteMarking.SelectedCase : SiteMarking.Site) { Emphasised = i == 7 }).ToList();
    }

    private static EngagementFidelityScatter.ScatterLayout Layout(EngagementFidelityScatter chart)
    {
        using var gfx = XGraphics.CreateMeasureContext(new XSize(Typography.PageWidth, Typography.PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
        return chart.ComputeLayout(gfx, _area);
    }

    public static TheoryData<string> Scenarios => ["cluster", "corners", "line"];

    private static IReadOnlyList<ScatterSite> Sites(string scenario) => scenario switch
    {
        // Twelve close points: the case the placement exists for.
        "cluster" => Cluster(),

        // Points in the plot's corners, where quadrant labels and plot edges compete for room.
        "corners" => [new("Low–low", 4, 0), new("High–low", 12, 0), new("Low–high", 4, 1), new("High–high", 12, 1), new("Centre", 8, 0.5)],

        // Twelve points on one horizontal line a few points apart.
        _ => Enumerable.Range(0, 12).Select(i => new ScatterSite(string.Create(CultureInfo.InvariantCulture, $"Site {i + 1}"), 7.5 + (i * 0.12), 0.55)).ToList(),
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Labels_Placed_DoNotOverlapEachOther(string scenario)
    {
        var layout = Layout(Scatter(Sites(scenario)));

        var rects = layout.Labels.Select(l => l.Rect).ToList();
        for (var i = 0; i < rects.Count; i++)
        {
            for (var j = i + 1; j < rects.Count; j++)
            {
                Assert.False(rects[i].IntersectsWith(rects[j]), $"labels {i} and {j} overlap: {rects[i]} and {rects[j]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Labels_Placed_ClearOfEveryMarkerAndQuadrantLabel(string scenario)
    {
        var layout = Layout(Scatter(Sites(scenario)));

        foreach (var label in layout.Labels)
        {
            Assert.False(label.Collides);
            Assert.All(layout.Markers, m => Assert.False(label.Rect.IntersectsWith(m), $"label {label.Rect} covers marker {m}"));
            Assert.All(layout.Quadrants, q => Assert.False(label.Rect.IntersectsWith(q.Rect), $"label {label.Rect} covers quadrant label {q.Rect}"));
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Labels_Placed_InsideThePlot(string scenario)
    {
        var layout = Layout(Scatter(Sites(scenario)));

        Assert.All(layout.Labels, l => Assert.True(layout.Scale.Plot.Contains(l.Rect), $"label {l.Rect} leaves the plot {layout.Scale.Plot}"));
        Assert.All(layout.Quadrants, q => Assert.True(layout.Scale.Plot.Contains(q.Rect)));
    }

    [Fact]
    public void Markers_Mapped_AtDataCoordinates()
    {
        var layout = Layout(Scatter(Sites("corners")));
        var plot = layout.Scale.Plot;

        Assert.Equal(new XPoint(plot.Left, plot.Bottom), layout.Points[0]);
        Assert.Equal(new XPoint(plot.Right, plot.Top), layout.Points[3]);
        Assert.Equal(plot.Left + (plot.Width / 2), layout.Points[4].X, 6);
        Assert.Equal(plot.Top + (plot.Height / 2), layout.Points[4].Y, 6);
    }

    [Fact]
    public void Placer_NoRoomAnywhere_ReportsTheCollisionInsteadOfHidingIt()
    {
        var bounds = new XRect(0, 0, 40, 20);
        var requests = new[] { new LabelRequest(new XPoint(20, 10), new XSize(30, 9), 3), new LabelRequest(new XPoint(22, 10), new XSize(30, 9), 3) };

        var placements = LabelPlacer.Place(requests, bounds, []);

        Assert.Contains(placements, p => p.Collides);
    }

    [Fact]
    public void Cluster_Rendered_EveryLabelExtractsOnce()
    {
        var sites = Cluster();
        var document = new ReportDocument("Cluster", "Labels", [], new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            [new Figure(Scatter(sites), "Figure. Twelve close sites.", "Twelve sites close together.")]);

        using var pdf = new PdfFile(PdfRenderer.Render(document));
        pdf.KeepForReview("cluster", 150);
        var text = pdf.Text();

        Assert.All(sites, s => Assert.True(text.Split(s.Label).Length == 2, $"'{s.Label}' should extract exactly once"));
    }
}
