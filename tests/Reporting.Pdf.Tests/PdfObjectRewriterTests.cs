using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Reporting.Pdf.Saving;

namespace Reporting.Pdf.Tests;

public sealed class PdfObjectRewriterTests
{
    [Fact]
    public void ToArray_NothingChanged_TheFileAsPdfSharpSavedIt()
    {
        var saved = SavedByPdfSharp();

        // Same objects in the same order, the same table and trailer: the same bytes.
        Assert.Equal(saved, new PdfObjectRewriter(saved).ToArray());
    }

    [Fact]
    public void ToArray_ObjectReplacedAndOneAppended_TableGivesEveryObjectsOffset()
    {
        var saved = SavedByPdfSharp();
        var rewriter = new PdfObjectRewriter(saved);
        var first = rewriter.ObjectNumbers[0];
        rewriter.Replace(first, Encoding.ASCII.GetBytes("<</Longer (than what was there before, so every later object moves)>>"));
        var appended = rewriter.Append(Encoding.ASCII.GetBytes("<</Appended true>>"));

        var output = rewriter.ToArray();
        var text = Encoding.Latin1.GetString(output);
        var startxref = int.Parse(Regex.Match(text, @"startxref\n(\d+)\n%%EOF\n$").Groups[1].Value, CultureInfo.InvariantCulture);
        var table = Regex.Match(text[startxref..], @"^xref\n0 (\d+)\n");
        Assert.True(table.Success, "startxref should point at the table");
        var count = int.Parse(table.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(appended + 1, count);
        Assert.Contains($"/Size {count}", text[startxref..], StringComparison.Ordinal);

        // Entry 0 is free; every object of the saved file and the appended one is where its entry says.
        Assert.Equal("0000000000 65535 f \n", text.Substring(startxref + table.Length, 20));
        foreach (var number in rewriter.ObjectNumbers.Append(appended))
        {
            var entry = text.Substring(startxref + table.Length + (number * 20), 20);
            Assert.Matches(@"^\d{10} 00000 n \n$", entry);
            var offset = int.Parse(entry[..10], CultureInfo.InvariantCulture);
            Assert.StartsWith($"{number} 0 obj\n", text[offset..], StringComparison.Ordinal);
        }

        Assert.StartsWith($"{first} 0 obj\n<</Longer", text[int.Parse(text.Substring(startxref + table.Length + (first * 20), 10), CultureInfo.InvariantCulture)..], StringComparison.Ordinal);
    }

    private static byte[] SavedByPdfSharp()
    {
        using var pdf = new PdfDocument();
        for (var i = 0; i < 3; i++)
        {
            var page = pdf.AddPage();
            using var gfx = XGraphics.FromPdfPage(page);
            gfx.DrawRectangle(XBrushes.SteelBlue, 20 + i, 20, 100, 50);
        }

        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}
