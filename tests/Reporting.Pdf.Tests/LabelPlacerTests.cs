using PdfSharp.Drawing;
using Reporting.Pdf.Charts;

namespace Reporting.Pdf.Tests;

/// <summary>
/// <see cref="LabelPlacer"/> stops adding a candidate's overlaps once it cannot beat the best candidate so far; these
/// tests pin that it still places every label exactly where the plain sum over every rectangle does.
/// </summary>
public sealed class LabelPlacerTests
{
    private static readonly XRect _bounds = new(40, 20, 420, 260);

    [Theory]
    [InlineData(12, 1)] // a 12-site trial: most labels find a clear spot on the first rings
    [InlineData(60, 2)] // moderately crowded: labels move out to the outer rings before they find a clear spot
    [InlineData(200, 3)] // the 200-site scatter of the benchmark trial: most candidates overlap, the early stop matters most
    [InlineData(200, 4)] // the same size with other positions, so the order of equal overlaps is exercised again
    public void Place_RandomLayouts_SameAsThePlainSum(int labels, int seed)
    {
        var (requests, obstacles) = Layout(labels, seed);

        var placed = LabelPlacer.Place(requests, _bounds, obstacles);

        var expected = ReferencePlace(requests, _bounds, obstacles);
        Assert.Equal(expected.Count, placed.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i] == placed[i], $"label {i}: expected {expected[i]}, placed {placed[i]}");
        }

        // The 200-label layouts do reach the least-overlapping fallback, so the early stop was on the path that decides.
        if (labels >= 200)
        {
            Assert.Contains(placed, p => p.Collides);
        }
    }

    [Theory]
    [InlineData(80, 5)] // markers scattered 30 pt beyond every edge: rectangles partly or wholly outside the grid's cells
    [InlineData(200, 6)] // as crowded as the benchmark trial, with the edge cells holding most of the spill
    public void Place_ObstaclesAcrossTheBoundsEdges_SameAsThePlainSum(int labels, int seed)
    {
        var (requests, obstacles) = Layout(labels, seed, spill: 30);

        var placed = LabelPlacer.Place(requests, _bounds, obstacles);

        var expected = ReferencePlace(requests, _bounds, obstacles);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i] == placed[i], $"label {i}: expected {expected[i]}, placed {placed[i]}");
        }
    }

    [Fact]
    public void CrowdedFirst_DuplicatesAndPositionsNotANumber_SameOrderAsCountingEveryPair()
    {
        var (requests, _) = Layout(150, 7);
        // Exact duplicates (ties broken by index) and anchors that are not numbers (they are near nothing, not even themselves).
        requests[10] = requests[3] with { };
        requests[11] = requests[3] with { };
        requests[20] = requests[20] with { Anchor = new XPoint(double.NaN, 50) };
        requests[21] = requests[21] with { Anchor = new XPoint(double.PositiveInfinity, double.PositiveInfinity) };
        // A label alone (near itself only) goes before the ones whose positions are not numbers.
        requests[140] = requests[140] with { Anchor = new XPoint(-1000, -1000) };
        static double Distance(XPoint a, XPoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

        var expected = Enumerable.Range(0, requests.Count)
            .OrderByDescending(i => requests.Count(r => Distance(r.Anchor, requests[i].Anchor) < 40))
            .ThenBy(i => i)
            .ToList();

        Assert.Equal(expected, LabelPlacer.CrowdedFirst(requests));
    }

    /// <summary>Markers in a plot, each with a label of a name-like size; the markers are also the obstacles.</summary>
    private static (List<LabelRequest> Requests, List<XRect> Obstacles) Layout(int count, int seed, double spill = -10)
    {
        var random = new Random(seed);
        var requests = new List<LabelRequest>();
        var obstacles = new List<XRect>();
        for (var i = 0; i < count; i++)
        {
            var anchor = new XPoint(_bounds.Left - spill + (random.NextDouble() * (_bounds.Width + (2 * spill))), _bounds.Top - spill + (random.NextDouble() * (_bounds.Height + (2 * spill))));
            const double radius = 3.2;
            requests.Add(new LabelRequest(anchor, new XSize(14 + (random.Next(0, 12) * 4.1), 8.4), radius));
            obstacles.Add(new XRect(anchor.X - radius, anchor.Y - radius, 2 * radius, 2 * radius));
        }

        return (requests, obstacles);
    }

    /// <summary>The placement as first written: every candidate's overlaps summed over every rectangle.</summary>
    private static List<LabelPlacement> ReferencePlace(IReadOnlyList<LabelRequest> requests, XRect bounds, IReadOnlyList<XRect> obstacles)
    {
        double[] rings = [2, 5, 9, 14, 20, 27, 35, 45, 57, 70];
        double[] angles = [0, -45, 45, 180, -135, 135, -90, 90, -22.5, 22.5, -157.5, 157.5, -67.5, 67.5, -112.5, 112.5];
        IEnumerable<(XRect Rect, int Ring)> Candidates(LabelRequest request)
        {
            var (w, h) = (request.Size.Width, request.Size.Height);
            for (var ring = 0; ring < rings.Length; ring++)
            {
                var distance = request.Radius + rings[ring];
                for (var k = 0; k < (ring < 2 ? 8 : angles.Length); k++)
                {
                    var radians = angles[k] * Math.PI / 180;
                    var (ux, uy) = (Math.Cos(radians), Math.Sin(radians));
                    var cx = request.Anchor.X + (ux * distance) + (Math.Sign(Math.Round(ux, 6)) * w / 2);
                    var cy = request.Anchor.Y + (uy * distance) + (Math.Sign(Math.Round(uy, 6)) * h / 2);
                    yield return (new XRect(cx - (w / 2), cy - (h / 2), w, h), ring);
                }
            }
        }

        static double Distance(XPoint a, XPoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

        var result = new LabelPlacement?[requests.Count];
        var taken = new List<XRect>(obstacles);
        var order = Enumerable.Range(0, requests.Count)
            .OrderByDescending(i => requests.Count(r => Distance(r.Anchor, requests[i].Anchor) < 40))
            .ThenBy(i => i);
        foreach (var i in order)
        {
            LabelPlacement? best = null;
            var bestOverlap = double.MaxValue;
            foreach (var (rect, ring) in Candidates(requests[i]))
            {
                if (!(rect.Left >= bounds.Left + 1 && rect.Right <= bounds.Right - 1 && rect.Top >= bounds.Top + 1 && rect.Bottom <= bounds.Bottom - 1))
                {
                    continue;
                }

                var inflated = new XRect(rect.X - 1.2, rect.Y - 1.2, rect.Width + (2 * 1.2), rect.Height + (2 * 1.2));
                var overlap = taken.Sum(o => LabelPlacer.OverlapArea(inflated, o));
                if (overlap == 0)
                {
                    best = new LabelPlacement(rect, ring >= 3, false);
                    break;
                }

                if (overlap < bestOverlap)
                {
                    bestOverlap = overlap;
                    best = new LabelPlacement(rect, ring >= 3, true);
                }
            }

            best ??= new LabelPlacement(Candidates(requests[i]).First().Rect, false, true);
            result[i] = best;
            taken.Add(best.Rect);
        }

        return [.. result.Select(p => p!)];
    }
}
