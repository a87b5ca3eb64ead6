using PdfSharp.Drawing;

namespace Reporting.Pdf.Layout;

/// <summary>
/// Measures strings with the real fonts on a PDFsharp measure context (no page needed), caching widths.
/// One instance per rendering; not thread-safe.
/// </summary>
internal sealed class TextMeasurer : IDisposable
{
    private readonly XGraphics _gfx;
    private readonly Dictionary<(string Text, XFont Font), double> _widths = [];

    public TextMeasurer()
    {
        PdfSharpSetup.EnsureInitialized();
        _gfx = XGraphics.CreateMeasureContext(
            new XSize(Typography.PageWidth, Typography.PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
    }

    public double Width(string text, XFont font)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        if (!_widths.TryGetValue((text, font), out var width))
        {
            width = _gfx.MeasureString(text, font).Width;
            _widths[(text, font)] = width;
        }

        return width;
    }

    public XSize Size(string text, XFont font) => new(Width(text, font), font.Size);

    public void Dispose() => _gfx.Dispose();
}
