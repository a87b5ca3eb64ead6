using Reporting.Core.Analysis;
using Reporting.Core.Metrics;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf;

/// <summary>
/// The site implementation report (docs/reports.md) for one site's lead: the site's figures against the trial's, its
/// place on the scatter, its class and why, its facilitators and barriers, and the patterns it shares with the
/// high–high and low–low cases. It shows no other site's excerpts, names or figures: other sites are unlabelled
/// points on the scatter, and trial-level figures are pooled.
/// </summary>
public static class SiteReportDocument
{
    /// <summary>Section headings, in order.</summary>
    public static class Sections
    {
        public const string Summary = "Summary";
        public const string AgainstTrial = "This site and the trial";
        public const string Scatter = "Place on the engagement–fidelity chart";
        public const string Class = "Class and case role";
        public const string Fidelity = "Fidelity details";
        public const string FacilitatorsBarriers = "Facilitators and barriers";
        public const string SharedPatterns = "Patterns shared with other cases";
        public const string Methods = "Methods notes";
    }

    /// <summary>The sentence printed when the run has no coded interviews.</summary>
    public const string NoCodings = "No coded interview data was supplied; facilitators and barriers are not available.";

    public static ReportDocument Build(RunModel run, string siteId)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(siteId);
        var site = run.Sites.FirstOrDefault(s => string.Equals(s.SiteId, siteId, StringComparison.Ordinal))
            ?? throw new ArgumentException($"The run has no site {siteId}.", nameof(siteId));
        var t = run.Trial;
        var blocks = new List<Block>
        {
            new Heading(1, "Site implementation report"),
            new Paragraph([TextRun.Italic($"{TrialReportDocument.SiteName(site)} · {TrialReportDocument.Subtitle(t)}")]),
        };

        Summary(run, site, blocks);
        AgainstTrial(run, site, blocks);
        Scatter(run, site, blocks);
        Class(site, blocks);
        Fidelity(site, blocks);
        FacilitatorsAndBarriers(site, blocks);
        SharedPatterns(run, site, blocks);
        Methods(run, blocks);

