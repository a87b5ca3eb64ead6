using Reporting.Core.Analysis;
using Reporting.Pdf.SharedSections;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.TrialSections;

/// <summary>Pattern D for one outlier, with the outlier's site result when the run has it.</summary>
internal sealed record OutlierPatternRow(OutlierPattern Pattern, SiteResult? Site);

/// <summary>
/// The cross-case comparison: the framework matrix and patterns A–D, or why they are not available
/// (<see cref="Matrix"/> or <see cref="Patterns"/> null).
/// </summary>
/// <remarks><see cref="MatrixFitsPage"/>: Whether the matrix has few enough cases to print as a table. <see cref="Labels"/>: the framework's domain labels.</remarks>
internal sealed record PatternsModel(
    FrameworkMatrix? Matrix,
    Patterns? Patterns,
    string? UnavailableReason,
    bool MatrixFitsPage,
    IReadOnlyList<OutlierPatternRow> Outliers,
    FrameworkLabels Labels)
{
    /// <summary>The widest matrix printed: more cases than this are left to run.json.</summary>
    public const int MaxMatrixCases = 10;

    public static PatternsModel From(RunModel run)
    {
        var cc = run.CrossCase;
        return new PatternsModel(
            cc.Matrix,
            cc.Patterns,
            cc.UnavailableReason,
            cc.Matrix is { } m && m.SiteIds.Count <= MaxMatrixCases,
            (cc.Patterns?.D ?? []).Select(d => new OutlierPatternRow(d, run.Sites.FirstOrDefault(s => s.SiteId == d.SiteId))).ToList(),
            FrameworkLabels.From(run.Framework));
    }
}

/// <summary>Formats <see cref="PatternsModel"/>.</summary>
internal static class PatternsSection
{
    public static IEnumerable<Block> Compose(PatternsModel m)
    {
        yield return new Heading(2, TrialReportDocument.Sections.Patterns);
        if (m.Matrix is not { } matrix || m.Patterns is not { } patterns)
        {
            yield return new Paragraph(m.UnavailableReason ?? ReportText.CrossCaseUnavailable);
            yield break;
        }

        yield return new Paragraph(
            $"Coded interview data from the {F.Plural(matrix.SiteIds.Count, "selected case", "selected cases")} ({string.Join(", ", matrix.SiteIds)}) were compared in a framework matrix of " +
            $"{F.Plural(matrix.Rows.Count, "code", "codes")}, grouped by domain and construct {m.Labels.Grouping}. A site has a code when " +
            $"{F.Count(matrix.MinSourcesPerCode)} or more distinct sources (pseudonymised interviewees) at that site were coded with it. " +
            "Each code lists the sites that have it, its sources, how its coded segments lean (facilitator, barrier, neutral) and up to three quoted excerpts.");

        foreach (var block in Matrix(matrix, m.MatrixFitsPage, m.Labels))
        {
            yield return block;
        }

        foreach (var (pattern, title) in new[] { (patterns.A, "Pattern A: shared by every case"), (patterns.B, "Pattern B: high–high cases only"), (patterns.C, "Pattern C: low–low cases only") })
        {
            yield return new Heading(3, title);
            yield return new Paragraph(pattern.Description);
            if (!pattern.Available)
            {
                yield return new Paragraph($"Pattern {pattern.Id} is not available: {pattern.UnavailableReason}");
            }
            else if (pattern.Codes.Count == 0)
            {
                yield return new Paragraph($"No code fits pattern {pattern.Id}.");
            }
            else
            {
                foreach (var block in CodeBlocks.PatternCodes(m.Labels, pattern.Codes))
                {
                    yield return block;
                }
            }
        }

        if (m.Outliers.Count == 0)
        {
            yield return new Heading(3, "Pattern D: outliers");
            yield return new Paragraph(patterns.DUnavailableReason ?? "No outlier was selected, so pattern D is not available.");
        }

        foreach (var (d, site) in m.Outliers)
        {
            yield return new Heading(3, $"Pattern D: outlier {(site is null ? d.SiteId : F.SiteName(site))}");
            if (site is not null)
            {
                yield return new Paragraph(site.RoleReason);
            }

            foreach (var (codes, label, none) in new[]
            {
                (d.SharedWithHighHigh, "Pattern B codes it has (shared with the high–high cases)", "It has none of the pattern B codes."),
                (d.SharedWithLowLow, "Pattern C codes it has (shared with the low–low cases)", "It has none of the pattern C codes."),
                (d.Unique, "Codes no other selected case has", "It has no code that no other selected case has."),
            })
            {
                yield return new Paragraph([TextRun.Bold(label)]);
                if (codes.Count == 0)
                {
                    yield return new Paragraph(none);
                }
                else
                {
                    foreach (var block in CodeBlocks.PatternCodes(m.Labels, codes, showSites: false))
                    {
                        yield return block;
                    }
                }
            }
        }
    }

    /// <summary>Sources per cell of the matrix when it fits the page; wider matrices are left to run.json.</summary>
    private static IEnumerable<Block> Matrix(FrameworkMatrix matrix, bool fitsPage, FrameworkLabels labels)
    {
        yield return new Heading(3, "Framework matrix");
        if (matrix.Rows.Count == 0)
        {
            yield return new Paragraph("No code was recorded at the selected cases.");
            yield break;
        }

        if (!fitsPage)
        {
            yield return new Paragraph(
                $"With {F.Plural(matrix.SiteIds.Count, "case", "cases")} the matrix is too wide to print; it is in run.json (crossCase.matrix). The patterns below summarise it.");
            yield break;
        }

        yield return new Paragraph(
            "Number of distinct sources coded with each code at each case; an empty cell means none, a number in brackets means too few sources for the site to have the code.");
        var columns = new List<TableColumn> { new(110), new(190) };
        columns.AddRange(matrix.SiteIds.Select(_ => new TableColumn(Math.Min(34, 170.0 / matrix.SiteIds.Count), ColumnAlignment.Center)));
        var header = new List<TableCell> { "Domain · construct", "Code" };
        header.AddRange(matrix.SiteIds.Select(id => new TableCell(id)));
        var rows = matrix.Rows.Select(r =>
        {
            var cells = new List<TableCell> { labels.GroupLabel(r.Code), r.Code.Code.Trim() };
            cells.AddRange(r.Cells.Select(c => new TableCell(
                c.Sources.Count == 0 ? string.Empty : c.Has ? F.Count(c.Sources.Count) : $"({F.Count(c.Sources.Count)})")));
            return new TableRow(cells);
        }).ToList();
        yield return new Table(columns, [new TableRow(header)], rows);
    }
}
