using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;
using Reporting.Pdf.Layout;
using Reporting.Pdf.Painting;

namespace Reporting.Pdf;

/// <summary>Renders a <see cref="ReportDocument"/> to PDF bytes: measure, paginate, paint.</summary>
public static class PdfRenderer
{
    /// <summary>
    /// Renders the document. The same document always gives the same bytes: dates come from
    /// <see cref="ReportDocument.Timestamp"/> and the file identifier from the content.
    /// </summary>
    public static byte[] Render(ReportDocument document) => Render(document, fontsCompressedAfterSaving: true);

    /// <param name="document">The document.</param>
    /// <param name="fontsCompressedAfterSaving">Whether the font programs are compressed after saving, with a cache
    /// (<see cref="Saving.FontPrograms"/>), or by PDFsharp while saving; the bytes are the same (tested).</param>
    internal static byte[] Render(ReportDocument document, bool fontsCompressedAfterSaving)
    {
        ArgumentNullException.ThrowIfNull(document);
        PdfSharpSetup.EnsureInitialized();
        var pages = Layout(document);

        using var pdf = new PdfDocument();

        // PDF/A-1b: PDFsharp adds the sRGB output intent and leaves out the page transparency groups; the XMP
        // identification and the fonts' CIDSets are added after saving (DeterministicPdf).
        pdf.SetPdfA();

        // Tagged PDF (PDF/UA-1): the manager marks the document as tagged, shows the title in the title bar and
        // keeps the structure tree the painter builds.
        var accessibility = UAManager.ForDocument(pdf);
        accessibility.SetDocumentLanguage(document.Language);
        DeterministicPdf.SetMetadata(pdf, document);
        var painter = new Painter(accessibility.StructureBuilder, document, pages.Count);
        foreach (var page in pages)
        {
            var pdfPage = pdf.AddPage();
            pdfPage.Width = XUnit.FromPoint(Typography.PageWidth);
            pdfPage.Height = XUnit.FromPoint(Typography.PageHeight);
            using var gfx = XGraphics.FromPdfPage(pdfPage, XGraphicsUnit.Point);
            painter.PaintPage(gfx, page);
        }

        return DeterministicPdf.Save(pdf, document, fontsCompressedAfterSaving);
    }

    /// <summary>Steps one and two alone: the blocks measured and placed on pages.</summary>
    internal static IReadOnlyList<PageLayout> Layout(ReportDocument document)
    {
        using var measurer = new TextMeasurer();
        var measure = new BlockMeasurer(measurer);
        var blocks = document.Blocks.Select(measure.Measure).ToList();
        return Paginator.Paginate(blocks);
    }
}
