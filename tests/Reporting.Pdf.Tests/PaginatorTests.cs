using System.Globalization;
using Reporting.Pdf.Layout;

namespace Reporting.Pdf.Tests;

public sealed class PaginatorTests
{
    private static readonly DateTimeOffset _timestamp = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static double BodyLine => Typography.LineHeight(Typography.BodySize);

    private static ReportDocument Document(params Block[] blocks) => new("Test", "Pagination", ["test"], _timestamp, blocks);

    /// <summary>A one-line paragraph then a spacer leaving <paramref name="room"/> points at the foot of page 1.</summary>
    private static Block[] FillFirstPageLeaving(double room) =>
        [new Paragraph("Top line."), new Spacer(Typography.BodyHeight - BodyLine - room)];

    private static int PageOf(IReadOnlyList<PageLayout> pages, Block block) =>
        pages.First(p => p.Fragments.Any(f => ReferenceEquals(f.Block.Source, block))).Number;

    private static string LongText(int sentences) =>
        string.Join(" ", Enumerable.Range(1, sentences).Select(i => string.Create(CultureInfo.InvariantCulture, $"Sentence {i} says something about peer support at the site.")));

    [Theory]
    [InlineData(45, 2)] // the heading alone fits, with two lines of its paragraph it does not: both move on
    [InlineData(200, 1)] // room for the heading and the start of the paragraph
    public void Heading_NearPageFoot_StaysWithFirstLinesOfWhatFollows(double room, int expectedPage)
    {
        var heading = new Heading(2, "Case selection");
        var paragraph = new Paragraph(LongText(10));

        var pages = PdfRenderer.Layout(Document([.. FillFirstPageLeaving(room), heading, paragraph]));

        Assert.Equal(expectedPage, PageOf(pages, heading));
        Assert.Equal(expectedPage, PageOf(pages, paragraph));
    }

    [Fact]
    public void Heading_ShortParagraphThatCannotSplit_BothMoveTogether()
    {
        // Room for the heading and two of the paragraph's three lines: splitting would leave a widow,
        // so the whole paragraph moves, and the heading with it.
        var heading = new Heading(2, "Outcome by engagement");
        var paragraph = new Paragraph("first line\nsecond line\nthird line");

        var pages = PdfRenderer.Layout(Document([.. FillFirstPageLeaving(72), heading, paragraph]));

        Assert.Equal(2, PageOf(pages, heading));
        Assert.Equal(2, PageOf(pages, paragraph));
    }

    [Fact]
    public void Headings_RunOfTwoNearPageFoot_BothMoveWithTheTable()
    {
        var h2 = new Heading(2, "Sites");
        var h3 = new Heading(3, "Characteristics");
        var table = new Table([new TableColumn(1), new TableColumn(1)], [new TableRow(["A", "B"])], [new TableRow(["1", "2"])]);

        var pages = PdfRenderer.Layout(Document([.. FillFirstPageLeaving(60), h2, h3, table]));

        Assert.Equal(2, PageOf(pages, h2));
        Assert.Equal(2, PageOf(pages, h3));
        Assert.Equal(2, PageOf(pages, table));
    }

    [Theory]
    [InlineData(false, 1)] // an ordinary table starts in the room at the foot of page 1 and continues on page 2
    [InlineData(true, 2)] // kept together, it moves whole to page 2
    public void Table_KeepTogetherNearPageFoot_MovesWholeOrSplits(bool keep, int firstPage)
    {
        var table = new Table([new TableColumn(1), new TableColumn(1)], [new TableRow(["Group", "Sources"])],
            Enumerable.Range(1, 8).Select(i => new TableRow([$"G{i}", $"{i}"])).ToList()) { KeepTogether = keep };

        var pages = PdfRenderer.Layout(Document([.. FillFirstPageLeaving(60), table]));
        var fragments = pages.SelectMany(p => p.Fragments.Where(f => ReferenceEquals(f.Block.Source, table)).Select(f => (p.Number, f))).ToList();

        Assert.Equal(firstPage, fragments[0].Number);
        Assert.Equal(keep ? 1 : 2, fragments.Count);
        Assert.Equal(8, fragments.Sum(f => f.f.Units.Count(u => !u.IsRepeatedHeader && u.Unit is RowUnit { Kind: RowKind.Body })));
    }

    [Fact]
    public void Table_KeepTogetherTallerThanAPage_StillBreaksBetweenRows()
    {
        var table = new Table([new TableColumn(1)], [new TableRow(["Code"])],
            Enumerable.Range(1, 120).Select(i => new TableRow([$"code {i}"])).ToList()) { KeepTogether = true };

        var pages = PdfRenderer.Layout(Document(table));

        // Too tall for one page, it flows as an ordinary table: full pages, not one row per page.
        Assert.InRange(pages.Count, 2, 4);
        Assert.True(pages[0].Fragments.Single().Units.Count > 20);
    }