        return new ReportDocument(
            $"{site.SiteId} {site.SiteName} — site implementation report",
            $"Implementation of {t.Title} at site {site.SiteId} ({site.SiteName})",
            ["implementation", "engagement", "fidelity", "site report", t.TrialId, site.SiteId],
            run.DataTimestamp,
            blocks)
        {
            HeaderNote = $"Data cut-off {F.Date(t.DataCutOff)}",
            FooterNote = $"Site {site.SiteId} · " + TrialReportDocument.FooterNote(run),
        };
    }

    private static void Summary(RunModel run, SiteResult site, List<Block> blocks)
    {
        var characteristics = new[]
        {
            site.Locality is null ? null : F.Locality(site.Locality),
            site.Employer is null ? null : $"{F.Employer(site.Employer)} employer",
            site.Region,
            site.SupervisorDaysPerWeek is { } days ? $"supervision {F.Number(days)} days a week" : null,
        }.Where(c => c is not null).ToList();
        var items = new List<KeyValue>
        {
            new("Site", TrialReportDocument.SiteName(site)),
            new("Characteristics", characteristics.Count == 0 ? "not recorded" : string.Join(", ", characteristics)),
            new("Engagement", site.Engagement is { } e ? F.ProportionLong(e.Proportion) : "not available (no contacts)"),
        };
        if (site.Engagement is { } se)
        {
            items.Add(new("Pending", $"{F.Count(se.Pending)} not yet engaged who still may; {F.Count(se.Withdrawn)} withdrawn"));
        }

        items.Add(new("Fidelity", FidelityLine(run, site)));
        items.Add(new("Class", $"engagement {F.Level(site.EngagementClass?.Level)}, fidelity {F.Level(site.FidelityClass?.Level)}"));
        items.Add(new("Case role", F.RoleTitle(site.Role)));
        items.Add(new("Funnel plot", site.FunnelPosition is { } pos ? F.Funnel(pos) : "not on the funnel plot"));
        items.Add(new("Run", $"{run.RunId} (pipeline {run.PipelineVersion})"));
        blocks.Add(new KeyValuePanel(items) { KeyWidthFraction = 0.3 });
        blocks.Add(new Heading(2, Sections.Summary));

        if (site.Engagement is { } engagement && run.Pooled.Engagement is { } pooled)
        {
            blocks.Add(new Paragraph(
            [
                $"At {site.SiteName}, ",
                TextRun.Bold($"{F.Count(engagement.Engaged)} of {F.Count(engagement.Offered)} participants offered peer support ({F.Percent(engagement.Proportion.Value)}) engaged"),
                $" by the data cut-off (95% CI {F.Interval(engagement.Proportion)}), against {F.Percent(pooled.Proportion.Value)} across the trial’s {F.Plural(run.Sites.Count, "site", "sites")}. ",
                $"{F.Plural(engagement.Pending, "participant was", "participants were")} still pending.",
            ]));
        }
        else
        {
            blocks.Add(new Paragraph(TrialReportDocument.EngagementUnavailable));
        }

        blocks.Add(new Paragraph(site.RoleReason));
        blocks.Add(new Note("This report shows this site’s own data and the trial’s pooled figures only. Other sites appear as unlabelled points on the chart; no other site’s interview excerpts or participant figures are shown."));
    }

    private static string FidelityLine(RunModel run, SiteResult site)
    {
        if (site.Fidelity is not { } f || f.AssessedOn is null)
        {
            return "not assessed";
        }

        if (f.Score is not { } score)
        {
            return $"no complete rating (assessed {F.Date(f.AssessedOn)})";
        }

        var max = run.Trial.FidelityMaxTotal is { } m ? $" of {F.Number(m)}" : "";
        return $"{F.Score(score)}{max} (assessed {F.Date(f.AssessedOn)}, {F.Plural(f.Raters.Count(r => r.Complete), "complete rater", "complete raters")})";
    }

    private static void AgainstTrial(RunModel run, SiteResult site, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.AgainstTrial));
        blocks.Add(new Paragraph("This site’s figures beside the trial’s pooled figures (all sites together). Percentages carry Wilson 95% intervals."));
        var e = site.Engagement;
        var p = run.Pooled.Engagement;
        string Cell(SiteEngagement? x, Func<SiteEngagement, string> f) => x is null ? F.Missing : f(x);
        var rows = new List<TableRow>
        {
            new(["Offered peer support", Cell(e, x => F.Count(x.Offered)), Cell(p, x => F.Count(x.Offered))]),
            new(["Engaged", Cell(e, x => F.Count(x.Engaged)), Cell(p, x => F.Count(x.Engaged))]),
            new(["Engagement (95% CI)", Cell(e, x => F.PercentWithInterval(x.Proportion)), Cell(p, x => F.PercentWithInterval(x.Proportion))], RowEmphasis.Bold),
            new(["Pending", Cell(e, x => F.Count(x.Pending)), Cell(p, x => F.Count(x.Pending))]),
            new(["Withdrawn", Cell(e, x => F.Count(x.Withdrawn)), Cell(p, x => F.Count(x.Withdrawn))]),
        };
        var et = run.Classification.Engagement;
        var ft = run.Classification.Fidelity;
        rows.Add(new(["Engagement class", F.Level(site.EngagementClass?.Level), et is null ? F.Missing : $"high ≥ {F.Percent(et.High)}, low ≤ {F.Percent(et.Low)}"]));
        rows.Add(new(["Fidelity score", F.Score(site.Fidelity?.Score), ft is null ? F.Missing : $"no pooled score; high ≥ {F.Score(ft.High)}, low ≤ {F.Score(ft.Low)}"]));
        rows.Add(new(["Fidelity class", F.Level(site.FidelityClass?.Level), F.Missing]));
        if (site.Outcome is { } so && run.Pooled.Outcome is { } po)
        {
            rows.Add(new(["Readmitted within 12 months: engaged", F.ProportionLong(so.Engaged), F.ProportionLong(po.Engaged)]));
            rows.Add(new(["Readmitted: not engaged (peer support arm)", F.ProportionLong(so.NotEngaged), F.ProportionLong(po.NotEngaged)]));
            rows.Add(new(["Readmitted: usual care", F.ProportionLong(so.UsualCare), F.ProportionLong(po.UsualCare)]));
        }

        blocks.Add(new Table(
            [new TableColumn(170), new TableColumn(150, ColumnAlignment.Right), new TableColumn(150, ColumnAlignment.Right)],
            [new TableRow(["Measure", $"This site ({site.SiteId})", "Trial (pooled)"])],
            rows));
        if (site.Outcome is not null && run.Pooled.Outcome is not null)
        {
            blocks.Add(new Note("Readmission is descriptive only: participants chose whether to engage, so the groups are not randomised comparisons."));
        }
    }

    private static void Scatter(RunModel run, SiteResult site, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.Scatter));
        var scatter = ReportCharts.Scatter(run, site.SiteId);
        var plotted = ReportCharts.Plottable(run);
        if (scatter is null || !plotted.Contains(site))
        {
            blocks.Add(new Paragraph($"{site.SiteId} cannot be placed on the chart of engagement against fidelity: it needs both figures, and " +
                (site.Engagement?.Proportion.Value is null ? "engagement" : "fidelity") + " is not available for this site."));
        }
        else
        {
            blocks.Add(new Paragraph(
                $"Every site’s engagement against its fidelity score; {site.SiteId} is ringed and labelled, other sites are unlabelled points marked by their case role. " +
                $"Dashed lines mark the thresholds: {TrialReportDocument.Thresholds(run.Classification.Engagement!, run.Classification.Fidelity!)}."));
            blocks.Add(new Figure(
                scatter,
                $"Figure 1. Engagement against fidelity: {site.SiteId} (ringed) among the trial’s {F.Plural(plotted.Count, "plotted site", "plotted sites")}.",
                $"Scatter plot of engagement against fidelity for {F.Plural(plotted.Count, "site", "sites")}; {site.SiteId} is at fidelity {F.Score(site.Fidelity!.Score)} and engagement {F.Percent(site.Engagement!.Proportion.Value)}, a {F.Role(site.Role)} site; other sites are not identified."));
        }

        if (site.FunnelPosition is { } position && site.Engagement is { } e)
        {
            blocks.Add(new Paragraph($"On the funnel plot of engagement against the number offered, {site.SiteId} ({F.Percent(e.Proportion.Value)} of {F.Count(e.Offered)}) is {F.Funnel(position)} around the pooled {F.Percent(run.Funnel?.Target)}."));
        }
    }

    private static void Class(SiteResult site, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.Class));
        blocks.Add(new BulletList(
        [
            new Paragraph([TextRun.Bold("Engagement: "), site.EngagementClass is { } e ? $"{F.Level(e.Level)} ({e.Reason})." : "not classified (engagement not available)."]),
            new Paragraph([TextRun.Bold("Fidelity: "), site.FidelityClass is { } f ? $"{F.Level(f.Level)} ({f.Reason})." : "not classified (fidelity not available)."]),
            new Paragraph([TextRun.Bold("Case role: "), site.RoleReason]),
        ]));
        blocks.Add(new Paragraph(site.Role switch
        {
            CaseRole.HighHigh => "As a high–high site this site is one of the contrasting cases: what it shares with the other high–high cases, and the low–low cases lack, is pattern B of the cross-case comparison.",
            CaseRole.LowLow => "As a low–low site this site is one of the contrasting cases: what it shares with the other low–low cases, and the high–high cases lack, is pattern C of the cross-case comparison.",
            CaseRole.Outlier => "As an outlier this site is compared with the contrasting cases: which of their characteristic codes it has, and which codes only it has, is pattern D of the cross-case comparison.",
            _ => "This site was not selected for the cross-case comparison; its facilitators and barriers below are from its own interviews.",
        }));
    }

    private static void Fidelity(SiteResult site, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.Fidelity));
        if (site.Fidelity is not { } f || f.AssessedOn is null)
        {
            blocks.Add(new Paragraph("This site has no fidelity assessment in this run."));
            return;
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

        blocks.Add(new BulletList(items));
        if (f.Agreement is { Count: > 0 } rows)
        {
            var complete = f.Raters.Where(r => r.Complete).Select(r => r.RaterId).ToList();
            var columns = new List<TableColumn> { new(90) };
            columns.AddRange(complete.Select(_ => new TableColumn(50, ColumnAlignment.Right)));
            columns.Add(new TableColumn(70, ColumnAlignment.Center));
            var header = new List<TableCell> { "Item" };
            header.AddRange(complete.Select(id => new TableCell(id)));
            header.Add("Exact agreement");
            blocks.Add(new Table(
                columns,
                [new TableRow(header)],
                rows.Select(a =>
                {
                    var cells = new List<TableCell> { a.ItemId };
                    cells.AddRange(a.Scores.Select(v => new TableCell(F.Number(v))));
                    cells.Add(a.Exact ? "yes" : "no");
                    return new TableRow(cells, a.Exact ? RowEmphasis.None : RowEmphasis.Highlight);
                }).ToList()));
        }
    }

    private static void FacilitatorsAndBarriers(SiteResult site, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.FacilitatorsBarriers));
        if (site.Coding is not { } coding)
        {
            blocks.Add(new Paragraph(NoCodings));
            return;
        }

        blocks.Add(new Paragraph(
            $"{F.Plural(coding.Sources, "source", "sources")} (pseudonymised interviewees) at this site were coded. A facilitator is a code whose segments here were more often coded as helping than hindering; " +
            "a barrier the reverse. Each has one quoted excerpt from this site."));
        foreach (var (codes, title, none) in new[]
        {
            (coding.Facilitators, "Facilitators", "No code at this site leans towards facilitator."),
            (coding.Barriers, "Barriers", "No code at this site leans towards barrier."),
        })
        {
            blocks.Add(new Heading(3, title));
            if (codes.Count == 0)
            {
                blocks.Add(new Paragraph(none));
                continue;
            }

            foreach (var group in CodeBlocks.Grouped(codes, c => c.Code))
            {
                blocks.Add(new Paragraph([TextRun.Bold(CodeBlocks.GroupLabel(group.Key.Domain, group.First().Code.Construct))]));
                foreach (var code in group)
                {
                    blocks.Add(new Paragraph(
                    [
                        TextRun.Bold(code.Code.Code.Trim()), "\n",
                        $"{F.Plural(code.Sources, "source", "sources")}; coded segments: {F.Valence(code.Valence)}.",
                    ]));
                    if (code.Example is { } example && example.SiteId == site.SiteId)
                    {
                        blocks.Add(CodeBlocks.Excerpts([example], withSite: false));
                    }
                }
            }
        }
    }

    private static void SharedPatterns(RunModel run, SiteResult site, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.SharedPatterns));
        if (site.Coding is not { } coding)
        {
            blocks.Add(new Paragraph("No coded interview data was supplied; patterns A–D are not available."));
            return;
        }

        if (run.CrossCase.Patterns is not { } patterns)
        {
            blocks.Add(new Paragraph(run.CrossCase.UnavailableReason ?? "The cross-case comparison is not available for this run."));
            return;
        }

        blocks.Add(new Paragraph(
            "The cross-case comparison looks for codes that characterise the high–high cases (pattern B: every high–high case has them, no low–low case does) " +
            "and the low–low cases (pattern C: the reverse). These are the ones this site’s interviews also have. Only code names are shown; excerpts from other sites are not."));

        if (site.Role != CaseRole.NotSelected && patterns.A is { Available: true, Codes.Count: > 0 } a)
        {
            blocks.Add(new Heading(3, "Shared by every selected case (pattern A)"));
            blocks.AddRange(CodeBlocks.CodeNames(a.Codes.Select(c => c.Code).ToList()));
        }

        foreach (var (pattern, shared, title, none) in new[]
        {
            (patterns.B, coding.SharedWithHighHigh, "Shared with the high–high cases (pattern B)", "This site has none of the codes that characterise the high–high cases."),
            (patterns.C, coding.SharedWithLowLow, "Shared with the low–low cases (pattern C)", "This site has none of the codes that characterise the low–low cases."),
        })
        {
            blocks.Add(new Heading(3, title));
            if (!pattern.Available)
            {
                blocks.Add(new Paragraph($"Pattern {pattern.Id} is not available: {pattern.UnavailableReason}"));
            }
            else if (shared.Count == 0)
            {
                blocks.Add(new Paragraph(none));
            }
            else
            {
                blocks.Add(new Paragraph($"{F.Plural(shared.Count, "code", "codes")} of the {F.Plural(pattern.Codes.Count, "pattern " + pattern.Id + " code", "pattern " + pattern.Id + " codes")}:"));
                blocks.AddRange(CodeBlocks.CodeNames(shared));
            }
        }

        if (patterns.D.FirstOrDefault(d => d.SiteId == site.SiteId) is { Unique.Count: > 0 } mine)
        {
            blocks.Add(new Heading(3, "Codes only this site has among the selected cases (pattern D)"));
            var own = mine.Unique.Select(c => c with { Excerpts = c.Excerpts.Where(e => e.SiteId == site.SiteId).ToList() }).ToList();
            blocks.AddRange(CodeBlocks.PatternCodes(own, showSites: false));
        }
    }

    private static void Methods(RunModel run, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.Methods));
        var items = TrialReportDocument.MethodsItems(run).Select(m => new Paragraph(m)).ToList();
        items.Add(new Paragraph($"Data: run {run.RunId}, pipeline {run.PipelineVersion}, data cut-off {F.Date(run.Trial.DataCutOff)}. The trial implementation report lists every input file with its SHA-256."));
        blocks.Add(new BulletList(items));
        if (run.Cautions.Count > 0)
        {
            blocks.Add(new Heading(3, "Cautions"));
            blocks.Add(new BulletList(run.Cautions.Select(c => new Paragraph(c)).ToList()));
        }
    }
}
