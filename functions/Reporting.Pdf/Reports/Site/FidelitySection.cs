using Reporting.Core.Analysis;
using Reporting.Core.Metrics;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.SiteSections;

/// <summary>The site's latest fidelity assessment (null when it has none), with the complete raters' ids for the item table.</summary>
internal sealed record SiteFidelityModel(SiteFidelity? Fidelity, IReadOnlyList<string> CompleteRaters)
{
    public static SiteFidelityModel From(SiteResult site) =>
        new(site.Fidelity is { AssessedOn: not null } f ? f : null, site.Fidelity?.Raters.Where(r => r.Complete).Select(r => r.RaterId).ToList() ?? []);
}

/// <summary>Formats <see cref="SiteFidelityModel"/>.</summary>
internal static class SiteFidelitySection
{
    public static IEnumerable<Block> Compose(SiteFidelityModel m)
    {
        yield return new Heading(2, SiteReportDocument.Sections.Fidelity);
        if (m.Fidelity is not { } f)
        {
            yield return new Paragraph("This site has no fidelity assessment in this run.");
            yield break;
        }

        var raters = string.Join("; ", f.Raters.Select(r => r.Total is { } total
            ? $"{r.RaterId} {F.Score(total)}"
            : $"{r.RaterId} incomplete (missing {string.Join(", ", r.MissingItems)})"));
        var items = new List<Paragraph>
        {
            new([TextRun.Bold("Assessed: "), F.Date(f.AssessedOn) + " (the latest assessment)."]),
            new([TextRun.Bold("Rater totals: "), raters + "."]),
            new([TextRun.Bold("Site score: "), f.Score is { } s ? $"{F.Score(s)}, the mean of the complete raters’ totals." : "none: no rater scored every item."]),
        };
        if (f.ExactAgreementShare is { } share && f.Agreement is { } agreement)
        {
            items.Add(new([TextRun.Bold("Agreement: "), $"exact on {F.Percent(share)} of {F.Plural(agreement.Count, "item", "items")}; largest difference between rater totals {F.Score(f.LargestRaterDifference)}."]));
        }

        yield return new BulletList(items);
        if (f.Agreement is { Count: > 0 } rows)
        {
            var columns = new List<TableColumn> { new(90) };
            columns.AddRange(m.CompleteRaters.Select(_ => new TableColumn(50, ColumnAlignment.Right)));
            columns.Add(new TableColumn(70, ColumnAlignment.Center));
            var header = new List<TableCell> { "Item" };
            header.AddRange(m.CompleteRaters.Select(id => new TableCell(id)));
            header.Add("Exact agreement");
            yield return new Table(
                columns,
                [new TableRow(header)],
                rows.Select(a =>
                {
                    var cells = new List<TableCell> { a.ItemId };
                    cells.AddRange(a.Scores.Select(v => new TableCell(F.Number(v))));
                    cells.Add(a.Exact ? "yes" : "no");
                    return new TableRow(cells, a.Exact ? RowEmphasis.None : RowEmphasis.Highlight);
                }).ToList()) { RowHeaders = true };
        }
    }
}
