using System.Globalization;
using System.Text;
using PdfSharp.Drawing;

namespace Reporting.Pdf.Charts;

/// <summary>
/// Draws ellipses (the scatter's markers) with the same content-stream text as PDFsharp 6.2.4's
/// <see cref="XGraphics.DrawEllipse(XPen?, XBrush?, double, double, double, double)"/>, at a fraction of its cost.
/// </summary>
/// <remarks>
/// Every site report's scatter draws 400 ellipses for its 200 sites, and PDFsharp formats each one's 26 coordinates with
/// a composite format string built per call and boxed arguments: 8.5% of the large trial's rendering. Here the
/// graphics state (colours, line width, graphic mode, the tagged-PDF artifact) is set by PDFsharp itself, by drawing an
/// empty rectangle with the same pen and brush, whose path is then taken off the page's content
/// (<see cref="XGraphics.XGraphicsInternals.ContentStringBuilder"/>, the public hook MigraDoc writes through); the
/// ellipse's path is written in its place with PDFsharp's own number format and arithmetic, each coordinate's text
/// remembered by its bits. The result is the same text, character for character (<c>EllipseTests</c> compares it with
/// PDFsharp's own call on random and edge-case ellipses). Pages with a transformation, or graphics without a content
/// stream, are drawn by PDFsharp.
/// </remarks>
internal static class Ellipses
{
    /// <summary>PDFsharp's Bézier constant for a quarter circle (<c>Const.κ</c>).</summary>
    private const double Kappa = 0.5522847498307933984022516322796;

    /// <summary>
    /// PDFsharp 6.2.4's format for coordinates (<c>Config.SignificantDecimalPlaces4</c>): at most four decimals, a leading
    /// zero, and "-0" for a negative value that rounds to zero (later versions' sections would write "0").
    /// </summary>
    private const string CoordinateFormat = "0.####";

    /// <summary>Coordinates already formatted, by their bits; one per thread, emptied past <see cref="KeptTexts"/>.</summary>
    [ThreadStatic]
    private static Dictionary<long, string>? _texts;

    private const int KeptTexts = 1 << 16;

    public static void Draw(XGraphics gfx, XPen? pen, XBrush? brush, double x, double y, double width, double height)
    {
        var content = gfx.Internals.ContentStringBuilder;
        if (content is null || !gfx.Transform.IsIdentity || gfx.PageUnit != XGraphicsUnit.Point || gfx.PageDirection != XPageDirection.Downwards
            || (pen is null && brush is null) || width < 0 || height < 0)
        {
            gfx.DrawEllipse(pen, brush, x, y, width, height);
            return;
        }

        // PDFsharp sets the state and writes "0 <page height> 0 0 re\n" and the painting operator; the path is removed.
        var pageHeight = gfx.PageSize.Height;
        gfx.DrawRectangle(pen, brush, 0, 0, 0, 0);
        var paint = pen is not null && brush is not null ? "B\n" : pen is not null ? "S\n" : "f\n";
        var rectangle = "0 " + Text(pageHeight) + " 0 0 re\n" + paint;
        if (!EndsWith(content, rectangle))
        {
            throw new InvalidOperationException("PDFsharp wrote a rectangle other than expected; its drawing code changed.");
        }

        content.Length -= rectangle.Length;

        // PDFsharp's XGraphicsPdfRenderer.DrawEllipse: four cubic splines, each point mapped to the page (y from the top).
        var halfWidth = width / 2;
        var halfHeight = height / 2;
        var kx = halfWidth * Kappa;
        var ky = halfHeight * Kappa;
        var x0 = x + halfWidth;
        var y0 = y + halfHeight;
        Point(content, pageHeight, x0 + halfWidth, y0).Append(" m\n");
        Curve(content, pageHeight, x0 + halfWidth, y0 + ky, x0 + kx, y0 + halfHeight, x0, y0 + halfHeight);
        Curve(content, pageHeight, x0 - kx, y0 + halfHeight, x0 - halfWidth, y0 + ky, x0 - halfWidth, y0);
        Curve(content, pageHeight, x0 - halfWidth, y0 - ky, x0 - kx, y0 - halfHeight, x0, y0 - halfHeight);
        Curve(content, pageHeight, x0 + kx, y0 - halfHeight, x0 + halfWidth, y0 - ky, x0 + halfWidth, y0);
        content.Append("h ").Append(paint);
    }

    private static void Curve(StringBuilder content, double pageHeight, double x1, double y1, double x2, double y2, double x3, double y3)
    {
        Point(content, pageHeight, x1, y1).Append(' ');
        Point(content, pageHeight, x2, y2).Append(' ');
        Point(content, pageHeight, x3, y3).Append(" c\n");
    }

    private static StringBuilder Point(StringBuilder content, double pageHeight, double x, double y) =>
        content.Append(Text(x)).Append(' ').Append(Text(pageHeight - y));

    /// <summary>A coordinate as PDFsharp writes it.</summary>
    private static string Text(double value)
    {
        var texts = _texts ??= [];
        var bits = BitConverter.DoubleToInt64Bits(value);
        if (!texts.TryGetValue(bits, out var text))
        {
            if (texts.Count >= KeptTexts)
            {
                texts.Clear();
            }

            text = value.ToString(CoordinateFormat, CultureInfo.InvariantCulture);
            texts.Add(bits, text);
        }

        return text;
    }

    private static bool EndsWith(StringBuilder content, string value)
    {
        if (content.Length < value.Length)
        {
            return false;
        }

        var start = content.Length - value.Length;
        for (var i = 0; i < value.Length; i++)
        {
            if (content[start + i] != value[i])
            {
                return false;
            }
        }

        return true;
    }
}
