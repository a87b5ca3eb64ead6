using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.FunderSections;

/// <summary>One line per trial: latest figures and change since the previous period.</summary>
internal sealed record OverviewModel(IReadOnlyList<PortfolioTrial> Trials)
{
    /// <summary>Whether some trial has no change to show (the table then explains "n/a").</summary>
    public bool AnyChangeMissing => Trials.Any(t => t.EngagementChange is null);

    public static OverviewModel From(FunderPortfolio p) => new(p.Trials);
}

/// <summary>Formats <see cref="OverviewModel"/>.</summary>
internal static class OverviewSection
{
    public static IEnumerable<Block> Compose(OverviewModel m)
    {
        yield return new Heading(2, "Overview");
        if (m.Trials.Count == 0)
        {
            yield return new Paragraph(FunderReportDocument.NoTrials);
            yield break;
        }

        yield return new Paragraph(
            "Each trial’s latest analysis run: pooled engagement (share of participants offered peer support who engaged, with the Wilson 95% interval), " +
            "its change since the run current at the previous period in percentage points, and the number of sites flagged (outliers of the case selection or outside the funnel plot’s 99.8% limits).");
        yield return new Table(
            [
                new TableColumn(96), new TableColumn(60), new TableColumn(30, ColumnAlignment.Right), new TableColumn(50, ColumnAlignment.Right),
                new TableColumn(92, ColumnAlignment.Right), new TableColumn(60, ColumnAlignment.Right), new TableColumn(40, ColumnAlignment.Right),
            ],
            [new TableRow(["Trial", "Data cut-off", "Sites", "Participants", "Engagement (95% CI)", "Change", "Flagged"])],
            m.Trials.Select(t => new TableRow(
            [
                t.TrialId,
                F.Date(t.DataCutOff),
                F.Count(t.Sites),
                F.Count(t.Participants),
                t.Pooled is { } p ? F.PercentWithInterval(p.Proportion) : F.Missing,
                t.EngagementChange is { } c ? F.PointsChange(c) : "n/a",
                F.Count(t.Flagged.Count),
            ])).ToList()) { RowHeaders = true };
        if (m.AnyChangeMissing)
        {
            yield return new Paragraph("n/a: change is not available without a run at the previous period (or without engagement in either run).");
        }
    }
}
