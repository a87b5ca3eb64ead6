using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.TrialSections;

/// <summary>A site's readmission by engagement group, or null when not recorded.</summary>
internal sealed record SiteOutcomeRow(string SiteId, OutcomeGroups? Outcome);

/// <summary>Readmission by engagement group per site and pooled; <see cref="Pooled"/> null when not available.</summary>
internal sealed record OutcomeModel(IReadOnlyList<SiteOutcomeRow> Rows, OutcomeGroups? Pooled)
{
    public static OutcomeModel From(RunModel run) =>
        new(run.Sites.Select(s => new SiteOutcomeRow(s.SiteId, s.Outcome)).ToList(), run.Pooled.Outcome);
}

/// <summary>Formats <see cref="OutcomeModel"/>.</summary>
internal static class OutcomeSection
{
    public static IEnumerable<Block> Compose(OutcomeModel m)
    {
        yield return new Heading(2, TrialReportDocument.Sections.Outcome);
        if (m.Pooled is not { } pooled)
        {
            yield return new Paragraph(
                "Outcome by engagement is not available: it needs contacts.csv (to tell engaged from not engaged participants) and readmitted_12m recorded for at least one participant.");
            yield break;
        }

        yield return new Note(
            "Descriptive only. Readmission within 12 months, where recorded, by group: participants chose whether to engage, so these groups are not randomised comparisons and differences between them are not effects of peer support.");
        var rows = m.Rows.Select(r => r.Outcome is { } o
            ? new TableRow([r.SiteId, .. Cells(o)])
            : new TableRow([r.SiteId, new TableCell("not recorded", 6)])).ToList();
        rows.Add(new TableRow([new TableCell("Pooled"), .. Cells(pooled)], RowEmphasis.Bold));
        yield return new Table(
            [
                new TableColumn(45),
                new TableColumn(50, ColumnAlignment.Right), new TableColumn(92, ColumnAlignment.Right),
                new TableColumn(50, ColumnAlignment.Right), new TableColumn(92, ColumnAlignment.Right),
                new TableColumn(50, ColumnAlignment.Right), new TableColumn(92, ColumnAlignment.Right),
            ],
            [
                new TableRow([string.Empty, new TableCell("Engaged", 2), new TableCell("Not engaged (peer support arm)", 2), new TableCell("Usual care", 2)]),
                new TableRow(["Site", "Readmitted", "% (95% CI)", "Readmitted", "% (95% CI)", "Readmitted", "% (95% CI)"]),
            ],
            rows) { RowHeaders = true };
    }

    private static IEnumerable<TableCell> Cells(OutcomeGroups o)
    {
        foreach (var p in new[] { o.Engaged, o.NotEngaged, o.UsualCare })
        {
            yield return $"{F.Count(p.Count)}/{F.Count(p.Total)}";
            yield return F.PercentWithInterval(p);
        }
    }
}
