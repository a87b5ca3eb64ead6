using System.Diagnostics;
using System.Text;
using System.Xml.Linq;
using Reporting.Pdf.Tests.Reports;

namespace Reporting.Pdf.Tests.Accessibility;

/// <summary>
/// Apache PDFBox Preflight (Debian's libpdfbox2-java, installed by scripts/install-deps.sh), the independent PDF/A-1b
/// validator, run once over many files.
/// </summary>
internal static class Preflight
{
    private static readonly string _classPath = string.Join(':',
        new[] { "pdfbox2.jar", "fontbox2.jar", "preflight.jar", "xmpbox.jar", "commons-logging.jar", "javax.activation.jar", "jaxb-api.jar" }
            .Select(jar => Path.Combine("/usr/share/java", jar)));

    /// <summary>Each file's Preflight error codes by file name; an empty list when the file is valid PDF/A-1b.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Validate(IReadOnlyDictionary<string, byte[]> files)
    {
        var directory = Directory.CreateTempSubdirectory("reporting-preflight-");
        try
        {
            var list = Path.Combine(directory.FullName, "files.txt");
            foreach (var (name, bytes) in files)
            {
                File.WriteAllBytes(Path.Combine(directory.FullName, name), bytes);
            }

            File.WriteAllLines(list, files.Keys.Select(name => Path.Combine(directory.FullName, name)));
            var start = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "-cp", _classPath, "org.apache.pdfbox.preflight.Validator_A1b", "xml", "group", list })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("java did not start.");
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var report = list + ".preflight.xml";
            if (!File.Exists(report))
            {
                throw new InvalidOperationException($"Preflight wrote no report (exit {process.ExitCode}); run scripts/install-deps.sh. {stderr.Result}");
            }

            return XDocument.Load(report).Root!.Elements("preflight").ToDictionary(
                p => (string)p.Attribute("name")!,
                p => (IReadOnlyList<string>)p.Descendants("error").Select(e => (string)e.Element("code")! + " " + (string?)e.Element("details")).ToList());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

public sealed class PreflightTests(TaggedSampleReports sample) : IClassFixture<TaggedSampleReports>
{
    [Fact]
    public void SampleReports_Preflight_AreValidPdfA1b()
    {
        var files = sample.Reports.ToDictionary(r => r.Name + ".pdf", r => File.ReadAllBytes(r.Pdf.Path));

        var results = Preflight.Validate(files);

        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), results.Keys.Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.True(r.Value.Count == 0, $"{r.Key}: {string.Join("; ", r.Value)}"));
    }

    [Fact]
    public void DemoReport_EveryBlockKind_IsValidPdfA1b()
    {
        var results = Preflight.Validate(new Dictionary<string, byte[]> { ["demo.pdf"] = PdfRenderer.Render(DemoReport.Build()) });

        Assert.Empty(results["demo.pdf"]);
    }

    [Theory]
    [InlineData("/CIDSet ", "/CIDSex ", "3.1.11")] // a font subset without its CIDSet (what PDFsharp writes)
    [InlineData("<pdfaid:part>1</pdfaid:part>", "<pdfaid:part>2</pdfaid:part>", "7.11.2")] // the XMP claims another part of PDF/A
    public void Preflight_PlantedDefect_IsFlagged(string find, string replace, string code)
    {
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(sample.Get("site-S2").Pdf.Path));
        Assert.Contains(find, text, StringComparison.Ordinal);

        var results = Preflight.Validate(new Dictionary<string, byte[]>
        {
            ["defect.pdf"] = Encoding.Latin1.GetBytes(text.Replace(find, replace, StringComparison.Ordinal)),
        });

        Assert.Contains(results["defect.pdf"], e => e.StartsWith(code + " ", StringComparison.Ordinal));
    }
}

public sealed class CidSetTests(TaggedSampleReports sample) : IClassFixture<TaggedSampleReports>
{
    [Theory]
    [InlineData(new[] { 0 }, new byte[] { 0x80 })] // CID 0 alone: the first (high-order) bit
    [InlineData(new[] { 0, 7, 8, 9 }, new byte[] { 0x81, 0xC0 })] // the last bit of a byte, then the first two of the next
    [InlineData(new[] { 0, 17 }, new byte[] { 0x80, 0x00, 0x40 })] // a gap leaves whole bytes empty
    public void Bitmap_Cids_SetOneBitEachHighOrderFirst(int[] cids, byte[] expected)
    {
        Assert.Equal(expected, Saving.CidSets.Bitmap(cids));
    }

    [Fact]
    public void Report_EachFontSubset_HasACidSetCoveringEveryCidItUses()
    {
        var pdf = sample.Get("trial").Qpdf;
        var fonts = pdf.Objects().Where(o => pdf.Name(o.Dictionary, "/Subtype") == "/CIDFontType2").ToList();

        Assert.Equal(3, fonts.Count);
        foreach (var (_, font) in fonts)
        {
            var descriptor = pdf.Dictionary(font, "/FontDescriptor")!.Value;
            var bits = pdf.StreamData(QpdfDocument.Reference(descriptor, "/CIDSet")!);
            bool Has(int cid) => cid / 8 < bits.Length && (bits[cid / 8] & (0x80 >> (cid % 8))) != 0;

            // /W lists the widths of the glyphs drawn: "c [w1 w2 …]" runs from CID c.
            var w = font.GetProperty("/W").EnumerateArray().ToList();
            var used = new List<int>();
            for (var i = 0; i < w.Count; i += 2)
            {
                used.AddRange(Enumerable.Range(w[i].GetInt32(), w[i + 1].GetArrayLength()));
            }

            Assert.NotEmpty(used);
            Assert.True(Has(0), "CID 0 (.notdef) is in every font program");
            Assert.All(used, cid => Assert.True(Has(cid), $"CID {cid} is drawn but not in the CIDSet"));
        }
    }
}
