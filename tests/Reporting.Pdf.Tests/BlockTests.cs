namespace Reporting.Pdf.Tests;

public sealed class BlockTests
{
    public static TheoryData<Block, StructureRole> Roles => new()
    {
        { new Heading(1, "Title"), StructureRole.H1 },
        { new Heading(2, "Section"), StructureRole.H2 },
        { new Heading(3, "Subsection"), StructureRole.H3 },
        { new Paragraph("Text."), StructureRole.P },
        { new BulletList([new Paragraph("Item.")]), StructureRole.L },
        { new Note("Aside."), StructureRole.Note },
        { new Table([new TableColumn(1)], [new TableRow(["H"])], [new TableRow(["B"])]), StructureRole.Table },
        { new KeyValuePanel([new KeyValue("Key", "Value")]), StructureRole.Table },
        { new Figure(DemoReport.Bars(), "Caption.", "Alt text."), StructureRole.Figure },
        { new PageBreak(), StructureRole.Artifact },
        { new Spacer(10), StructureRole.Artifact },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public void Block_Role_MatchesItsPdfStructureType(Block block, StructureRole expected)
    {
        Assert.Equal(expected, block.Role);
    }

    [Theory]
    [InlineData(0)] // below the first level
    [InlineData(4)] // deeper than the three levels the reports use
    public void Heading_LevelOutOfRange_Throws(int level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Heading(level, "Heading"));
    }

    [Theory]
    [InlineData(0)] // a zero share of the width would collapse the column
    [InlineData(-1)] // negative widths make no sense
    public void TableColumn_NonPositiveWidth_Throws(double width)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TableColumn(width));
    }

    [Fact]
    public void Table_WithoutBodyRows_StillRendersItsHeader()
    {
        var table = new Table([new TableColumn(1), new TableColumn(1)], [new TableRow(["Lonely header", "Second"])], []);
        var document = new ReportDocument("Empty table", "Test", [], new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), [table]);

        using var pdf = new PdfFile(PdfRenderer.Render(document));

        Assert.Contains("Lonely header", pdf.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Figure_AltText_KeptOnTheBlockForTaggedOutput()
    {
        var figure = new Figure(DemoReport.Scatter(), "Figure 1.", "Engagement rises with fidelity.");

        Assert.Equal("Engagement rises with fidelity.", figure.AltText);
        Assert.Equal(StructureRole.Figure, figure.Role);
    }
}
