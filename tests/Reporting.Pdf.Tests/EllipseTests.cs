using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Structure;
using PdfSharp.UniversalAccessibility;
using Reporting.Pdf.Charts;

namespace Reporting.Pdf.Tests;

/// <summary>
/// <see cref="Ellipses.Draw"/> writes a page's content as PDFsharp's own <c>DrawEllipse</c> does. PDFsharp is the
/// reference: the same drawing, once through each, must give the same content stream to the character.
/// </summary>
public sealed class EllipseTests
{
    [Fact]
    public void Draw_RandomEllipsesInATaggedFigure_SameContentAsPdfSharp()
    {
        // Seeded: the same ellipses on every run. Pens, brushes and both, on the page and in a saved state, with text
        // and rectangles between them, so that the graphics state PDFsharp carries from one call to the next varies.
        for (var seed = 1; seed <= 20; seed++)
        {
            var reference = Paint(seed, fast: false);
            var fast = Paint(seed, fast: true);
            AssertSame(reference, fast);
            Assert.Contains(" c\n", reference, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, 0, 0, 0)] // a point: every coordinate is 0 or the page height
    [InlineData(0.00004, 0.00005, 0.00001, 0.00001)] // rounds to zero, and at the fourth decimal's midpoint
    [InlineData(-12.34565, -0.00005, 3.33335, 7.77775)] // negative coordinates and midpoints after rounding to 15 digits
    [InlineData(-0.00004, 841.89, 0.00002, 0.00002)] // negative values that round to zero ("-0"), y at about the page height
    [InlineData(100.5, 200.25, 1e-12, 123456.789)] // a degenerate width, a height past the page
    [InlineData(841.88, 841.88976, 0.5, 0.5)] // near the page height: y maps to about 0
    public void Draw_EdgeValues_SameContentAsPdfSharp(double x, double y, double width, double height)
    {
        foreach (var (pen, brush) in Styles())
        {
            AssertSame(
                Content(gfx => gfx.DrawEllipse(pen, brush, x, y, width, height)),
                Content(gfx => Ellipses.Draw(gfx, pen, brush, x, y, width, height)));
        }
    }

    [Fact]
    public void Draw_UnderATransformation_LeftToPdfSharp()
    {
        // The fast path maps points as an untransformed page does; under a transformation PDFsharp draws the ellipse.
        static void Paint(XGraphics gfx, bool fast)
        {
            gfx.TranslateTransform(10.25, -3.5);
            gfx.ScaleTransform(1.5);
            var pen = new XPen(XColors.Navy, 1.1);
            if (fast)
            {
                Ellipses.Draw(gfx, pen, null, 100.123456, 200.654321, 7, 9);
            }
            else
            {
                gfx.DrawEllipse(pen, 100.123456, 200.654321, 7, 9);
            }
        }

        var reference = Content(gfx => Paint(gfx, fast: false));
        Assert.Contains(" cm\n", reference, StringComparison.Ordinal);
        Assert.Equal(reference, Content(gfx => Paint(gfx, fast: true)));
    }

    /// <summary>Equal content streams; a failure names the first line that differs.</summary>
    private static void AssertSame(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            Assert.True(e[i] == a[i], $"line {i}: PDFsharp wrote [{e[i]}], the fast path [{a[i]}]");
        }

        Assert.Equal(expected, actual);
    }

    private static IEnumerable<(XPen? Pen, XBrush? Brush)> Styles()
    {
        yield return (new XPen(XColors.Black, 0.6), null);
        yield return (null, new XSolidBrush(XColors.White));
        yield return (new XPen(XColors.White, 0.6), new XSolidBrush(XColor.FromArgb(255, 31, 119, 180)));
    }

    private static string Paint(int seed, bool fast)
    {
        var random = new Random(seed);
        var styles = Styles().ToList();
        styles.Add((new XPen(XColor.FromArgb(255, 214, 39, 40), 1.1), null));
        var font = Typography.Font(7, TextStyle.Regular);
        return Content(gfx =>
        {
            var state = gfx.Save();
            for (var i = 0; i < 120; i++)
            {
                var (pen, brush) = styles[random.Next(styles.Count)];
                var x = (random.NextDouble() * 700) - 20;
                var y = (random.NextDouble() * 900) - 20;
                var width = random.Next(4) == 0 ? random.Next(12) : random.NextDouble() * 12;
                var height = random.Next(3) == 0 ? width : random.NextDouble() * 12;
                if (fast)
                {
                    Ellipses.Draw(gfx, pen, brush, x, y, width, height);
                }
                else
                {
                    gfx.DrawEllipse(pen, brush, x, y, width, height);
                }

                switch (random.Next(6))
                {
                    case 0:
                        gfx.DrawString("Site " + i, font, XBrushes.Black, x, y);
                        break;
                    case 1:
                        gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(215, 255, 255, 255)), x, y, width * 3, height);
                        break;
                }
            }

            gfx.Restore(state);
        });
    }

    /// <summary>
    /// The page's content stream after <paramref name="paint"/>, on a tagged PDF/A page as the reports make, inside a
    /// figure element as the reports' charts are.
    /// </summary>
    private static string Content(Action<XGraphics> paint)
    {
        PdfSharpSetup.EnsureInitialized();
        using var pdf = new PdfDocument();
        pdf.SetPdfA();
        var accessibility = UAManager.ForDocument(pdf);
        var page = pdf.AddPage();
        page.Width = XUnit.FromPoint(Typography.PageWidth);
        page.Height = XUnit.FromPoint(Typography.PageHeight);
        using var gfx = XGraphics.FromPdfPage(page, XGraphicsUnit.Point);
        accessibility.StructureBuilder.BeginElement(PdfIllustrationElementTag.Figure, "A chart", new XRect(50, 50, 400, 300));
        paint(gfx);
        accessibility.StructureBuilder.End();
        return gfx.Internals.ContentStringBuilder!.ToString();
    }
}
