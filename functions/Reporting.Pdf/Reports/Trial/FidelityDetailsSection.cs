using Reporting.Core.Analysis;
using Reporting.Core.Metrics;
using Reporting.Pdf.SharedSections;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.TrialSections;

/// <summary>A site's fidelity assessment, or null when it has none.</summary>
internal sealed record SiteFidelityRow(string SiteId, SiteFidelity? Fidelity);

/// <summary>How fidelity was rated and each site's latest assessment; <see cref="Available"/> when any site has one.</summary>
internal sealed record FidelityDetailsModel(string? Instrument, int? Items, double? MaxTotal, IReadOnlyList<SiteFidelityRow> Rows)
{
    public bool Available => Rows.Any(r => r.Fidelity is not null);

    public static FidelityDetailsModel From(RunModel run) => new(
        run.Trial.FidelityInstrument,
        run.Trial.FidelityItems,
        run.Trial.FidelityMaxTotal,
        run.Sites.Select(s => new SiteFidelityRow(s.SiteId, s.Fidelity)).ToList());
}

/// <summary>Formats <see cref="FidelityDetailsModel"/>.</summary>
internal static class FidelityDetailsSection
{
    public static IEnumerable<Block> Compose(FidelityDetailsModel m)
    {
        yield return new Heading(2, TrialReportDocument.Sections.FidelityDetails);
        if (!m.Available)
        {
            yield return new Paragraph(ReportText.FidelityUnavailable);
            yield break;
        }

        yield return new Paragraph(
            $"Fidelity was rated with the {m.Instrument ?? "trial’s fidelity instrument"}" +
            (m.Items is { } items ? $": {F.Plural(items, "item", "items")}" + (m.MaxTotal is { } max ? $", maximum total {F.Number(max)}" : "") : "") +
            ". Each rater’s total is the sum of their item scores at the site’s latest assessment; the site score is the mean of the complete raters’ totals. " +
            "With two or more complete raters, agreement is the share of items on which they gave exactly the same score.");

        var rows = m.Rows.Select(r =>
        {
            if (r.Fidelity is not { AssessedOn: not null } fid)
            {
                return new TableRow([r.SiteId, new TableCell("not assessed", 5)]);
            }

            var raters = string.Join("; ", fid.Raters.Select(x => x.Total is { } total
                ? $"{x.RaterId} {F.Score(total)}"
                : $"{x.RaterId} incomplete (missing {string.Join(", ", x.MissingItems)})"));
            var agreement = fid.ExactAgreementShare is { } share && fid.Agreement is { } a
                ? $"{F.Percent(share)} of {F.Plural(a.Count, "item", "items")}"
                : "needs two complete raters";
            return new TableRow(
            [
                r.SiteId,
                F.Date(fid.AssessedOn),
                raters,
                F.Score(fid.Score),
                agreement,
                fid.LargestRaterDifference is { } d ? F.Score(d) : F.Missing,
            ]);
        }).ToList();

        yield return new Table(
            [
                new TableColumn(26), new TableColumn(64), new TableColumn(150), new TableColumn(34, ColumnAlignment.Right),
                new TableColumn(100), new TableColumn(62, ColumnAlignment.Right),
            ],
            [new TableRow(["Site", "Assessed on", "Rater totals", "Score", "Exact agreement", "Largest rater difference"])],
            rows) { RowHeaders = true };
    }
}
