using System.Text;
using System.Text.RegularExpressions;
using Reporting.Core.Analysis;
using Reporting.Pdf.Saving;
using Reporting.Pdf.Tests.Reports;

namespace Reporting.Pdf.Tests;

/// <summary>
/// The font programs are compressed after saving, with a cache across reports (<see cref="FontPrograms"/>), instead of
/// by PDFsharp while saving. PDFsharp compressing them itself is the reference: the files must be the same to the byte.
/// </summary>
public sealed class FontProgramTests
{
    [Fact]
    public void Render_FontsCompressedAfterSaving_SameBytesAsPdfSharpCompressingThem()
    {
        var document = DemoReport.Build();
        var reference = PdfRenderer.Render(document, fontsCompressedAfterSaving: false);

        // The first render may compress the programs or find them cached (other tests render the demo too); the
        // second finds every one of them cached.
        Assert.Equal(reference, PdfRenderer.Render(document, fontsCompressedAfterSaving: true));
        Assert.Equal(reference, PdfRenderer.Render(document, fontsCompressedAfterSaving: true));
    }

    [Fact]
    public void Render_SampleRunsReports_SameBytesAsPdfSharpCompressingThem()
    {
        // Every site report of the sample: the site reports share most of their font subsets, so most programs come
        // from the cache, and some differ (site names and figures draw different glyphs).
        var run = Runs.Sample;
        var documents = new[] { TrialReportDocument.Build(run, RunHistory.None) }
            .Concat(run.Sites.Select(s => SiteReportDocument.Build(run, s.SiteId, RunHistory.None)))
            .ToList();

        var programs = new HashSet<string>(StringComparer.Ordinal);
        var embedded = 0;
        foreach (var document in documents)
        {
            var ours = PdfRenderer.Render(document, fontsCompressedAfterSaving: true);
            Assert.Equal(PdfRenderer.Render(document, fontsCompressedAfterSaving: false), ours);

            // Each embedded program is Flate-compressed, with its uncompressed length as /Length1.
            var heads = Regex.Matches(Encoding.Latin1.GetString(ours), @"<</Length1 (\d+)/Filter/FlateDecode/Length (\d+)>>\nstream\n");
            Assert.Equal(3, heads.Count);
            embedded += heads.Count;
            foreach (Match head in heads)
            {
                programs.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(ours.AsSpan(head.Index + head.Length, int.Parse(head.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))));
            }
        }

        // Some programs repeat across the reports (the cache is used) and not all are one (the comparison means something).
        Assert.InRange(programs.Count, 4, embedded - 1);
    }
}
