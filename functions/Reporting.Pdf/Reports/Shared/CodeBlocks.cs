using Reporting.Core.Analysis;

namespace Reporting.Pdf;

/// <summary>Blocks for coded interview data: codes grouped by domain and construct, with valence and quoted excerpts.</summary>
internal static class CodeBlocks
{
    /// <summary>Pattern codes grouped under "Domain · construct" labels, each with its sites, sources, valence and excerpts.</summary>
    public static IEnumerable<Block> PatternCodes(FrameworkLabels labels, IReadOnlyList<PatternCode> codes, bool showSites = true)
    {
        foreach (var group in labels.Grouped(codes, c => c.Code))
        {
            yield return new Paragraph([TextRun.Bold(labels.GroupLabel(group.First().Code))]);
            foreach (var code in group)
            {
                var runs = new List<TextRun> { TextRun.Bold(code.Code.Code.Trim()), "\n" };
                if (showSites)
                {
                    runs.Add($"{ReportFormat.Plural(code.Sites.Count, "site", "sites")}: {string.Join(", ", code.Sites)}. ");
                }

                runs.Add($"{ReportFormat.Plural(code.Sources.Count, "source", "sources")}: {string.Join(", ", code.Sources)}. ");
                runs.Add($"Coded segments: {ReportFormat.Valence(code.Valence)}.");
                yield return new Paragraph(runs);
                if (code.Excerpts.Count > 0)
                {
                    yield return Excerpts(code.Excerpts, withSite: showSites);
                }
            }
        }
    }

    /// <summary>Quoted excerpts, each followed by its pseudonymised source (and site).</summary>
    public static BulletList Excerpts(IReadOnlyList<Excerpt> excerpts, bool withSite = true) =>
        new(excerpts.Select(e => new Paragraph(
        [
            TextRun.Italic(ReportFormat.Quote(e.Text)),
            withSite ? $" — {e.Source} ({e.SiteId})" : $" — {e.Source}",
        ])).ToList());

    /// <summary>Code names only, grouped by domain and construct (for a site report, which shows no other site's data).</summary>
    public static IEnumerable<Block> CodeNames(FrameworkLabels labels, IReadOnlyList<CodeKey> codes)
    {
        foreach (var group in labels.Grouped(codes, c => c))
        {
            yield return new Paragraph([TextRun.Bold(labels.GroupLabel(group.First()))]);
            yield return new BulletList(group.Select(c => new Paragraph(c.Code.Trim())).ToList());
        }
    }
}
