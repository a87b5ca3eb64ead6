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

    /// <summary>Each direction's unit vector and the side (-1, 0, 1) the label lies on along each axis, computed once.</summary>
    private static readonly (double Ux, double Uy, int Sx, int Sy)[] _directions = [.. _angles.Select(angle =>
    {
        var radians = angle * Math.PI / 180;
        var (ux, uy) = (Math.Cos(radians), Math.Sin(radians));
        return (ux, uy, Math.Sign(Math.Round(ux, 6)), Math.Sign(Math.Round(uy, 6)));
    })];

    public static IReadOnlyList<LabelPlacement> Place(IReadOnlyList<LabelRequest> requests, XRect bounds, IReadOnlyList<XRect> obstacles)
    {
        var result = new LabelPlacement?[requests.Count];

        // The edges of every obstacle and placed label, read once, in a grid over the bounds: a candidate's overlap sum
        // visits only the rectangles in the cells it touches, not all of them (200 labels, each trying up to 144
        // candidates, against 400 rectangles in a 200-site scatter).
        var taken = new Taken(bounds, obstacles.Count + requests.Count);
        foreach (var obstacle in obstacles)
        {
            taken.Add(Edges.Of(obstacle));
        }

        var order = CrowdedFirst(requests);

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

                var overlap = taken.Overlap(Edges.Of(Inflate(rect, Padding)), bestOverlap);
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

    /// <summary>
    /// The labels' indices, those with the most labels' markers within 40 pt (themselves included) first, ties in index order.
    /// Distances are symmetric (the same two differences, squared), so each pair is measured once.
    /// </summary>
    internal static int[] CrowdedFirst(IReadOnlyList<LabelRequest> requests)
    {
        var neighbours = new int[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var anchor = requests[i].Anchor;
            if (Distance(anchor, anchor) < 40)
            {
                // Itself (not when its position is not a number).
                neighbours[i]++;
            }

            for (var j = i + 1; j < requests.Count; j++)
            {
                if (Distance(requests[j].Anchor, anchor) < 40)
                {
                    neighbours[i]++;
                    neighbours[j]++;
                }
            }
        }

        var order = new int[requests.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => neighbours[a] != neighbours[b] ? neighbours[b].CompareTo(neighbours[a]) : a.CompareTo(b));
        return order;
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
                var (ux, uy, sx, sy) = _directions[k];

                // The label's nearest edge sits on the ring in that direction.
                var cx = request.Anchor.X + (ux * distance) + (sx * w / 2);
                var cy = request.Anchor.Y + (uy * distance) + (sy * h / 2);
                yield return (new XRect(cx - (w / 2), cy - (h / 2), w, h), ring);
            }
        }
    }

    private static bool Inside(XRect rect, XRect bounds) =>
        rect.Left >= bounds.Left + 1 && rect.Right <= bounds.Right - 1 && rect.Top >= bounds.Top + 1 && rect.Bottom <= bounds.Bottom - 1;

    private static XRect Inflate(XRect r, double by) => new(r.X - by, r.Y - by, r.Width + (2 * by), r.Height + (2 * by));

    internal static double OverlapArea(XRect a, XRect b)
    {
        var w = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
        var h = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top);
        return w > 0 && h > 0 ? w * h : 0;
    }

    private static double Distance(XPoint a, XPoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    /// <summary>
    /// The obstacles and placed labels, in the order they were added, with a grid of cells over the placement bounds
    /// that lists the rectangles touching each cell (a rectangle partly outside the bounds is listed in the edge cells).
    /// </summary>
    private sealed class Taken
    {
        private const double CellSize = 24;
        private readonly List<Edges> _rects;
        private readonly List<int>[] _cells;
        private readonly double _left;
        private readonly double _top;
        private readonly int _columns;
        private readonly int _rows;
        private readonly List<int> _found = [];
        private int[] _seenIn = [];
        private int _query;

        public Taken(XRect bounds, int capacity)
        {
            _rects = new List<Edges>(capacity);
            _left = bounds.Left;
            _top = bounds.Top;
            _columns = Math.Clamp((int)Math.Ceiling(bounds.Width / CellSize), 1, 256);
            _rows = Math.Clamp((int)Math.Ceiling(bounds.Height / CellSize), 1, 256);
            _cells = new List<int>[_columns * _rows];
        }

        public void Add(Edges rect)
        {
            var index = _rects.Count;
            _rects.Add(rect);
            if (_seenIn.Length < _rects.Count)
            {
                Array.Resize(ref _seenIn, _rects.Capacity);
            }

            var (c0, c1, r0, r1) = CellRange(rect);
            for (var r = r0; r <= r1; r++)
            {
                for (var c = c0; c <= c1; c++)
                {
                    (_cells[(r * _columns) + c] ??= []).Add(index);
                }
            }
        }

        /// <summary>
        /// The sum of <paramref name="probe"/>'s overlaps with each rectangle, added in the order the rectangles were
        /// added. Only rectangles sharing a cell with the probe can overlap it, and the others' terms are not added, so
        /// the sum is the one over all rectangles, to the last bit. The terms are never negative, so the sum never
        /// decreases: once it reaches <paramref name="stopAt"/> the candidate cannot be the least overlapping one and
        /// the rest is not added (the value returned is then only known to be at least <paramref name="stopAt"/>). A
        /// sum below it is exactly the full sum.
        /// </summary>
        public double Overlap(Edges probe, double stopAt)
        {
            var (c0, c1, r0, r1) = CellRange(probe);
            if (c0 == c1 && r0 == r1)
            {
                // One cell (most probes: a label is smaller than a cell): its list is in the order the rectangles were
                // added and holds each once, so it is summed as it is.
                return _cells[(r0 * _columns) + c0] is { } only ? Sum(probe, CollectionsMarshal.AsSpan(only), stopAt) : 0;
            }

            _query++;
            _found.Clear();
            for (var r = r0; r <= r1; r++)
            {
                for (var c = c0; c <= c1; c++)
                {
                    if (_cells[(r * _columns) + c] is not { } cell)
                    {
                        continue;
                    }

                    foreach (var index in CollectionsMarshal.AsSpan(cell))
                    {
                        if (_seenIn[index] != _query)
                        {
                            _seenIn[index] = _query;
                            _found.Add(index);
                        }
                    }
                }
            }

            // Into the order the rectangles were added: the cells' lists are each in that order already, so the few
            // indices found are nearly sorted.
            var found = CollectionsMarshal.AsSpan(_found);
            for (var i = 1; i < found.Length; i++)
            {
                var index = found[i];
                var j = i - 1;
                while (j >= 0 && found[j] > index)
                {
                    found[j + 1] = found[j];
                    j--;
                }

                found[j + 1] = index;
            }

            return Sum(probe, found, stopAt);
        }

        /// <summary>The overlaps of <paramref name="probe"/> with the rectangles <paramref name="indices"/>, in that order, until <paramref name="stopAt"/>.</summary>
        private double Sum(Edges probe, ReadOnlySpan<int> indices, double stopAt)
        {
            var sum = 0.0;
            var rects = CollectionsMarshal.AsSpan(_rects);
            foreach (var index in indices)
            {
                ref readonly var o = ref rects[index];
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

        // The cells a rectangle touches, edges included (a rectangle ending exactly on a cell's edge is listed in both
        // cells: listing too many is harmless, too few would drop a term), clamped to the grid.
        private (int C0, int C1, int R0, int R1) CellRange(Edges r) =>
            (Column(r.Left), Column(r.Right), Row(r.Top), Row(r.Bottom));

        private int Column(double x) => Clamp((x - _left) / CellSize, _columns);

        private int Row(double y) => Clamp((y - _top) / CellSize, _rows);

        // NaN (a rectangle with no position) lands in the first cell; it overlaps nothing either way.
        private static int Clamp(double cell, int count) => cell >= count ? count - 1 : cell > 0 ? (int)cell : 0;
    }

    /// <summary>A rectangle's edges as <see cref="XRect"/> reports them, so the overlap arithmetic is <see cref="OverlapArea"/>'s.</summary>
    private readonly record struct Edges(double Left, double Right, double Top, double Bottom)
    {
        public static Edges Of(XRect r) => new(r.Left, r.Right, r.Top, r.Bottom);
    }
}
