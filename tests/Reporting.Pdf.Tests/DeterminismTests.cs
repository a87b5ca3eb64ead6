using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Pdf.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Render_SameDocumentTwice_ByteIdentical()
    {
        var first = PdfRenderer.Render(DemoReport.Build());
        var second = PdfRenderer.Render(DemoReport.Build());

        Assert.Equal(first, second);
    }

    [Fact]
    public void Render_DifferentContent_DifferentFileIdentifier()
    {
        var document = DemoReport.Build();
        var changed = document with { Blocks = [.. document.Blocks, new Paragraph("One more paragraph.")] };

        Assert.NotEqual(FileId(PdfRenderer.Render(document)), FileId(PdfRenderer.Render(changed)));
    }

    [Fact]
    public void Render_DifferentTimestamp_DifferentDatesAndIdentifier()
    {
        var document = DemoReport.Build();
        var later = document with { Timestamp = new DateTimeOffset(2020, 1, 31, 12, 30, 0, TimeSpan.FromHours(2)) };

        var bytes = PdfRenderer.Render(later);
        using var pdf = new PdfFile(bytes);

        // The instant is written in UTC whatever offset it was given in.
        Assert.Equal("2020-01-31T10:30:00Z", pdf.Info()["CreationDate"]);
        Assert.NotEqual(FileId(PdfRenderer.Render(document)), FileId(bytes));
    }

    [Fact]
    public void Render_Output_HasNoPlaceholderOrRandomIdentifiersLeft()
    {
        var text = Encoding.Latin1.GetString(PdfRenderer.Render(DemoReport.Build()));

        var id = Regex.Match(text, @"/ID\[<([0-9A-F]{32})><([0-9A-F]{32})>\]");
        Assert.True(id.Success, "the trailer should carry a file identifier");
        Assert.Equal(id.Groups[1].Value, id.Groups[2].Value);
        Assert.NotEqual(new string('0', 32), id.Groups[1].Value);
        Assert.DoesNotContain("AAAAAA+", text, StringComparison.Ordinal);
        Assert.DoesNotContain("uuid:00000000-", text, StringComparison.Ordinal);

        // XMP ids are name-based UUIDs derived from the content, and differ from each other.
        var uuids = Regex.Matches(text, @"uuid:([0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})").Select(m => m.Value).ToList();
        Assert.Equal(2, uuids.Count);
        Assert.NotEqual(uuids[0], uuids[1]);
    }

    [Fact]
    public void Render_InParallel_SameBytesAsSequential()
    {
        var expected = PdfRenderer.Render(DemoReport.Build());

        var results = new byte[4][];
        Parallel.For(0, results.Length, i => results[i] = PdfRenderer.Render(DemoReport.Build()));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    private static string FileId(byte[] pdf) =>
        Regex.Match(Encoding.Latin1.GetString(pdf), @"/ID\[<([0-9A-F]{32})>").Groups[1].Value;
}
