using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.TrialSections;

/// <summary>A group of an axis as the report lists it: its column number in the matrix and the number of codes it has.</summary>
internal sealed record AxisGroupRow(int Number, AxisGroup Group, int CodesHeld);

/// <summary>The codes distinctive of one group (empty when it has none).</summary>
internal sealed record DistinctiveRow(AxisGroupRow Group, IReadOnlyList<GroupCode> Codes);

/// <summary>One row of a structured interview item's table: a group (or every source) and its statistics.</summary>
internal sealed record ItemRow(string Label, ItemStatistics Statistics, bool All);

/// <summary>One structured interview item on one axis: its rows, one per group, then every source.</summary>
internal sealed record ItemTable(InterviewItemSummary Item, IReadOnlyList<ItemRow> Rows);

/// <summary>
/// One axis of the comparison by context and stakeholder group: Core's comparison with the values chosen for the
/// page. The groups × codes matrix prints with one column per group; with more than
/// <see cref="AxisModel.MaxLabelledGroups"/> groups the columns are numbered (G1, G2, …) and the groups table is the
/// legend, and with more than <see cref="AxisModel.MaxGroupColumns"/> groups the matrix is split into several tables
/// of at most that many group columns, each repeating the code columns (pages are A4 portrait only).
/// </summary>
/// <param name="Axis">Core's comparison along the axis.</param>
/// <param name="Groups">The groups in the axis' order, numbered from 1, with the number of codes each has.</param>
/// <param name="NumberedColumns">Whether the matrix heads its group columns G1, G2, … rather than with the groups' labels.</param>
/// <param name="MatrixParts">The group indexes (0-based) of each matrix table, in order.</param>
/// <param name="Distinctive">Per group, the codes only it has (empty when shared and distinctive codes are unavailable).</param>
/// <param name="Items">The structured interview items' tables.</param>
/// <param name="Labels">The framework's domain labels.</param>
internal sealed record AxisModel(
    AxisComparison Axis,
    IReadOnlyList<AxisGroupRow> Groups,
    bool NumberedColumns,
    IReadOnlyList<IReadOnlyList<int>> MatrixParts,
    IReadOnlyList<DistinctiveRow> Distinctive,
    IReadOnlyList<ItemTable> Items,
    FrameworkLabels Labels)
{
    /// <summary>The most groups whose labels head the matrix columns; more are numbered.</summary>
    public const int MaxLabelledGroups = 4;

    /// <summary>The most group columns in one matrix table; more groups split the matrix.</summary>
    public const int MaxGroupColumns = 8;

    /// <summary>Whether the groups are sites (a site characteristic) rather than sources (the stakeholder group).</summary>
    public bool SiteAxis => Axis.Kind == AxisKind.Site;

    public static AxisModel From(AxisComparison axis, FrameworkLabels labels)
    {
        ArgumentNullException.ThrowIfNull(axis);
        ArgumentNullException.ThrowIfNull(labels);
        var groups = axis.Groups
            .Select((g, i) => new AxisGroupRow(i + 1, g, axis.Matrix.Count(r => r.Cells[i].Has)))
            .ToList();
        var parts = groups.Select((_, i) => i).Chunk(MaxGroupColumns).Select(c => (IReadOnlyList<int>)c).ToList();
        var distinctive = axis.UnavailableReason is null
            ? groups.Select(g => new DistinctiveRow(g, axis.DistinctiveOf(g.Group.Value))).ToList()
            : [];
        var labelOf = axis.Groups.ToDictionary(g => g.Value, g => g.Label, StringComparer.Ordinal);
        var items = axis.InterviewItems
            .Select(item => new ItemTable(item,
            [
                .. item.Groups.Select(s => new ItemRow(labelOf.GetValueOrDefault(s.Value, s.Value), s, All: false)),
                new ItemRow("All sources", item.All, All: true),
            ]))
            .ToList();
        return new AxisModel(axis, groups, groups.Count > MaxLabelledGroups, parts, distinctive, items, labels);
    }
}

/// <summary>The comparisons by context and stakeholder group, one section per axis in the run's order.</summary>
internal sealed record ComparisonsModel(IReadOnlyList<AxisModel> Axes)
{
    public static ComparisonsModel From(RunModel run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var labels = FrameworkLabels.From(run.Framework);
        return new(run.Comparisons.Select(c => AxisModel.From(c, labels)).ToList());
    }
}

/// <summary>Formats <see cref="ComparisonsModel"/>: a section per axis.</summary>
internal static class ComparisonsSection
{
    public static IEnumerable<Block> Compose(ComparisonsModel m)
    {
        for (var i = 0; i < m.Axes.Count; i++)
        {
            // The comparisons are a part of their own: the first starts a page, the others follow it.
            if (i == 0)
            {
                yield return new PageBreak();
            }

            foreach (var block in Axis(m.Axes[i]))
            {
                yield return block;
            }
        }
    }

