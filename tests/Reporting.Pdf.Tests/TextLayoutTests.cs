using Reporting.Pdf.Layout;

namespace Reporting.Pdf.Tests;

public sealed class TextLayoutTests : IDisposable
{
    private readonly TextMeasurer _measurer = new();

    [Theory]
    [InlineData(120)] // narrow: a table cell
    [InlineData(Typography.ContentWidth)] // the full text width
    public void Wrap_LongParagraph_EveryLineWithinWidthAndNoWordLost(double width)
    {
        var text = string.Join(" ", Enumerable.Repeat("Peer workers were embedded in the community team.", 12));

        var lines = TextLayout.Wrap(_measurer, [new TextRun(text)], Typography.BodySize, width);

        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.True(l.Width <= width + 0.01, $"line '{l.Text}' is {l.Width} wide"));
        Assert.Equal(text, string.Join(" ", lines.Select(l => l.Text)));
    }

    [Fact]
    public void Wrap_WordWiderThanLine_BrokenBetweenCharactersAndRejoinable()
    {
        var hash = "9b1de4f0c2a37e55d1f08a6c3b2e4f7a9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f";

        var lines = TextLayout.Wrap(_measurer, [new TextRun(hash)], Typography.TableSize, 60);

        Assert.True(lines.Count >= 3);
        Assert.All(lines, l => Assert.True(l.Width <= 60.01));
        Assert.Equal(hash, string.Concat(lines.Select(l => l.Text)));
    }

    [Fact]
    public void Wrap_RunsInDifferentStyles_KeepSpacesBetweenThemAndNotInsideWords()
    {
        var lines = TextLayout.Wrap(_measurer, ["Engagement was ", TextRun.Bold("58%"), ", above ", TextRun.Italic("target"), "."], Typography.BodySize, 400);

        var line = Assert.Single(lines);
        Assert.Equal("Engagement was 58%, above target.", line.Text);
        Assert.Equal(5, line.Segments.Count);
        Assert.True(line.Segments[1].Font.Bold);
        Assert.True(line.Segments[3].Font.Italic);
        Assert.All(line.Segments.Zip(line.Segments.Skip(1)), pair => Assert.True(pair.First.X + pair.First.Width <= pair.Second.X + 0.01));
    }

    [Fact]
    public void Wrap_LineFeed_ForcesABreak()
    {
        var lines = TextLayout.Wrap(_measurer, [new TextRun("first\nsecond\n\nfourth")], Typography.BodySize, 400);

        Assert.Equal(["first", "second", string.Empty, "fourth"], lines.Select(l => l.Text));
    }

    [Fact]
    public void Wrap_BoldText_MeasuresWiderThanRegular()
    {
        var regular = TextLayout.Wrap(_measurer, [new TextRun("Implementation reporting")], Typography.BodySize, 400);
        var bold = TextLayout.Wrap(_measurer, [TextRun.Bold("Implementation reporting")], Typography.BodySize, 400);

        Assert.True(bold[0].Width > regular[0].Width);
    }

    public void Dispose() => _measurer.Dispose();
}
