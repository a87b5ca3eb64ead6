using Reporting.Core.Analysis;
using Reporting.Core.Metrics;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.SiteSections;

/// <summary>The site's figures beside the trial's pooled ones, with the classification thresholds.</summary>
internal sealed record AgainstTrialModel(SiteResult Site, PooledResult Pooled, ClassificationInfo Classification)
{
    public static AgainstTrialModel From(RunModel run, SiteResult site) => new(site, run.Pooled, run.Classification);
}

/// <summary>Formats <see cref="AgainstTrialModel"/>.</summary>
internal static class AgainstTrialSection
{
    public static IEnumerable<Block> Compose(AgainstTrialModel m)
    {
        var site = m.Site;
        yield return new Heading(2, SiteReportDocument.Sections.AgainstTrial);
        yield return new Paragraph("This site’s figures beside the trial’s pooled figures (all sites together). Percentages carry Wilson 95% intervals.");
        var e = site.Engagement;
        var p = m.Pooled.Engagement;
        static string Cell(SiteEngagement? x, Func<SiteEngagement, string> f) => x is null ? F.Missing : f(x);
        var rows = new List<TableRow>
        {
            new(["Offered peer support", Cell(e, x => F.Count(x.Offered)), Cell(p, x => F.Count(x.Offered))]),
            new(["Engaged", Cell(e, x => F.Count(x.Engaged)), Cell(p, x => F.Count(x.Engaged))]),
            new(["Engagement (95% CI)", Cell(e, x => F.PercentWithInterval(x.Proportion)), Cell(p, x => F.PercentWithInterval(x.Proportion))], RowEmphasis.Bold),
            new(["Pending", Cell(e, x => F.Count(x.Pending)), Cell(p, x => F.Count(x.Pending))]),
            new(["Withdrawn", Cell(e, x => F.Count(x.Withdrawn)), Cell(p, x => F.Count(x.Withdrawn))]),
        };
        var et = m.Classification.Engagement;
        var ft = m.Classification.Fidelity;
        rows.Add(new(["Engagement class", F.Level(site.EngagementClass?.Level), et is null ? F.Missing : $"high ≥ {F.Percent(et.High)}, low ≤ {F.Percent(et.Low)}"]));
        rows.Add(new(["Fidelity score", F.Score(site.Fidelity?.Score), ft is null ? F.Missing : $"no pooled score; high ≥ {F.Score(ft.High)}, low ≤ {F.Score(ft.Low)}"]));
        rows.Add(new(["Fidelity class", F.Level(site.FidelityClass?.Level), F.Missing]));
        if (site.Outcome is { } so && m.Pooled.Outcome is { } po)
        {
            rows.Add(new(["Readmitted within 12 months: engaged", F.ProportionLong(so.Engaged), F.ProportionLong(po.Engaged)]));
            rows.Add(new(["Readmitted: not engaged (peer support arm)", F.ProportionLong(so.NotEngaged), F.ProportionLong(po.NotEngaged)]));
            rows.Add(new(["Readmitted: usual care", F.ProportionLong(so.UsualCare), F.ProportionLong(po.UsualCare)]));
        }

        yield return new Table(
            [new TableColumn(170), new TableColumn(150, ColumnAlignment.Right), new TableColumn(150, ColumnAlignment.Right)],
            [new TableRow(["Measure", $"This site ({site.SiteId})", "Trial (pooled)"])],
            rows) { RowHeaders = true };
        if (site.Outcome is not null && m.Pooled.Outcome is not null)
        {
            yield return new Note("Readmission is descriptive only: participants chose whether to engage, so the groups are not randomised comparisons.");
        }
    }
}