    private static IEnumerable<Block> Axis(AxisModel m)
    {
        var axis = m.Axis;
        yield return new Heading(2, TrialReportDocument.Sections.Comparison(axis.Label));
        var what = m.SiteAxis
            ? $"Sites are grouped by {F.InSentence(axis.Label)}, each site with all its coded sources in its group"
            : "Coded sources (pseudonymised interviewees) are grouped by their stakeholder group, across sites";
        yield return new Paragraph(
            $"{what}: {F.Plural(axis.Groups.Count, "group", "groups")} present in the data. A group has a code when {F.Count(axis.MinSourcesPerCode)} or more distinct sources in the group were coded with it. " +
            "Codes are compared by domain, construct and code text, ignoring case.");
        if (axis.Split is { } split)
        {
            yield return new Paragraph(split);
        }

        foreach (var left in axis.LeftOut)
        {
            yield return new Paragraph(left);
        }

        foreach (var caution in axis.Cautions)
        {
            yield return new Note(caution);
        }

        foreach (var block in Groups(m))
        {
            yield return block;
        }

        foreach (var block in Matrix(m))
        {
            yield return block;
        }

        foreach (var block in SharedAndDistinctive(m))
        {
            yield return block;
        }

        foreach (var block in Items(m))
        {
            yield return block;
        }
    }

    private static IEnumerable<Block> Groups(AxisModel m)
    {
        yield return new Heading(3, "Groups");
        if (m.Groups.Count == 0)
        {
            yield return new Paragraph("No group is present on this axis.");
            yield break;
        }

        yield return new Paragraph(
            "Per group: its sites, its coded sources, the codes it has, how many of those lean towards facilitator or barrier (more segments coded one way than the other) and its coded segments by valence.");
        yield return new Table(
            [
                new TableColumn(92), new TableColumn(112), new TableColumn(44, ColumnAlignment.Right), new TableColumn(40, ColumnAlignment.Right),
                new TableColumn(50, ColumnAlignment.Right), new TableColumn(44, ColumnAlignment.Right), new TableColumn(84, ColumnAlignment.Right),
            ],
            [new TableRow(["Group", "Sites", "Coded sources", "Codes it has", "Leaning facilitator", "Leaning barrier", "Segments: facilitator / barrier / neutral"])],
            m.Groups.Select(g => new TableRow(
            [
                m.NumberedColumns ? $"G{F.Count(g.Number)} {g.Group.Label}" : g.Group.Label,
                $"{F.Count(g.Group.Sites.Count)}: {string.Join(", ", g.Group.Sites)}",
                F.Count(g.Group.Sources.Count),
                F.Count(g.CodesHeld),
                F.Count(g.Group.FacilitatorCodes),
                F.Count(g.Group.BarrierCodes),
                $"{F.Count(g.Group.Valence.Facilitator)} / {F.Count(g.Group.Valence.Barrier)} / {F.Count(g.Group.Valence.Neutral)}",
            ])).ToList()) { RowHeaders = true, KeepTogether = true };
    }

    private static IEnumerable<Block> Matrix(AxisModel m)
    {
        yield return new Heading(3, "Codes by group");
        if (m.Axis.Matrix.Count == 0)
        {
            yield return new Paragraph("No code was recorded on this axis.");
            yield break;
        }

        var cell = m.SiteAxis
            ? "Each cell: the number of distinct sources in the group coded with the code, then how many of the group’s sites have the code (3 · 2/5: three sources, at two of the group’s five sites)"
            : "Each cell: the number of distinct sources in the group coded with the code";
        var columns = m.NumberedColumns ? $" Columns G1–G{F.Count(m.Groups.Count)} are the groups numbered as in the table above." : "";
        var split = m.MatrixParts.Count > 1 ? $" With {F.Plural(m.Groups.Count, "group", "groups")} the matrix is printed in {F.Count(m.MatrixParts.Count)} tables of at most {F.Count(AxisModel.MaxGroupColumns)} groups." : "";
        yield return new Paragraph(
            $"{F.Plural(m.Axis.Matrix.Count, "code", "codes")}, grouped by domain and construct {m.Labels.Grouping}. {cell}; an empty cell means none, a number in brackets too few sources for the group to have the code.{columns}{split}");

        foreach (var part in m.MatrixParts)
        {
            var tableColumns = new List<TableColumn> { new(92), new(160) };
            tableColumns.AddRange(part.Select(_ => new TableColumn(m.NumberedColumns ? 30 : 60, ColumnAlignment.Center)));
            var header = new List<TableCell> { "Domain · construct", "Code" };
            header.AddRange(part.Select(i => new TableCell(m.NumberedColumns ? $"G{F.Count(m.Groups[i].Number)}" : m.Groups[i].Group.Label)));
            var rows = m.Axis.Matrix.Select(r =>
            {
                var cells = new List<TableCell> { m.Labels.GroupLabel(r.Code), r.Code.Code.Trim() };
                cells.AddRange(part.Select(i => new TableCell(Cell(r.Cells[i], m.NumberedColumns))));
                return new TableRow(cells);
            }).ToList();
            yield return new Table(tableColumns, [new TableRow(header)], rows);
        }
    }

