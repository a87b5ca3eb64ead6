using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.SharedSections;

/// <summary>The title block of a run's report: the heading and a lead line naming the trial (and the site).</summary>
internal sealed record TitleModel(string Heading, TrialInfo Trial, SiteResult? Site);

/// <summary>Formats <see cref="TitleModel"/>: an H1 and an italic lead line.</summary>
internal static class TitleSection
{
    public static IEnumerable<Block> Compose(TitleModel m)
    {
        yield return new Heading(1, m.Heading);
        var lead = TrialLine(m.Trial);
        yield return new Paragraph([TextRun.Italic(m.Site is { } site ? $"{F.SiteName(site)} · {lead}" : lead)]);
    }

    /// <summary>"Title · registration · data cut-off 30 June 2019", leaving out what the trial does not have.</summary>
    private static string TrialLine(TrialInfo t) =>
        string.Join(" · ", new[] { t.Title, t.Registration, $"data cut-off {F.Date(t.DataCutOff)}" }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
