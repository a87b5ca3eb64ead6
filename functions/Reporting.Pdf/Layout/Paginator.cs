namespace Reporting.Pdf.Layout;

/// <summary>A slice placed on a page at an absolute y (top); <see cref="IsRepeatedHeader"/> for a table header drawn again.</summary>
internal sealed record PlacedUnit(Unit Unit, double Y, bool IsRepeatedHeader = false);

/// <summary>The part of one block that falls on one page.</summary>
internal sealed record PlacedFragment(MeasuredBlock Block, IReadOnlyList<PlacedUnit> Units, bool IsFirst, bool IsLast)
{
    public double Top => Units.Count == 0 ? 0 : Units[0].Y;

    public double Bottom => Units.Count == 0 ? 0 : Units[^1].Y + Units[^1].Unit.Height;
}

/// <summary>One page of placed fragments, numbered from 1.</summary>
internal sealed record PageLayout(int Number, IReadOnlyList<PlacedFragment> Fragments);

/// <summary>
/// Places measured blocks on A4 pages: fills each page top to bottom, breaks only between slices,
/// repeats a table's header rows on every page it continues on, keeps headings with the start of what
/// follows, and applies orphan and widow control to text.
/// </summary>
internal static class Paginator
{
    private const double Epsilon = 0.01;

    public static IReadOnlyList<PageLayout> Paginate(IReadOnlyList<MeasuredBlock> blocks)
    {
        var pages = new List<List<PlacedFragment>> { new() };
        var y = Typography.BodyTop;
        var previousSpaceAfter = 0.0;

        bool AtTop() => pages[^1].Count == 0;

        void NewPage()
        {
            pages.Add([]);
            y = Typography.BodyTop;
            previousSpaceAfter = 0;
        }

        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            if (block.IsPageBreak)
            {
                if (!AtTop())
                {
                    NewPage();
                }

                continue;
            }

            if (block.Units.Count == 0)
            {
                // A spacer: space only, and none at the top of a page.
                if (!AtTop())
                {
                    y += Math.Max(previousSpaceAfter, block.SpaceBefore);
                    previousSpaceAfter = 0;
                }

                continue;
            }

            var gap = AtTop() ? 0 : Math.Max(previousSpaceAfter, block.SpaceBefore);
            var needed = Math.Min(gap + StartHeightWithFollowers(blocks, b), Typography.BodyHeight);
            if (!AtTop() && y + needed > Typography.BodyBottom + Epsilon)
            {
                NewPage();
                gap = 0;
            }

            y += gap;
            var index = 0;
            var first = true;
            while (index < block.Units.Count)
            {
                var placed = new List<PlacedUnit>();
                var cursor = y;
                foreach (var header in block.RepeatedHeader)
                {
                    placed.Add(new PlacedUnit(header, cursor, IsRepeatedHeader: !first));
                    cursor += header.Height;
                }

                var fit = CountFitting(block, index, cursor);
                var remaining = block.Units.Count - index - fit;
                if (remaining > 0 && remaining < block.Widows)
                {
                    fit = Math.Max(0, fit - (block.Widows - remaining));
                }

                if (index == 0 && fit < Math.Min(block.Orphans, block.Units.Count))
                {
                    fit = 0;
                }

                if (fit == 0)
                {
                    if (AtTop())
                    {
                        // Nothing fits even on an empty page (cannot happen for measured blocks, which are cut
                        // to the page height); place one slice rather than loop for ever.
                        fit = 1;
                    }
                    else
                    {
                        NewPage();
                        continue;
                    }
                }

                for (var i = 0; i < fit; i++)
                {
                    var unit = block.Units[index + i];
                    if (i > 0)
                    {
                        cursor += unit.GapBefore;
                    }

                    placed.Add(new PlacedUnit(unit, cursor));
                    cursor += unit.Height;
                }

                index += fit;
                pages[^1].Add(new PlacedFragment(block, placed, IsFirst: first, IsLast: index == block.Units.Count));
                y = cursor;
                first = false;
                if (index < block.Units.Count)
                {
                    NewPage();
                }
            }

            previousSpaceAfter = block.SpaceAfter;
        }

        if (pages.Count > 1 && pages[^1].Count == 0)
        {
            pages.RemoveAt(pages.Count - 1);
        }

        return pages.Select((fragments, i) => new PageLayout(i + 1, fragments)).ToList();
    }

    /// <summary>How many slices from <paramref name="start"/> fit between <paramref name="top"/> and the page bottom.</summary>
    private static int CountFitting(MeasuredBlock block, int start, double top)
    {
        var cursor = top;
        var count = 0;
        for (var i = start; i < block.Units.Count; i++)
        {
            var unit = block.Units[i];
            // The first slice of a fragment drops its gap: it starts the block or the page.
            var gap = count == 0 ? 0 : unit.GapBefore;
            if (cursor + gap + unit.Height > Typography.BodyBottom + Epsilon)
            {
                break;
            }

            cursor += gap + unit.Height;
            count++;
        }

        return count;
    }

    /// <summary>
    /// The height a block needs at the foot of a page before it may start there: its minimum start, plus,
    /// for a heading, the gap and minimum start of what follows (recursively for a run of headings).
    /// </summary>
    private static double StartHeightWithFollowers(IReadOnlyList<MeasuredBlock> blocks, int index)
    {
        var block = blocks[index];
        var height = block.MinimumStartHeight;
        if (!block.KeepWithNext)
        {
            return height;
        }

        height = block.Units.Sum(u => u.Height);
        for (var next = index + 1; next < blocks.Count; next++)
        {
            var follower = blocks[next];
            if (follower.IsPageBreak)
            {
                break;
            }

            if (follower.Units.Count == 0)
            {
                continue;
            }

            height += Math.Max(block.SpaceAfter, follower.SpaceBefore) + StartHeightWithFollowers(blocks, next);
            break;
        }

        return height;
    }
}
