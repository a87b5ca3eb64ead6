using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.SiteSections;

/// <summary>A code at the site with its excerpt, kept only when the excerpt is from this site.</summary>
internal sealed record OwnCode(SiteCode Code, Excerpt? Example);

/// <summary>The site's facilitators and barriers from its own interviews; <see cref="Sources"/> null without codings.</summary>
/// <remarks><see cref="Labels"/>: the framework's domain labels.</remarks>
internal sealed record FacilitatorsBarriersModel(int? Sources, IReadOnlyList<OwnCode> Facilitators, IReadOnlyList<OwnCode> Barriers, FrameworkLabels Labels)
{
    public static FacilitatorsBarriersModel From(RunModel run, SiteResult site)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(site);
        var labels = FrameworkLabels.From(run.Framework);
        if (site.Coding is not { } coding)
        {
            return new(null, [], [], labels);
        }

        // A site report shows no other site's words.
        OwnCode Own(SiteCode c) => new(c, c.Example is { } e && e.SiteId == site.SiteId ? e : null);
        return new(coding.Sources, coding.Facilitators.Select(Own).ToList(), coding.Barriers.Select(Own).ToList(), labels);
    }
}

/// <summary>Formats <see cref="FacilitatorsBarriersModel"/>.</summary>
internal static class FacilitatorsBarriersSection
{
    public static IEnumerable<Block> Compose(FacilitatorsBarriersModel m)
    {
        yield return new Heading(2, SiteReportDocument.Sections.FacilitatorsBarriers);
        if (m.Sources is not { } sources)
        {
            yield return new Paragraph(SiteReportDocument.NoCodings);
            yield break;
        }

        yield return new Paragraph(
            $"{F.Plural(sources, "source", "sources")} (pseudonymised interviewees) at this site were coded. A facilitator is a code whose segments here were more often coded as helping than hindering; " +
            "a barrier the reverse. Each has one quoted excerpt from this site.");
        foreach (var (codes, title, none) in new[]
        {
            (m.Facilitators, "Facilitators", "No code at this site leans towards facilitator."),
            (m.Barriers, "Barriers", "No code at this site leans towards barrier."),
        })
        {
            yield return new Heading(3, title);
            if (codes.Count == 0)
            {
                yield return new Paragraph(none);
                continue;
            }

            foreach (var group in m.Labels.Grouped(codes, c => c.Code.Code))
            {
                yield return new Paragraph([TextRun.Bold(m.Labels.GroupLabel(group.First().Code.Code))]);
                foreach (var (code, example) in group)
                {
                    yield return new Paragraph(
                    [
                        TextRun.Bold(code.Code.Code.Trim()), "\n",
                        $"{F.Plural(code.Sources, "source", "sources")}; coded segments: {F.Valence(code.Valence)}.",
                    ]);
                    if (example is not null)
                    {
                        yield return CodeBlocks.Excerpts([example], withSite: false);
                    }
                }
            }
        }
    }
}