    /// <summary>"3 · 2/5" (sources · sites with the code of the group's sites); in a narrow numbered column on two lines.</summary>
    private static string Cell(AxisCell c, bool narrow)
    {
        if (c.Sources.Count == 0)
        {
            return string.Empty;
        }

        var sources = c.Has ? F.Count(c.Sources.Count) : $"({F.Count(c.Sources.Count)})";
        return c.SitesWithCode is { } k && c.Sites is { } n ? $"{sources}{(narrow ? "\n" : " · ")}{F.Count(k)}/{F.Count(n)}" : sources;
    }

    private static IEnumerable<Block> SharedAndDistinctive(AxisModel m)
    {
        var axis = m.Axis;
        if (axis.UnavailableReason is { } reason)
        {
            yield return new Heading(3, "Shared and distinctive codes");
            yield return new Paragraph(reason);
            yield break;
        }

        yield return new Heading(3, "Shared codes");
        if (axis.Shared.Count == 0)
        {
            yield return new Paragraph("No code is held by every group.");
        }
        else
        {
            yield return new Paragraph($"{F.Plural(axis.Shared.Count, "code is", "codes are")} held by every group:");
            foreach (var block in CodeBlocks.CodeNames(m.Labels, axis.Shared))
            {
                yield return block;
            }
        }

        yield return new Heading(3, "Distinctive codes");
        yield return new Paragraph(
            "A code is distinctive of a group when the group has it and no other group does. Each lists its sources in the group and its coded segments" +
            (m.SiteAxis ? "; a code held by only some of the group’s sites says how many." : "."));
        foreach (var (group, codes) in m.Distinctive.Where(d => d.Codes.Count > 0))
        {
            yield return new Paragraph([TextRun.Bold(group.Group.Label), $": {F.Plural(codes.Count, "code", "codes")} no other group has."]);
            yield return new BulletList(codes.Select(c => new Paragraph(Distinctive(m, group.Group, c))).ToList());
        }

        var none = m.Distinctive.Where(d => d.Codes.Count == 0).Select(d => d.Group.Group.Label).ToList();
        if (none.Count > 0)
        {
            yield return new Paragraph($"No code is distinctive of {F.List(none)}.");
        }
    }

    private static List<TextRun> Distinctive(AxisModel m, AxisGroup group, GroupCode c)
    {
        var runs = new List<TextRun>
        {
            TextRun.Bold(c.Code.Code.Trim()),
            $" ({m.Labels.GroupLabel(c.Code)}): {F.Plural(c.Sources.Count, "source", "sources")} ({string.Join(", ", c.Sources)}); ",
        };
        if (c.HeldBySomeSites)
        {
            runs.Add(m.Axis.Split is null
                ? $"{F.Count(c.SitesWithCode!.Value)} of {F.Count(c.Sites!.Value)} {group.Label} sites; "
                : $"{F.Count(c.SitesWithCode!.Value)} of the {F.Count(c.Sites!.Value)} sites {group.Label}; ");
        }

        runs.Add($"coded segments: {F.Valence(c.Valence)}.");
        return runs;
    }

    private static IEnumerable<Block> Items(AxisModel m)
    {
        var axis = m.Axis;
        if (axis.InterviewItems.Count == 0 && axis.InterviewItemsUnavailableReason is null)
        {
            yield break;
        }

        yield return new Heading(3, "Structured interview answers");
        if (axis.InterviewItemsUnavailableReason is { } reason)
        {
            yield return new Paragraph(reason);
            yield break;
        }

        yield return new Paragraph(
            "Per item and group: the number of sources who answered, the median, the quartiles (R’s type 7) and the mean of their scores. Descriptive only: no test compares the groups.");
        foreach (var (item, rows) in m.Items)
        {
            // The item heads its own table, so it repeats with the header and never parts from its rows.
            yield return new Table(
                [
                    new TableColumn(150), new TableColumn(50, ColumnAlignment.Right), new TableColumn(60, ColumnAlignment.Right),
                    new TableColumn(90, ColumnAlignment.Right), new TableColumn(60, ColumnAlignment.Right),
                ],
                [
                    new TableRow([new TableCell($"{item.ItemId}. {item.Text} (scores {F.Number(item.Min)}–{F.Number(item.Max)})", 5)]),
                    new TableRow(["Group", "Sources", "Median", "Quartiles", "Mean"]),
                ],
                rows.Select(r => new TableRow(
                [
                    r.Label,
                    F.Count(r.Statistics.N),
                    F.Statistic(r.Statistics.Median),
                    r.Statistics.LowerQuartile is null ? F.Missing : $"{F.Statistic(r.Statistics.LowerQuartile)}–{F.Statistic(r.Statistics.UpperQuartile)}",
                    F.Statistic(r.Statistics.Mean),
                ], r.All ? RowEmphasis.Bold : RowEmphasis.None)).ToList()) { RowHeaders = true, KeepTogether = true };
        }
    }
}
