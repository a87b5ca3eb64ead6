using System.Runtime.InteropServices;
using PdfSharp.Drawing;

namespace Reporting.Pdf.Charts;

/// <summary>A label to place next to a marker of radius <see cref="Radius"/> at <see cref="Anchor"/>.</summary>
internal sealed record LabelRequest(XPoint Anchor, XSize Size, double Radius);

/// <summary>Where a label went; <see cref="Leader"/> when it is far enough from its marker to need a connecting line.</summary>
internal sealed record LabelPlacement(XRect Rect, bool Leader, bool Collides);

/// <summary>
/// Greedy label placement: each label tries candidate positions on rings of growing distance around its
/// marker (right first, then the diagonals, left, above and below) and takes the first that stays inside the
/// bounds and clear of every obstacle (markers, fixed texts) and of the labels already placed. Crowded
/// markers choose first. When no candidate is clear, the least overlapping one is used and flagged.
/// </summary>
internal static class LabelPlacer
{
    private const double Padding = 1.2;
    private static readonly double[] _rings = [2, 5, 9, 14, 20, 27, 35, 45, 57, 70];

    // Directions in order of preference: right, upper right, lower right, left, upper left, lower left, up, down,
    // then the in-between directions used on the outer rings.
    private static readonly double[] _angles = [0, -45, 45, 180, -135, 135, -90, 90, -22.5, 22.5, -157.5, 157.5, -67.5, 67.5, -112.5, 112.5];

    public static IReadOnlyList<LabelPlacement> Place(IReadOnlyList<LabelRequest> requests, XRect bounds, IReadOnlyList<XRect> obstacles)
    {
        var result = new LabelPlacement?[requests.Count];

        // The edges of every obstacle and placed label, read once: the overlap sums below visit them for every
        // candidate of every label (200 labels against 400 rectangles in a 200-site scatter).
        var taken = new List<Edges>(obstacles.Count + requests.Count);
        foreach (var obstacle in obstacles)
        {
            taken.Add(Edges.Of(obstacle));
        }

        var order = Enumerable.Range(0, requests.Count)
            .OrderByDescending(i => requests.Count(r => Distance(r.Anchor, requests[i].Anchor) < 40))
            .ThenBy(i => i)
            .ToList();

        foreach (var i in order)
        {
            var request = requests[i];
            LabelPlacement? best = null;
            var bestOverlap = double.MaxValue;
            foreach (var (rect, ring) in Candidates(request))
            {
                if (!Inside(rect, bounds))
                {
                    continue;
                }

                var overlap = Overlap(Edges.Of(Inflate(rect, Padding)), taken, bestOverlap);
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

            best ??= new LabelPlacement(Candidates(request).First().Rect, false, true);
            result[i] = best;
            taken.Add(Edges.Of(best.Rect));
        }

        return result.Select(p => p!).ToList();
    }

    private static IEnumerable<(XRect Rect, int Ring)> Candidates(LabelRequest request)
    {
        var (w, h) = (request.Size.Width, request.Size.Height);
        for (var ring = 0; ring < _rings.Length; ring++)
        {
            var distance = request.Radius + _rings[ring];
            var directions = ring < 2 ? 8 : _angles.Length;
            for (var k = 0; k < directions; k++)
            {
                var radians = _angles[k] * Math.PI / 180;
                var (ux, uy) = (Math.Cos(radians), Math.Sin(radians));

                // The label's nearest edge sits on the ring in that direction.
                var cx = request.Anchor.X + (ux * distance) + (Math.Sign(Math.Round(ux, 6)) * w / 2);
                var cy = request.Anchor.Y + (uy * distance) + (Math.Sign(Math.Round(uy, 6)) * h / 2);
                yield return (new XRect(cx - (w / 2), cy - (h / 2), w, h), ring);
            }
        }
    }

    private static bool Inside(XRect rect, XRect bounds) =>
        rect.Left >= bounds.Left + 1 && rect.Right <= bounds.Right - 1 && rect.Top >= bounds.Top + 1 && rect.Bottom <= bounds.Bottom - 1;

    private static XRect Inflate(XRect r, double by) => new(r.X - by, r.Y - by, r.Width + (2 * by), r.Height + (2 * by));

    /// <summary>
    /// The sum of <paramref name="probe"/>'s overlaps with each of <paramref name="taken"/>, added in their order. The
    /// terms are never negative, so the sum never decreases: once it reaches <paramref name="stopAt"/> the candidate
    /// cannot be the least overlapping one and the rest is not added (the value returned is then only known to be at
    /// least <paramref name="stopAt"/>). A sum below it is exactly the full sum.
    /// </summary>
    private static double Overlap(Edges probe, List<Edges> taken, double stopAt)
    {
        var sum = 0.0;
        foreach (ref readonly var o in CollectionsMarshal.AsSpan(taken))
        {
            var w = Math.Min(probe.Right, o.Right) - Math.Max(probe.Left, o.Left);
            var h = Math.Min(probe.Bottom, o.Bottom) - Math.Max(probe.Top, o.Top);
            if (w > 0 && h > 0)
            {
                sum += w * h;
                if (sum >= stopAt)
                {
                    break;
                }
            }
        }

        return sum;
    }

    internal static double OverlapArea(XRect a, XRect b)
    {
        var w = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
        var h = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top);
        return w > 0 && h > 0 ? w * h : 0;
    }

    private static double Distance(XPoint a, XPoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    /// <summary>A rectangle's edges as <see cref="XRect"/> reports them, so the overlap arithmetic is <see cref="OverlapArea"/>'s.</summary>
    private readonly record struct Edges(double Left, double Right, double Top, double Bottom)
    {
        public static Edges Of(XRect r) => new(r.Left, r.Right, r.Top, r.Bottom);
    }
}
