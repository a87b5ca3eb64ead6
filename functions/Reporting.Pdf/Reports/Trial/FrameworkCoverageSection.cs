using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.TrialSections;

/// <summary>A construct's coverage; whether it was coded under a domain that lists its constructs but not this one; whether nobody was coded under it.</summary>
internal sealed record CoverageLine(CoverageRow Row, bool OutsideFramework, bool Uncoded);

/// <summary>The coding framework's coverage: codes and sources per construct, and the constructs nobody was coded under.</summary>
internal sealed record FrameworkCoverageModel(FrameworkSummary Framework, IReadOnlyList<CoverageLine> Rows, FrameworkLabels Labels)
{
    public static FrameworkCoverageModel From(RunModel run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var labels = FrameworkLabels.From(run.Framework);
        return new(
            run.Framework,
            run.Framework.Coverage.Select(r => new CoverageLine(r, !r.Listed && labels.ListsConstructs(r.Domain), r.Segments == 0)).ToList(),
            labels);
    }
}

/// <summary>Formats <see cref="FrameworkCoverageModel"/>.</summary>
internal static class FrameworkCoverageSection
{
    public static IEnumerable<Block> Compose(FrameworkCoverageModel m)
    {
        yield return new Heading(2, TrialReportDocument.Sections.FrameworkCoverage);
        var fw = m.Framework;
        if (fw.Open)
        {
            yield return new Paragraph(
                "Codings were filed under the open framework, which accepts any domain and construct: the table lists every construct coded, in the adapted PARIHS order of domains.");
        }
        else
        {
            var domains = fw.Domains.Select(d => d.Constructs is { } listed
                ? $"{d.Label} ({F.Plural(listed.Count, "construct", "constructs")})"
                : $"{d.Label} (any construct)").ToList();
            yield return new Paragraph(
                $"Codings were filed under {m.Labels.Name}, whose domains are {F.List(domains)}. The table lists every construct the framework names and any other construct coded, " +
                "with the distinct codes, sources (interviewees), sites and coded segments under it.");
        }

        if (fw.CoverageUnavailableReason is { } reason)
        {
            yield return new Paragraph(reason);
            yield break;
        }

        if (m.Rows.Count == 0)
        {
            yield return new Paragraph("No construct was coded.");
            yield break;
        }

        if (m.Rows.Any(r => r.OutsideFramework))
        {
            yield return new Paragraph(
                "A construct marked “not in the framework” was coded under a domain whose constructs the framework lists, but is none of them (validation warns of it as unknown-construct).");
        }

        yield return new Table(
            [
                new TableColumn(90), new TableColumn(185), new TableColumn(45, ColumnAlignment.Right), new TableColumn(45, ColumnAlignment.Right),
                new TableColumn(40, ColumnAlignment.Right), new TableColumn(55, ColumnAlignment.Right),
            ],
            [new TableRow(["Domain", "Construct", "Codes", "Sources", "Sites", "Coded segments"])],
            m.Rows.Select(r => new TableRow(
            [
                m.Labels.Label(r.Row.Domain),
                r.OutsideFramework ? $"{r.Row.Construct} (not in the framework)" : r.Row.Construct,
                F.Count(r.Row.Codes),
                F.Count(r.Row.Sources),
                F.Count(r.Row.Sites),
                F.Count(r.Row.Segments),
            ], r.Uncoded ? RowEmphasis.Highlight : RowEmphasis.None)).ToList()) { KeepTogether = true };

        if (fw.Open)
        {
            yield break;
        }

        yield return fw.Uncoded.Count == 0
            ? new Paragraph("Every construct the framework names was coded.")
            : new Paragraph(
            [
                TextRun.Bold($"Not coded ({F.Plural(fw.Uncoded.Count, "construct", "constructs")}, highlighted): "),
                F.List(fw.Uncoded.Select(u => m.Labels.GroupLabel(u.Domain, u.Construct)).ToList()) + $". Nobody was coded under {(fw.Uncoded.Count == 1 ? "it" : "them")}; whether that is a gap in what was asked or in what happened, the data cannot say.",
            ]);
    }
}
