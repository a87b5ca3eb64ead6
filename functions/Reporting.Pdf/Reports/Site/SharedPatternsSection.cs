using Reporting.Core.Analysis;
using Reporting.Pdf.SharedSections;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.SiteSections;

/// <summary>A pattern that characterises the cases of one role (B: high–high, C: low–low) and the codes of it the site has.</summary>
internal sealed record SharedPattern(Pattern Pattern, CaseRole Characterises, IReadOnlyList<CodeKey> Shared);

/// <summary>
/// The patterns the site shares with other cases: code names only, and for an outlier the codes only it has with its own
/// excerpts. <see cref="UnavailableReason"/> is set when there is nothing to show.
/// </summary>
/// <remarks><see cref="Labels"/>: the framework's domain labels. <see cref="SharedByAll"/>: Pattern A's codes, when the site is a selected case and pattern A has any. <see cref="OnlyHere"/>: Pattern D's codes only this site has, with only this site's excerpts.</remarks>
internal sealed record SharedPatternsModel(
    string? UnavailableReason,
    IReadOnlyList<CodeKey> SharedByAll,
    IReadOnlyList<SharedPattern> Shared,
    IReadOnlyList<PatternCode> OnlyHere,
    FrameworkLabels Labels)
{
    public const string NoCodings = "No coded interview data was supplied; patterns A–D are not available.";

    public static SharedPatternsModel From(RunModel run, SiteResult site)
    {
        var labels = FrameworkLabels.From(run.Framework);
        if (site.Coding is not { } coding)
        {
            return new(NoCodings, [], [], [], labels);
        }

        if (run.CrossCase.Patterns is not { } patterns)
        {
            return new(run.CrossCase.UnavailableReason ?? ReportText.CrossCaseUnavailable, [], [], [], labels);
        }

        var all = site.Role != CaseRole.NotSelected && patterns.A is { Available: true, Codes.Count: > 0 } a
            ? a.Codes.Select(c => c.Code).ToList()
            : [];
        var own = patterns.D.FirstOrDefault(d => d.SiteId == site.SiteId) is { } mine
            ? mine.Unique.Select(c => c with { Excerpts = c.Excerpts.Where(e => e.SiteId == site.SiteId).ToList() }).ToList()
            : [];
        return new(null, all, [new(patterns.B, CaseRole.HighHigh, coding.SharedWithHighHigh), new(patterns.C, CaseRole.LowLow, coding.SharedWithLowLow)], own, labels);
    }
}

/// <summary>Formats <see cref="SharedPatternsModel"/>.</summary>
internal static class SharedPatternsSection
{
    public static IEnumerable<Block> Compose(SharedPatternsModel m)
    {
        yield return new Heading(2, SiteReportDocument.Sections.SharedPatterns);
        if (m.UnavailableReason is { } reason)
        {
            yield return new Paragraph(reason);
            yield break;
        }

        yield return new Paragraph(
            "The cross-case comparison looks for codes that characterise the high–high cases (pattern B: every high–high case has them, no low–low case does) " +
            "and the low–low cases (pattern C: the reverse). These are the ones this site’s interviews also have. Only code names are shown; excerpts from other sites are not.");

        if (m.SharedByAll.Count > 0)
        {
            yield return new Heading(3, "Shared by every selected case (pattern A)");
            foreach (var block in CodeBlocks.CodeNames(m.Labels, m.SharedByAll))
            {
                yield return block;
            }
        }

        foreach (var (pattern, role, shared) in m.Shared)
        {
            var (title, none) = role == CaseRole.HighHigh
                ? ("Shared with the high–high cases (pattern B)", "This site has none of the codes that characterise the high–high cases.")
                : ("Shared with the low–low cases (pattern C)", "This site has none of the codes that characterise the low–low cases.");
            yield return new Heading(3, title);
            if (!pattern.Available)
            {
                yield return new Paragraph($"Pattern {pattern.Id} is not available: {pattern.UnavailableReason}");
            }
            else if (shared.Count == 0)
            {
                yield return new Paragraph(none);
            }
            else
            {
                yield return new Paragraph($"{F.Plural(shared.Count, "code", "codes")} of the {F.Plural(pattern.Codes.Count, "pattern " + pattern.Id + " code", "pattern " + pattern.Id + " codes")}:");
                foreach (var block in CodeBlocks.CodeNames(m.Labels, shared))
                {
                    yield return block;
                }
            }
        }

        if (m.OnlyHere.Count > 0)
        {
            yield return new Heading(3, "Codes only this site has among the selected cases (pattern D)");
            foreach (var block in CodeBlocks.PatternCodes(m.Labels, m.OnlyHere, showSites: false))
            {
                yield return block;
            }
        }
    }
}
