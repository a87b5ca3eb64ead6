using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Reporting.Pdf;

/// <summary>
/// The one place for the report's type, sizes, colours and page geometry. Units are PDF points (1/72 inch).
/// </summary>
internal static class Typography
{
    public const string FontFamily = "Carlito";

    // Page: A4 portrait.
    public const double PageWidth = 595.276;
    public const double PageHeight = 841.89;
    public const double MarginLeft = 62;
    public const double MarginRight = 62;
    public const double MarginTop = 70;
    public const double MarginBottom = 64;
    public const double ContentLeft = MarginLeft;
    public const double ContentWidth = PageWidth - MarginLeft - MarginRight;
    public const double BodyTop = MarginTop;
    public const double BodyBottom = PageHeight - MarginBottom;
    public const double BodyHeight = BodyBottom - BodyTop;
    public const double HeaderBaseline = 40;
    public const double HeaderRuleY = 47;
    public const double FooterRuleY = PageHeight - 44;
    public const double FooterBaseline = PageHeight - 32;

    // Sizes.
    public const double BodySize = 10.5;
    public const double LineSpacing = 1.32;
    public const double ParagraphSpacing = 7;
    public const double NoteSize = 9.5;
    public const double NotePadding = 7;
    public const double NoteBarWidth = 2.5;
    public const double TableSize = 8.5;
    public const double TableLineSpacing = 1.22;
    public const double CellPaddingX = 4.5;
    public const double CellPaddingY = 3.2;
    public const double CaptionSize = 9;
    public const double RunningSize = 8;
    public const double BulletIndent = 16;
    public const double BulletItemSpacing = 2.5;
    public const double FigureCaptionGap = 5;
    public const double PanelPadding = 8;
    public const double PanelRowSpacing = 2.5;

    public static double HeadingSize(int level) => level switch
    {
        1 => 20,
        2 => 14,
        _ => 11.5,
    };

    public static double HeadingSpaceBefore(int level) => level switch
    {
        1 => 4,
        2 => 16,
        _ => 11,
    };

    public static double HeadingSpaceAfter(int level) => level switch
    {
        1 => 10,
        2 => 6,
        _ => 4,
    };

    public static double BlockSpaceBefore => 0;

    public static double BlockSpaceAfter => ParagraphSpacing;

    public static double TableSpaceBefore => 4;

    public static double TableSpaceAfter => 12;

    public static double FigureSpaceBefore => 8;

    public static double FigureSpaceAfter => 14;

    // Colours.
    public static readonly XColor Ink = XColor.FromArgb(0x1E, 0x23, 0x2B);
    public static readonly XColor Muted = XColor.FromArgb(0x5B, 0x64, 0x70);
    public static readonly XColor Accent = XColor.FromArgb(0x1F, 0x4E, 0x79);
    public static readonly XColor HeadingInk = XColor.FromArgb(0x17, 0x3A, 0x5E);
    public static readonly XColor Rule = XColor.FromArgb(0xC7, 0xCF, 0xD8);
    public static readonly XColor StrongRule = XColor.FromArgb(0x8E, 0x9B, 0xA9);
    public static readonly XColor HeaderFill = XColor.FromArgb(0xE6, 0xEC, 0xF3);
    public static readonly XColor ZebraFill = XColor.FromArgb(0xF5, 0xF7, 0xFA);
    public static readonly XColor HighlightFill = XColor.FromArgb(0xFF, 0xF1, 0xC9);
    public static readonly XColor NoteFill = XColor.FromArgb(0xF0, 0xF4, 0xF8);
    public static readonly XColor NoteBar = XColor.FromArgb(0x6F, 0x8F, 0xB3);
    public static readonly XColor PanelFill = XColor.FromArgb(0xF3, 0xF6, 0xF9);

    // Chart colours: distinguishable in greyscale and for common colour-vision deficiencies (blue/orange).
    public static readonly XColor ChartFrame = XColor.FromArgb(0x9A, 0xA5, 0xB1);
    public static readonly XColor ChartGrid = XColor.FromArgb(0xEA, 0xEE, 0xF2);
    public static readonly XColor ChartText = XColor.FromArgb(0x3A, 0x42, 0x4D);
    public static readonly XColor ChartSite = XColor.FromArgb(0x7B, 0x87, 0x94);
    public static readonly XColor ChartSelected = XColor.FromArgb(0x1F, 0x5A, 0x96);
    public static readonly XColor ChartOutlier = XColor.FromArgb(0xD0, 0x62, 0x1B);
    public static readonly XColor ChartThreshold = XColor.FromArgb(0x7D, 0x8A, 0x98);
    public static readonly XColor ChartQuadrant = XColor.FromArgb(0x8B, 0x95, 0xA1);
    public static readonly XColor ChartBar = XColor.FromArgb(0x9D, 0xB8, 0xD4);
    public static readonly XColor ChartBarHighlight = XColor.FromArgb(0x1F, 0x5A, 0x96);
    public static readonly XColor ChartWhisker = XColor.FromArgb(0x2E, 0x36, 0x40);
    public static readonly XColor ChartPooled = XColor.FromArgb(0xD0, 0x62, 0x1B);
    public static readonly XColor ChartLimit95 = XColor.FromArgb(0x6F, 0x8F, 0xB3);
    public static readonly XColor ChartLimit998 = XColor.FromArgb(0x2E, 0x4A, 0x6B);
    public const double ChartTickSize = 7.5;
    public const double ChartAxisTitleSize = 8.5;
    public const double ChartLabelSize = 7.5;
    public const double ChartLegendSize = 7.5;

    private static readonly ConcurrentDictionary<(double Size, TextStyle Style), XFont> _fonts = new();
    private static readonly XPdfFontOptions _fontOptions = new(PdfFontEncoding.Unicode);

    /// <summary>The report face at a size and style (cached: one XFont per size and style).</summary>
    public static XFont Font(double size, TextStyle style = TextStyle.Regular) =>
        _fonts.GetOrAdd((size, style), key =>
        {
            PdfSharpSetup.EnsureInitialized();
            var xstyle = key.Style switch
            {
                TextStyle.Bold => XFontStyleEx.Bold,
                TextStyle.Italic => XFontStyleEx.Italic,
                TextStyle.BoldItalic => XFontStyleEx.BoldItalic,
                _ => XFontStyleEx.Regular,
            };
            return new XFont(FontFamily, key.Size, xstyle, _fontOptions);
        });

    public static double LineHeight(double size) => size * LineSpacing;
}
