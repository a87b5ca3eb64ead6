using System.Globalization;
using System.Text;
using System.Text.Json;
using Reporting.Pdf.Tests.Reports;

namespace Reporting.Pdf.Tests.Accessibility;

/// <summary>
/// Tagged PDF (PDF/UA-1) for every report of the sample: poppler says tagged, the structure tree read back matches the
/// document's blocks in reading order, and the Matterhorn conditions <see cref="PdfUaChecker"/> covers all pass.
/// </summary>
public sealed class TaggedPdfTests(TaggedSampleReports sample) : IClassFixture<TaggedSampleReports>
{
    [Theory]
    [MemberData(nameof(TaggedSampleReports.Names), MemberType = typeof(TaggedSampleReports))]
    public void Report_PdfInfo_SaysTagged(string name)
    {
        var info = sample.Get(name).Pdf.Info();

        Assert.Equal("yes", info["Tagged"]);
        Assert.Equal("no", info["Suspects"]);
        Assert.Equal("yes", info["Metadata Stream"]);
    }

    [Theory]
    [MemberData(nameof(TaggedSampleReports.Names), MemberType = typeof(TaggedSampleReports))]
    public void Report_MatterhornChecks_AllPass(string name)
    {
        var failures = PdfUaChecker.Check(sample.Get(name).Qpdf);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(TaggedSampleReports.Names), MemberType = typeof(TaggedSampleReports))]
    public void Report_StructureTree_HasEveryHeadingTableAndFigureInReadingOrder(string name)
    {
        var report = sample.Get(name);

        var expected = OutlineEntry.Expected(report.Document);
        var actual = OutlineEntry.Actual(report.Tree);

        Assert.Equal(expected, actual);
        Assert.Contains(expected, e => e.Kind == "H1");
    }

    [Theory]
    [MemberData(nameof(TaggedSampleReports.Names), MemberType = typeof(TaggedSampleReports))]
    public void Report_Figures_CarryTheirAltTextAndABoxOnThePage(string name)
    {
        var report = sample.Get(name);
        PdfUaChecker.Check(report.Qpdf, out var root);
        var figures = root!.DescendantsAndSelf().Where(n => n.Type == "Figure").ToList();

        var expected = report.Document.Blocks.OfType<Figure>().Select(f => f.AltText).ToList();
        Assert.Equal(expected, figures.Select(f => report.Qpdf.Text(f.Dictionary, "/Alt")));
        Assert.All(expected, alt => Assert.False(string.IsNullOrWhiteSpace(alt)));
        foreach (var figure in figures)
        {
            // The box is in PDF coordinates (origin bottom left), inside the page's text area.
            var box = report.Qpdf.Get(report.Qpdf.Get(figure.Dictionary, "/A")!.Value, "/BBox")!.Value.EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.Equal(Typography.ContentLeft, box[0], 3);
            Assert.InRange(box[1], Typography.MarginBottom - 0.01, box[3]);
            Assert.InRange(box[3], box[1], Typography.PageHeight - Typography.MarginTop + 0.01);
            Assert.True(box[2] > box[0] + 100, "a figure is wider than 100 points");
        }
    }

    [Fact]
    public void TrialReport_FigureBoxes_AreWhereTheChartsWereDrawn()
    {
        var report = sample.Get("trial");
        PdfUaChecker.Check(report.Qpdf, out var root);
        var figures = root!.DescendantsAndSelf().Where(n => n.Type == "Figure").ToList();
        var pages = report.Qpdf.Pages().Select(p => p.Reference).ToList();

        // Where the paginator placed each chart (top-left origin), turned into PDF coordinates (bottom-left origin).
        var placed = PdfRenderer.Layout(report.Document)
            .SelectMany(page => page.Fragments.SelectMany(f => f.Units).Select(u => (page.Number, u)))
            .Where(x => x.u.Unit is Layout.FigureUnit)
            .Select(x => (x.Number, Unit: (Layout.FigureUnit)x.u.Unit, Top: x.u.Y))
            .ToList();

        Assert.Equal(3, placed.Count);
        Assert.Equal(placed.Count, figures.Count);
        for (var i = 0; i < placed.Count; i++)
        {
            var (page, unit, top) = placed[i];
            var box = report.Qpdf.Get(report.Qpdf.Get(figures[i].Dictionary, "/A")!.Value, "/BBox")!.Value.EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.Equal(Typography.ContentLeft, box[0], 2);
            Assert.Equal(Typography.PageHeight - (top + unit.ChartHeight), box[1], 2);
            Assert.Equal(Typography.ContentLeft + unit.ChartWidth, box[2], 2);
            Assert.Equal(Typography.PageHeight - top, box[3], 2);
            Assert.Equal(pages[page - 1], QpdfDocument.Reference(figures[i].Dictionary, "/Pg"));
        }
    }

    [Fact]
    public void Document_LanguageAndTitle_AreDeclared()
    {
        var report = sample.Get("trial");
        var catalog = report.Qpdf.Catalog;
        var xmp = Encoding.UTF8.GetString(report.Qpdf.StreamData(QpdfDocument.Reference(catalog, "/Metadata")!));

        Assert.Equal("en-GB", report.Qpdf.Text(catalog, "/Lang"));
        Assert.Equal(JsonValueKind.True, report.Qpdf.Get(report.Qpdf.Dictionary(catalog, "/ViewerPreferences")!.Value, "/DisplayDocTitle")!.Value.ValueKind);
        Assert.Contains("<pdfuaid:part>1</pdfuaid:part>", xmp, StringComparison.Ordinal);
        Assert.Contains("<rdf:li xml:lang=\"x-default\">peer-support-synthetic — trial implementation report</rdf:li>", xmp, StringComparison.Ordinal);
        Assert.Contains("<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>", xmp, StringComparison.Ordinal);
    }

    [Fact]
    public void TrialReport_SiteTable_HasColumnHeadersWithScopeAndSpans()
    {
        var table = sample.Get("trial").Tree.Children.Where(c => c.Type == "Table").First(t => t.Flatten().Any(n => n.Type == "THead" && n.Text.StartsWith("Site Engagement", StringComparison.Ordinal)));

        var head = table.Children[0];
        var body = table.Children[1];
        Assert.Equal(["THead", "TBody"], table.Children.Select(c => c.Type));
        Assert.Equal(2, head.Children.Count);
        Assert.Equal(["/Scope /Column", "/ColSpan 3"], head.Children[0].Children[0].Attributes);
        Assert.All(head.Children.SelectMany(r => r.Children), th => Assert.Equal("TH", th.Type));
        // Seven sites and the pooled row; each row's first cell names it (a row header), the rest are data cells.
        Assert.Equal(8, body.Children.Count);
        Assert.All(body.Children, row =>
        {
            Assert.Equal(["/Scope /Row"], row.Children[0].Attributes.Where(a => a.StartsWith("/Scope", StringComparison.Ordinal)));
            Assert.All(row.Children.Skip(1), c => Assert.Equal("TD", c.Type));
        });
        Assert.Equal("S1", body.Children[0].Children[0].Text);
    }

    [Fact]
    public void TrialReport_BulletList_ItemsHaveLabelAndBody()
    {
        var list = sample.Get("trial").Tree.Children.First(c => c.Type == "L");

        Assert.All(list.Children, li =>
        {
            Assert.Equal("LI", li.Type);
            Assert.Equal(["Lbl", "LBody"], li.Children.Select(c => c.Type));
            Assert.Equal("•", li.Children[0].Text);
        });
        Assert.StartsWith("High engagement and high fidelity: S1 Northgate (synthetic)", list.Children[0].Children[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TrialReport_WrappedLines_KeepWordsApartInTheTags()
    {
        var paragraph = sample.Get("trial").Tree.Children.First(c => c.Type == "P" && c.Text.StartsWith("Across the 7 sites", StringComparison.Ordinal));

        // The paragraph wraps over several lines; read from the tags it is the sentence as written.
        Assert.Contains("engaged with it by the data cut-off (95% CI 55.3–66.4%): at least 2 counted contacts with their peer worker, at least 1 of them after discharge.", paragraph.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("cut-off(95%", paragraph.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FunderReport_TrialReportAddress_IsALinkAnnotation()
    {
        var report = sample.Get("funder");
        var link = report.Tree.Flatten().Single(n => n.Type == "Link");
        var page = report.Qpdf.Pages()[0].Page;
        var annotation = report.Qpdf.Resolve(page.GetProperty("/Annots")[0]);
        var action = report.Qpdf.Dictionary(annotation, "/A")!.Value;

        Assert.Equal("https://reports.example.org/peer-support-synthetic/e44036a0b4722516/trial.pdf", link.Text.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Equal("/URI", report.Qpdf.Name(action, "/S"));
        Assert.Equal("https://reports.example.org/peer-support-synthetic/e44036a0b4722516/trial.pdf", report.Qpdf.Text(action, "/URI"));
        Assert.Equal("/S", report.Qpdf.Name(page, "/Tabs"));
        Assert.False(annotation.TryGetProperty("/M", out _), "no wall-clock modification date");
    }

    [Fact]
    public void Report_RenderedTwice_IsByteIdentical()
    {
        var report = sample.Get("site-S2");

        Assert.Equal(File.ReadAllBytes(report.Pdf.Path), PdfRenderer.Render(report.Document));
    }
}

/// <summary>The checker itself: planted defects must be flagged, so a pass means something.</summary>
public sealed class PdfUaCheckerTests
{
    private static ReportDocument Defective() => new(
        "Planted defects",
        "A report with a figure without alternate text and a skipped heading level",
        ["test"],
        new DateTimeOffset(2019, 6, 30, 0, 0, 0, TimeSpan.Zero),
        [
            new Heading(1, "Report"),
            new Paragraph("Introduction."),
            new Heading(3, "A level-three heading straight after the title"),
            new Figure(DemoReport.Bars(), "Figure 1. Bars.", AltText: string.Empty),
        ]);

    [Fact]
    public void Check_FigureWithoutAltAndSkippedHeading_FlagsBoth()
    {
        using var pdf = new PdfFile(PdfRenderer.Render(Defective()));

        var failures = PdfUaChecker.Check(QpdfDocument.Load(pdf.Path));

        Assert.Equal(["13-004", "14-003"], failures.Select(f => f.Checkpoint).Order(StringComparer.Ordinal));
        Assert.Contains(failures, f => f.Detail == "H3 follows H1");
    }

    [Fact]
    public void Check_FirstHeadingNotH1_Flagged()
    {
        var document = Defective() with { Blocks = [new Heading(2, "Starts at level two"), new Paragraph("Text.")] };
        using var pdf = new PdfFile(PdfRenderer.Render(document));

        var failures = PdfUaChecker.Check(QpdfDocument.Load(pdf.Path));

        Assert.Equal("14-002", Assert.Single(failures).Checkpoint);
    }

    [Theory]
    [InlineData("<pdfuaid:part>1</pdfuaid:part>", "<pdfuaid:pArt>1</pdfuaid:pArt>", "06-002")] // the PDF/UA identifier is gone
    [InlineData("<dc:title>", "<dc:tItle>", "06-003")] // the XMP title is gone
    [InlineData("/Lang", "/Lanx", "11-001")] // the catalog no longer declares a language
    [InlineData("/DisplayDocTitle true", "/DisplayDocTitle null", "07-001")] // the title-bar preference is gone
    [InlineData("/Tabs/S", "/Tabs/R", "28-009")] // the page with a link no longer orders tabs by structure
    public void Check_PlantedByteDefect_Flagged(string find, string replace, string checkpoint)
    {
        var run = Runs.Sample;
        var portfolio = Core.Analysis.FunderPortfolios.Build("nihr-pgfar", "NIHR", "2026-11",
            [new Core.Analysis.PortfolioTrialInput(run, null, "https://reports.example.org/t.pdf")]);
        var bytes = Pdf.Reports.FunderReport(portfolio);
        var text = Encoding.Latin1.GetString(bytes);
        Assert.Contains(find, text, StringComparison.Ordinal);

        // Same length, so no byte offset moves and the file still reads.
        Assert.Equal(find.Length, replace.Length);
        using var pdf = new PdfFile(Encoding.Latin1.GetBytes(text.Replace(find, replace, StringComparison.Ordinal)));

        var failures = PdfUaChecker.Check(QpdfDocument.Load(pdf.Path));

        Assert.Equal(checkpoint, Assert.Single(failures).Checkpoint);
    }

    [Fact]
    public void Check_UntaggedPdf_FailsTaggingMetadataAndContent()
    {
        // A plain PDFsharp document, as the reports were before tagging.
        PdfSharpSetup.EnsureInitialized();
        using var document = new PdfSharp.Pdf.PdfDocument();
        document.Info.Title = "Untagged";
        var page = document.AddPage();
        using (var gfx = PdfSharp.Drawing.XGraphics.FromPdfPage(page))
        {
            gfx.DrawString("Untagged text", Typography.Font(12), PdfSharp.Drawing.XBrushes.Black, 72, 72);
            gfx.DrawRectangle(PdfSharp.Drawing.XBrushes.Gray, 72, 100, 100, 20);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        using var pdf = new PdfFile(stream.ToArray());

        var failures = PdfUaChecker.Check(QpdfDocument.Load(pdf.Path)).Select(f => f.Checkpoint).ToHashSet();

        Assert.Superset(new HashSet<string> { "tagged", "01-005", "06-002", "07-001", "11-001" }, failures);
    }

    [Fact]
    public void ContentStream_Tokens_ReadAsOperatorsWithTheirOperands()
    {
        var ops = ContentStream.Parse(Encoding.Latin1.GetBytes("/P<</MCID 0>>BDC BT (a) Tj ET EMC /Artifact BMC 0 0 m 1 1 l S EMC 0 0 1 1 re f"));

        Assert.Equal(["BDC", "BT", "Tj", "ET", "EMC", "BMC", "m", "l", "S", "EMC", "re", "f"], ops.Select(o => o.Name));
        Assert.Equal(["/P", "<</MCID 0>>"], ops[0].Operands);
        Assert.Equal(["(a)"], ops[2].Operands);
    }
}