    [Fact]
    public void Paragraph_LongerThanAPage_FlowsOntoNextPages()
    {
        var paragraph = new Paragraph(LongText(400));

        var pages = PdfRenderer.Layout(Document(paragraph));

        Assert.True(pages.Count >= 3);
        var lines = pages.SelectMany(p => p.Fragments).SelectMany(f => f.Units).Select(u => ((LineUnit)u.Unit).Line.Text).ToList();
        Assert.Equal(LongText(400), string.Join(" ", lines));
        Assert.All(pages.SelectMany(p => p.Fragments).SelectMany(f => f.Units), u => Assert.True(u.Y + u.Unit.Height <= Typography.BodyBottom + 0.01));
    }

    [Fact]
    public void Paragraph_OnlyOneLineFitsAtFoot_MovesWholeToNextPage()
    {
        var paragraph = new Paragraph(LongText(6));

        var pages = PdfRenderer.Layout(Document([.. FillFirstPageLeaving(BodyLine + 10), paragraph]));

        Assert.Equal([2], pages.Where(p => p.Fragments.Any(f => ReferenceEquals(f.Block.Source, paragraph))).Select(p => p.Number));
    }

    [Fact]
    public void Figure_NotFittingAtFoot_MovesWholeToNextPage()
    {
        var figure = new Figure(DemoReport.Scatter(), "Figure 1.", "Alt text.");

        var pages = PdfRenderer.Layout(Document([.. FillFirstPageLeaving(150), figure]));

        var fragments = pages.SelectMany(p => p.Fragments.Select(f => (p.Number, f))).Where(x => ReferenceEquals(x.f.Block.Source, figure)).ToList();
        var (page, fragment) = Assert.Single(fragments);
        Assert.Equal(2, page);
        Assert.Equal(Typography.BodyTop, fragment.Top, 3);
    }

    [Fact]
    public void Figure_TallerThanAPage_ScaledToFitOnePage()
    {
        var figure = new Figure(DemoReport.Scatter(), "Figure 1.", "Alt text.") { Height = 3000 };

        var pages = PdfRenderer.Layout(Document(figure));

        var unit = (FigureUnit)Assert.Single(Assert.Single(pages).Fragments).Units.Single().Unit;
        Assert.True(unit.Height <= Typography.BodyHeight);
        Assert.True(unit.ChartHeight > Typography.BodyHeight * 0.8);
    }

    [Fact]
    public void Table_RowTallerThanAPage_SplitsIntoLinePiecesWithoutClipping()
    {
        var tall = string.Join("\n", Enumerable.Range(1, 160).Select(i => string.Create(CultureInfo.InvariantCulture, $"excerpt line {i:000}")));
        var table = new Table(
            [new TableColumn(1), new TableColumn(3)],
            [new TableRow(["Site", "Excerpts"])],
            [new TableRow(["row-a", "short"]), new TableRow(["row-b", tall]), new TableRow(["row-c", "short"])]);
        var document = Document(table);

        var pages = PdfRenderer.Layout(document);

        Assert.True(pages.Count >= 3, $"160 lines should need at least three pages, got {pages.Count}");
        var placed = pages.SelectMany(p => p.Fragments).SelectMany(f => f.Units).ToList();
        Assert.All(placed, u => Assert.InRange(u.Y + u.Unit.Height, Typography.BodyTop, Typography.BodyBottom + 0.01));
        var pieces = placed.Select(u => u.Unit).OfType<RowUnit>().Where(r => r.Kind == RowKind.Body && r.BodyIndex == 1).ToList();
        Assert.True(pieces.Count >= 2);
        Assert.Equal(160, pieces.Sum(p => p.Cells[1].Lines.Count));

        using var pdf = new PdfFile(PdfRenderer.Render(document));
        var text = pdf.Text();
        for (var i = 1; i <= 160; i++)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"excerpt line {i:000}");
            Assert.True(text.Split(line).Length == 2, $"'{line}' should appear exactly once");
        }

        for (var page = 2; page <= pdf.PageCount; page++)
        {
            Assert.Contains("Excerpts", pdf.Text(page), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PageBreak_AtTopOfPage_AddsNoEmptyPage()
    {
        var pages = PdfRenderer.Layout(Document(new Paragraph("One."), new PageBreak(), new PageBreak(), new Paragraph("Two.")));

        Assert.Equal(2, pages.Count);
    }

    [Fact]
    public void Table_CellSpansNotMatchingColumns_Throws()
    {
        var table = new Table([new TableColumn(1), new TableColumn(1)], [new TableRow(["A", "B"])], [new TableRow(["only one"])]);

        Assert.Throws<ArgumentException>(() => PdfRenderer.Layout(Document(table)));
    }
}
