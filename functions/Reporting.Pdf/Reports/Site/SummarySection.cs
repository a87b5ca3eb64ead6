using Reporting.Core.Analysis;
using Reporting.Core.Metrics;
using Reporting.Pdf.SharedSections;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.SiteSections;

/// <summary>The site report's headline panel and summary: the site's figures, class and role against the pooled engagement.</summary>
internal sealed record SiteSummaryModel(RunFacts Run, SiteResult Site, SiteEngagement? PooledEngagement)
{
    public static SiteSummaryModel From(RunModel run, SiteResult site) => new(RunFacts.From(run), site, run.Pooled.Engagement);
}

/// <summary>Formats <see cref="SiteSummaryModel"/>.</summary>
internal static class SiteSummarySection
{
    public static IEnumerable<Block> Compose(SiteSummaryModel m)
    {
        var site = m.Site;
        var characteristics = new[]
        {
            site.Locality is null ? null : F.Locality(site.Locality),
            site.Employer is null ? null : $"{F.Employer(site.Employer)} employer",
            site.Region,
            site.SupervisorDaysPerWeek is { } days ? $"supervision {F.Number(days)} days a week" : null,
        }.Where(c => c is not null).ToList();
        var items = new List<KeyValue>
        {
            new("Site", F.SiteName(site)),
            new("Characteristics", characteristics.Count == 0 ? "not recorded" : string.Join(", ", characteristics)),
            new("Engagement", site.Engagement is { } e ? F.ProportionLong(e.Proportion) : "not available (no contacts)"),
        };
        if (site.Engagement is { } se)
        {
            items.Add(new("Pending", $"{F.Count(se.Pending)} not yet engaged who still may; {F.Count(se.Withdrawn)} withdrawn"));
        }

        items.Add(new("Fidelity", FidelityLine(site, m.Run.Trial.FidelityMaxTotal)));
        items.Add(new("Class", $"engagement {F.Level(site.EngagementClass?.Level)}, fidelity {F.Level(site.FidelityClass?.Level)}"));
        items.Add(new("Case role", F.RoleTitle(site.Role)));
        items.Add(new("Funnel plot", site.FunnelPosition is { } pos ? F.Funnel(pos) : "not on the funnel plot"));
        items.Add(new("Run", $"{m.Run.RunId} (pipeline {m.Run.PipelineVersion})"));
        yield return new KeyValuePanel(items) { KeyWidthFraction = 0.3 };
        yield return new Heading(2, SiteReportDocument.Sections.Summary);

        if (site.Engagement is { } engagement && m.PooledEngagement is { } pooled)
        {
            yield return new Paragraph(
            [
                $"At {site.SiteName}, ",
                TextRun.Bold($"{F.Count(engagement.Engaged)} of {F.Count(engagement.Offered)} participants offered peer support ({F.Percent(engagement.Proportion.Value)}) engaged"),
                $" by the data cut-off (95% CI {F.Interval(engagement.Proportion)}), against {F.Percent(pooled.Proportion.Value)} across the trial’s {F.Plural(m.Run.SiteCount, "site", "sites")}. ",
                $"{F.Plural(engagement.Pending, "participant was", "participants were")} still pending.",
            ]);
        }
        else
        {
            yield return new Paragraph(ReportText.EngagementUnavailable);
        }

        yield return new Paragraph(site.RoleReason);
        yield return new Note("This report shows this site’s own data and the trial’s pooled figures only. Other sites appear as unlabelled points on the chart; no other site’s interview excerpts or participant figures are shown.");
    }

    private static string FidelityLine(SiteResult site, double? maxTotal)
    {
        if (site.Fidelity is not { AssessedOn: not null } f)
        {
            return "not assessed";
        }

        if (f.Score is not { } score)
        {
            return $"no complete rating (assessed {F.Date(f.AssessedOn)})";
        }

        var max = maxTotal is { } m ? $" of {F.Number(m)}" : "";
        return $"{F.Score(score)}{max} (assessed {F.Date(f.AssessedOn)}, {F.Plural(f.Raters.Count(r => r.Complete), "complete rater", "complete raters")})";
    }
}
