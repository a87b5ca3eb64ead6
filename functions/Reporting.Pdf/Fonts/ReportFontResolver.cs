using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Reporting.Pdf.Fonts;

/// <summary>
/// Serves the Carlito faces embedded in this assembly and nothing else, so a PDF never depends on
/// the fonts of the machine that renders it. An unknown family is refused (PDFsharp then throws).
/// </summary>
internal sealed class ReportFontResolver : IFontResolver
{
    private static readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!string.Equals(familyName, Typography.FontFamily, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var face = (bold, italic) switch
        {
            (false, false) => "Carlito-Regular",
            (true, false) => "Carlito-Bold",
            (false, true) => "Carlito-Italic",
            (true, true) => "Carlito-BoldItalic",
        };
        return new FontResolverInfo(face);
    }

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, Load);

    private static byte[] Load(string faceName)
    {
        var resource = $"Reporting.Pdf.Fonts.{faceName}.ttf";
        using var stream = typeof(ReportFontResolver).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The font resource '{resource}' is missing from the assembly.");
        // A resource stream knows its length: read it into one array (the faces are 600-800 KB each).
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
