using System.Globalization;
using System.Text.RegularExpressions;
using Reporting.Pdf.Layout;

namespace Reporting.Pdf.Tests;

public sealed class DemoReportTests(RenderedDemo demo) : IClassFixture<RenderedDemo>
{
    [Fact]
    public void Render_PdfInfo_ShowsMetadataAndA4Pages()
    {
        var info = demo.Pdf.Info();

        Assert.Equal(DemoReport.Title, info["Title"]);
        Assert.Equal(ReportDocument.DefaultAuthor, info["Author"]);
        Assert.Equal(DemoReport.Subject, info["Subject"]);
        Assert.Equal("implementation, fidelity, engagement, peer support", info["Keywords"]);
        Assert.Equal("2019-06-30T00:00:00Z", info["CreationDate"]);
        Assert.Equal("2019-06-30T00:00:00Z", info["ModDate"]);
        Assert.StartsWith("595.276 x 841.89 pts (A4)", info["Page size"], StringComparison.Ordinal);
        Assert.Equal(demo.Pages.Count, int.Parse(info["Pages"], CultureInfo.InvariantCulture));
        Assert.True(demo.Pages.Count >= 6, "the demo should run over several pages");
    }

    [Theory]
    [InlineData("Be’er Sheva")] // U+2019 right single quotation mark inside a name
    [InlineData("Dar es Salaam")] // plain ASCII name with spaces, the control case
    [InlineData("Ynys Môn")] // circumflex (U+00F4)
    [InlineData("Zürich — Nord")] // umlaut and an em dash with spaces
    [InlineData("≥ 60%")] // mathematical sign outside Latin-1 (U+2265)
    [InlineData("Spearman’s ρ = 0.61")] // Greek letter in a key-value panel
    public void Render_ExtractedText_ContainsUnicodeExactly(string expected)
    {
        var text = demo.Pdf.Text();

        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Fonts_AreOnlyEmbeddedCarlitoSubsets()
    {
        var fonts = demo.Pdf.Fonts();

        Assert.NotEmpty(fonts);
        // name, type, encoding, then embedded / subset / ToUnicode: all "yes".
        Assert.All(fonts, row => Assert.Matches(@"^[A-Z]{6}\+Carlito(,Bold|,Italic|,BoldItalic)?\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s", row));
    }

    [Fact]
    public void SiteTable_ExtractedText_HasEveryRowIdExactlyOnce()
    {
        var text = demo.Pdf.Text();

        for (var i = 1; i <= DemoReport.SiteCount; i++)
        {
            var id = DemoReport.SiteId(i);
            Assert.True(Regex.Count(text, $@"(?<![\w-]){Regex.Escape(id)}(?![\w-])") == 1, $"{id} should appear exactly once");
        }
    }

    [Fact]
    public void SiteTable_EveryRow_EndsOnThePageItStarts()
    {
        for (var i = 1; i <= DemoReport.SiteCount; i++)
        {
            var start = PageHolding(DemoReport.SiteId(i));
            var end = PageHolding(DemoReport.RowEndMarker(i));
            Assert.True(start == end, $"row {DemoReport.SiteId(i)} starts on page {start} and ends on page {end}");
        }
    }

    [Fact]
    public void SiteTable_SpansSeveralPages_EachContinuationStartsWithTheHeader()
    {
        var pages = demo.PagesOf(demo.SiteTable);
        Assert.True(pages.Count >= 3, $"the 40-site table should continue over several pages, got {pages.Count}");
        Assert.Equal(pages, Enumerable.Range(pages[0], pages.Count));

        foreach (var page in pages.Skip(1))
        {
            var lines = demo.PageTexts[page - 1].Split('\n').Where(l => l.Trim().Length > 0).ToList();

            // Line 0 is the running header; the table must come next, header rows first.
            var firstRow = lines.FindIndex(l => Regex.IsMatch(l, @"\bsite-\d\d\b"));
            var groupHeader = lines.FindIndex(l => l.Contains("Engagement (high ≥ 60%)", StringComparison.Ordinal));
            var columnHeader = lines.FindIndex(l => l.Contains("Implementation notes", StringComparison.Ordinal));
            Assert.True(firstRow > 0, $"page {page} has no site row");
            Assert.Equal(1, groupHeader);
            Assert.Equal(2, columnHeader);
            Assert.True(columnHeader < firstRow, $"page {page}: the header should precede the first row");
        }
    }

    [Fact]
    public void SiteTable_Layout_RepeatsHeaderOnContinuationPagesOnly()
    {
        var fragments = demo.Pages.SelectMany(p => p.Fragments).Where(f => ReferenceEquals(f.Block.Source, demo.SiteTable)).ToList();

        Assert.False(fragments[0].Units[0].IsRepeatedHeader);
        Assert.All(fragments.Skip(1), f =>
        {
            Assert.True(f.Units[0].IsRepeatedHeader);
            Assert.True(f.Units[1].IsRepeatedHeader);
            Assert.Equal(Typography.BodyTop, f.Units[0].Y, 3);
        });
        var bodyRows = fragments.SelectMany(f => f.Units).Select(u => u.Unit).OfType<RowUnit>().Where(r => r.Kind == RowKind.Body).ToList();
        Assert.Equal(Enumerable.Range(0, DemoReport.SiteCount + 1), bodyRows.Select(r => r.BodyIndex));
    }

    [Fact]
    public void Footer_EveryPage_ShowsPageXOfY()
    {
        var count = demo.Pdf.PageCount;

        for (var page = 1; page <= count; page++)
        {
            var text = demo.PageTexts[page - 1];
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Page {page} of {count}"), text, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(text, @"Page \d+ of \d+"));
            Assert.Contains(DemoReport.Title, text.Split('\n')[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Layout_EveryPlacedSlice_StaysInsideThePageBody()
    {
        foreach (var page in demo.Pages)
        {
            foreach (var unit in page.Fragments.SelectMany(f => f.Units))
            {
                Assert.InRange(unit.Y, Typography.BodyTop - 0.01, Typography.BodyBottom);
                Assert.InRange(unit.Y + unit.Unit.Height, Typography.BodyTop, Typography.BodyBottom + 0.01);
            }
        }
    }

    [Fact]
    public void Figures_Layout_EachOnOnePageInOneFragment()
    {
        var figures = demo.Document.Blocks.OfType<Figure>().ToList();

        Assert.Equal(3, figures.Count);
        Assert.All(figures, f => Assert.Single(demo.PagesOf(f)));
    }

    [Fact]
    public void Render_Pdftoppm_RendersEveryPageWithInk()
    {
        for (var page = 1; page <= demo.Pdf.PageCount; page++)
        {
            var image = demo.Pdf.RenderPage(page, 36);
            Assert.Equal(298, image.Width);
            Assert.Equal(421, image.Height);
            Assert.True(image.DarkPixels(0, 0, Typography.PageWidth, Typography.PageHeight, 36) > 200, $"page {page} looks blank");
        }
    }

    [Fact]
    public void ScatterFigure_RenderedPage_HasMarksInsideTheChartArea()
    {
        var scatter = demo.Document.Blocks.OfType<Figure>().First(f => f.Chart is EngagementFidelityScatter);
        var page = demo.Pages.Single(p => p.Fragments.Any(f => ReferenceEquals(f.Block.Source, scatter)));
        var placed = page.Fragments.Single(f => ReferenceEquals(f.Block.Source, scatter)).Units.Single();
        var figure = (FigureUnit)placed.Unit;

        var image = demo.Pdf.RenderPage(page.Number, 72);
        var left = Typography.ContentLeft;
        var chartInk = image.DarkPixels(left, placed.Y, left + figure.ChartWidth, placed.Y + figure.ChartHeight, 72);
        var chartArea = figure.ChartWidth * figure.ChartHeight;

        // Axes, gridlines, markers and labels: a few percent of the area, neither empty nor a solid block.
        Assert.InRange(chartInk / chartArea, 0.01, 0.5);
    }

    [Theory]
    [InlineData("Pooled 52%")] // the bar chart's reference line tag
    [InlineData("Outside 99.8% limits")] // the funnel legend names flagged sites
    [InlineData("Plymouth")] // a flagged site labelled on the funnel plot
    [InlineData("High engagement / high fidelity")] // a scatter quadrant label
    [InlineData("Figure 1. Engagement against fidelity by site")] // a caption
    public void Charts_ExtractedText_ContainsLabels(string expected)
    {
        Assert.Contains(expected, demo.Pdf.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Plymouth", true)] // flagged above the 99.8% limit: labelled
    [InlineData("Derby", true)] // flagged below the 99.8% limit: labelled
    [InlineData("North Tyneside", false)] // inside the limits: a point without a label
    [InlineData("Camden and Islington", false)] // inside the limits: a point without a label
    public void FunnelPlot_FlaggedSitesOnly_Labelled(string site, bool labelled)
    {
        var funnel = demo.Document.Blocks.OfType<Figure>().First(f => f.Chart is FunnelPlot);
        var page = Assert.Single(demo.PagesOf(funnel));
        Assert.Single(demo.Pages[page - 1].Fragments);

        Assert.Equal(labelled, demo.PageTexts[page - 1].Contains(site, StringComparison.Ordinal));
    }

    private int PageHolding(string token)
    {
        var pages = Enumerable.Range(1, demo.PageTexts.Count).Where(p => demo.PageTexts[p - 1].Contains(token, StringComparison.Ordinal)).ToList();
        Assert.True(pages.Count == 1, $"{token} should be on exactly one page, found on {pages.Count}");
        return pages[0];
    }
}
