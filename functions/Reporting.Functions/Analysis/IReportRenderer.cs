using System.Globalization;
using System.Text;
using Reporting.Core.Analysis;

namespace Reporting.Functions.Analysis;

/// <summary>Run model to PDF bytes (Reporting.Pdf).</summary>
public interface IReportRenderer
{
    byte[] Trial(RunModel run);

    byte[] Site(RunModel run, string siteId);

    byte[] Funder(FunderPortfolio portfolio);
}

/// <summary>
/// Stand-in until Reporting.Pdf's report layouts land: a one-page, deterministic PDF per report that states what it
/// covers (trial, site, run id, data cut-off, headline figures). Standard Helvetica, no embedded fonts.
/// </summary>
public sealed class InterimReportRenderer : IReportRenderer
{
    public byte[] Trial(RunModel run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var lines = new List<string> { $"Implementation report: {run.Trial.Title}", $"Trial {run.Trial.TrialId}, run {run.RunId}", $"Data cut-off {Date(run.Trial.DataCutOff)}", "" };
        lines.AddRange(run.Sites.Select(SiteLine));
        return MinimalPdf.Render(run.Trial.Title, lines);
    }

    public byte[] Site(RunModel run, string siteId)
    {
        ArgumentNullException.ThrowIfNull(run);
        var site = run.Sites.Single(s => s.SiteId == siteId);
        return MinimalPdf.Render($"{site.SiteName}: site implementation report",
            [$"Site implementation report: {site.SiteName}", $"Trial {run.Trial.TrialId}, run {run.RunId}", $"Data cut-off {Date(run.Trial.DataCutOff)}", "", SiteLine(site)]);
    }

    public byte[] Funder(FunderPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var lines = new List<string> { $"Portfolio report for {portfolio.FunderName}", $"Period {portfolio.Period}", "" };
        lines.AddRange(portfolio.Trials.Select(t => $"{t.TrialId}: run {t.RunId}, data cut-off {Date(t.DataCutOff)}, {t.Sites} sites, {t.Flagged.Count} flagged"));
        return MinimalPdf.Render($"{portfolio.FunderName} {portfolio.Period}", lines);
    }

    private static string SiteLine(SiteResult s) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{s.SiteId} {s.SiteName}: engaged {s.Engagement?.Engaged ?? 0} of {s.Engagement?.Offered ?? 0}; fidelity {(s.Fidelity?.Score is { } f ? f.ToString("0.0", CultureInfo.InvariantCulture) : "n/a")}");

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A hand-written single-page PDF 1.4 file.</summary>
internal static class MinimalPdf
{
    public static byte[] Render(string title, IReadOnlyList<string> lines)
    {
        var content = new StringBuilder("BT /F1 11 Tf 56 780 Td 14 TL\n");
        foreach (var line in lines.Take(50))
        {
            content.Append('(').Append(Escape(line)).Append(") Tj T*\n");
        }

        content.Append("ET\n");
        string[] objects =
        [
            $"<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            string.Create(CultureInfo.InvariantCulture, $"<< /Length {Encoding.ASCII.GetByteCount(content.ToString())} >>\nstream\n{content}endstream"),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Title ({Escape(title)}) /Producer (Reporting interim renderer) >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '(' or ')' or '\\' => "\\" + c,
                _ when c is < ' ' or > '~' => "?",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
