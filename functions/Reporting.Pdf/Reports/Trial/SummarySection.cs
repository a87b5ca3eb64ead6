using Reporting.Core.Analysis;
using Reporting.Pdf.SharedSections;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.TrialSections;

/// <summary>The sites in one case role, in the run's site order.</summary>
internal sealed record RoleSites(CaseRole Role, IReadOnlyList<SiteResult> Sites);

/// <summary>The selected cases of one role, in the order the comparison selected them.</summary>
internal sealed record RoleCases(CaseRole Role, IReadOnlyList<string> SiteIds);

/// <summary>
/// The trial report's headline panel and summary: pooled engagement, the correlation of engagement with fidelity, and
/// which sites were selected as cases.
/// </summary>
/// <remarks><see cref="SitesByRole"/>: High–high, low–low, outliers and not compared, in that order (a role without sites is kept). <see cref="SelectedCases"/>: The selected cases by role (high–high, low–low, outlier), roles without cases left out.</remarks>
internal sealed record SummaryModel(
    RunFacts Run,
    PooledResult Pooled,
    SpearmanResult? Spearman,
    string? SpearmanUnavailableReason,
    IReadOnlyList<RoleSites> SitesByRole,
    IReadOnlyList<RoleCases> SelectedCases)
{
    private static readonly CaseRole[] _roles = [CaseRole.HighHigh, CaseRole.LowLow, CaseRole.Outlier, CaseRole.NotSelected];

    public static SummaryModel From(RunModel run) => new(
        RunFacts.From(run),
        run.Pooled,
        run.Spearman,
        run.SpearmanUnavailableReason,
        _roles.Select(r => new RoleSites(r, run.Sites.Where(s => s.Role == r).ToList())).ToList(),
        _roles.Take(3)
            .Select(r => new RoleCases(r, run.CrossCase.Cases.Where(c => c.Role == r).Select(c => c.SiteId).ToList()))
            .Where(c => c.SiteIds.Count > 0)
            .ToList());
}

/// <summary>Formats <see cref="SummaryModel"/>.</summary>
internal static class SummarySection
{
    public static IEnumerable<Block> Compose(SummaryModel m)
    {
        var t = m.Run.Trial;
        var pooled = m.Pooled;
        var items = new List<KeyValue>
        {
            new("Trial", t.Title),
        };
        if (t.Registration is { Length: > 0 } registration)
        {
            items.Add(new("Registration", registration));
        }

        items.Add(new("Data cut-off", $"{F.Date(t.DataCutOff)} ({F.CutOffSource(t)})"));
        items.Add(new("Sites", F.Count(m.Run.SiteCount)));
        items.Add(new("Participants", $"{F.Count(pooled.Participants)} randomised: {F.Count(pooled.PeerSupport)} offered peer support, {F.Count(pooled.UsualCare)} usual care"));
        items.Add(new("Pooled engagement", pooled.Engagement is { } pe ? F.ProportionLong(pe.Proportion) : "not available (no contacts)"));
        if (pooled.Engagement is { } p)
        {
            items.Add(new("Pending", $"{F.Count(p.Pending)} not yet engaged who still may; {F.Count(p.Withdrawn)} withdrawn"));
        }

        items.Add(new("Engagement against fidelity", m.Spearman is { } s ? "Spearman’s " + F.Spearman(s) : "not available"));
        items.Add(new("Cases", CasesLine(m.SelectedCases)));
        items.Add(new("Run", $"{m.Run.RunId} (pipeline {m.Run.PipelineVersion})"));

        yield return new KeyValuePanel(items) { KeyWidthFraction = 0.3 };
        yield return new Heading(2, TrialReportDocument.Sections.Summary);

        var sites = F.Plural(m.Run.SiteCount, "site", "sites");
        if (pooled.Engagement is { } e)
        {
            var rule = t.Engagement;
            yield return new Paragraph(
            [
                $"Across the {sites}, ",
                TextRun.Bold($"{F.Count(e.Engaged)} of {F.Count(e.Offered)} participants offered peer support ({F.Percent(e.Proportion.Value)}) engaged"),
                $" with it by the data cut-off (95% CI {F.Interval(e.Proportion)}): at least {F.Count(rule.MinContacts)} counted contacts with their peer worker, at least {F.Count(rule.MinPostDischargeContacts)} of them after discharge. ",
                $"{F.Plural(e.Pending, "participant was", "participants were")} still pending (not engaged, not withdrawn, and still within the follow-up window), so these figures may yet rise.",
            ]);
        }
        else
        {
            yield return new Paragraph(ReportText.EngagementUnavailable);
        }

        if (m.Spearman is { } sp)
        {
            yield return new Paragraph(
            [
                "Spearman’s rank correlation between site engagement and site fidelity: ",
                TextRun.Bold(F.Spearman(sp)),
                ". A positive ρ means sites with higher fidelity tended to engage more of the participants they were offered; with this few sites it describes these sites and is not a general estimate.",
            ]);
        }
        else if (m.SpearmanUnavailableReason is { } reason)
        {
            yield return new Paragraph(reason);
        }

        yield return new BulletList(m.SitesByRole.Select(g => new Paragraph(
            [TextRun.Bold(RoleLabel(g.Role)), g.Sites.Count == 0 ? "none." : string.Join("; ", g.Sites.Select(F.SiteName)) + "."])).ToList());
        yield return new Note($"Descriptive figures from {sites}: see {TrialReportDocument.Sections.Methods} for how each figure was computed and for cautions on small numbers.");
    }

    private static string RoleLabel(CaseRole role) => role switch
    {
        CaseRole.HighHigh => "High engagement and high fidelity: ",
        CaseRole.LowLow => "Low engagement and low fidelity: ",
        CaseRole.Outlier => "Outliers: ",
        _ => "Not compared: ",
    };

    private static string CasesLine(IReadOnlyList<RoleCases> cases) =>
        cases.Count == 0 ? "none selected" : string.Join("; ", cases.Select(c => $"{F.Role(c.Role)} {string.Join(", ", c.SiteIds)}"));
}
