using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf;

/// <summary>
/// The funder portfolio report (docs/reports.md): for each of the funder's trials, the latest figures, the change since
/// the previous period, the sites flagged and why, and where the latest trial report is.
/// </summary>
public static class FunderReportDocument
{
    /// <summary>The sentence printed when the funder has no trials in the portfolio.</summary>
    public const string NoTrials = "No trial funded by this funder had an analysis run to report for this period.";

    public static ReportDocument Build(FunderPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var period = F.Period(portfolio.Period);
        var blocks = new List<Block>
        {
            new Heading(1, "Funder portfolio report"),
            new Paragraph([TextRun.Italic($"{portfolio.FunderName} · {period}")]),
            new KeyValuePanel(
            [
                new("Funder", $"{portfolio.FunderName} ({portfolio.FunderId})"),
                new("Period", $"{period} ({portfolio.Period})"),
                new("Trials", F.Count(portfolio.Trials.Count)),
            ]) { KeyWidthFraction = 0.3 },
            new Heading(2, "Overview"),
        };

        if (portfolio.Trials.Count == 0)
        {
            blocks.Add(new Paragraph(NoTrials));
        }
        else
        {
            blocks.Add(new Paragraph(
                "Each trial’s latest analysis run: pooled engagement (share of participants offered peer support who engaged, with the Wilson 95% interval), " +
                "its change since the run current at the previous period in percentage points, and the number of sites flagged (outliers of the case selection or outside the funnel plot’s 99.8% limits)."));
            blocks.Add(new Table(
                [
                    new TableColumn(96), new TableColumn(60), new TableColumn(30, ColumnAlignment.Right), new TableColumn(50, ColumnAlignment.Right),
                    new TableColumn(92, ColumnAlignment.Right), new TableColumn(60, ColumnAlignment.Right), new TableColumn(40, ColumnAlignment.Right),
                ],
                [new TableRow(["Trial", "Data cut-off", "Sites", "Participants", "Engagement (95% CI)", "Change", "Flagged"])],
                portfolio.Trials.Select(t => new TableRow(
                [
                    t.TrialId,
                    F.Date(t.DataCutOff),
                    F.Count(t.Sites),
                    F.Count(t.Participants),
                    t.Pooled is { } p ? F.PercentWithInterval(p.Proportion) : F.Missing,
                    t.EngagementChange is { } c ? F.PointsChange(c) : "n/a",
                    F.Count(t.Flagged.Count),
                ])).ToList()));
            if (portfolio.Trials.Any(t => t.EngagementChange is null))
            {
                blocks.Add(new Paragraph("n/a: change is not available without a run at the previous period (or without engagement in either run)."));
            }
        }

        foreach (var trial in portfolio.Trials)
        {
            Trial(trial, blocks);
        }

        var synthetic = portfolio.Trials.Any(t => F.IsSynthetic(t.Title));
        return new ReportDocument(
            $"{portfolio.FunderName} — funder portfolio report, {period}",
            $"Implementation of the trials funded by {portfolio.FunderName}: latest figures for {period}",
            ["implementation", "funder portfolio", portfolio.FunderId, portfolio.Period],
            portfolio.DataTimestamp,
            blocks)
        {
            HeaderNote = $"Period {portfolio.Period}",
            FooterNote = $"Funder {portfolio.FunderId}" + (synthetic ? " · synthetic data" : ""),
        };
    }

    private static void Trial(PortfolioTrial t, List<Block> blocks)
    {
        blocks.Add(new Heading(2, $"{t.TrialId}: {t.Title}"));
        var items = new List<KeyValue>();
        if (t.Registration is { Length: > 0 } registration)
        {
            items.Add(new("Registration", registration));
        }

        items.Add(new("Latest run", $"{t.RunId}, data cut-off {F.Date(t.DataCutOff)}"));
        items.Add(new("Sites and participants", $"{F.Count(t.Sites)} sites, {F.Count(t.Participants)} participants randomised"));
        items.Add(new("Pooled engagement", t.Pooled is { } p ? F.ProportionLong(p.Proportion) : "not available (no contacts)"));
        items.Add(new("Change since previous period", t.EngagementChange is { } c
            ? $"{F.PointsChange(c)} (from {F.Percent(t.PreviousEngagement)} in run {t.PreviousRunId}, cut-off {F.Date(t.PreviousDataCutOff)})"
            : t.PreviousRunId is null ? "not available: no run at the previous period" : $"not available (previous run {t.PreviousRunId} has no engagement figure)"));
        items.Add(new("Engagement against fidelity", t.Spearman is { } s ? "Spearman’s " + F.Spearman(s) : "not available"));
        items.Add(new("Latest trial report", t.TrialReportUrl ?? "no link supplied"));
        blocks.Add(new KeyValuePanel(items) { KeyWidthFraction = 0.3 });

        blocks.Add(new Heading(3, "Sites flagged"));
        if (t.Flagged.Count == 0)
        {
            blocks.Add(new Paragraph("No site is flagged: none is an outlier case or outside the funnel plot’s 99.8% limits."));
        }
        else
        {
            blocks.Add(new BulletList(t.Flagged.Select(f => new Paragraph([TextRun.Bold($"{f.SiteId} {f.SiteName}: "), f.Reason])).ToList()));
        }

        blocks.Add(new Heading(3, "Site figures"));
        var flagged = t.Flagged.Select(f => f.SiteId).ToHashSet(StringComparer.Ordinal);
        blocks.Add(new Table(
            [
                new TableColumn(30), new TableColumn(130), new TableColumn(44, ColumnAlignment.Right), new TableColumn(66, ColumnAlignment.Right),
                new TableColumn(62, ColumnAlignment.Right), new TableColumn(50, ColumnAlignment.Right), new TableColumn(70),
            ],
            [new TableRow(["Site", "Name", "Offered", "Engagement", "Change", "Fidelity", "Case role"])],
            t.SiteFigures.Select(s => new TableRow(
                [
                    s.SiteId,
                    s.SiteName,
                    s.Offered is { } o ? F.Count(o) : F.Missing,
                    F.Percent(s.Engagement),
                    s.EngagementChange is { } c ? F.PointsChange(c) : "n/a",
                    F.Score(s.Fidelity),
                    F.Role(s.Role),
                ],
                flagged.Contains(s.SiteId) ? RowEmphasis.Highlight : RowEmphasis.None)).ToList()));
    }
}
