using Reporting.Pdf.Layout;

namespace Reporting.Pdf.Tests;

/// <summary>The demo report rendered once for a test class, with its layout and the PDF on disk.</summary>
public sealed class RenderedDemo : IDisposable
{
    public RenderedDemo()
    {
        Document = DemoReport.Build();
        SiteTable = Document.Blocks.OfType<Table>().First();
        Bytes = PdfRenderer.Render(Document);
        Pdf = new PdfFile(Bytes);
        Pages = PdfRenderer.Layout(Document);
        PageTexts = Enumerable.Range(1, Pdf.PageCount).Select(p => Pdf.Text(p)).ToList();

        Pdf.KeepForReview("demo");
    }

    public ReportDocument Document { get; }

    public Table SiteTable { get; }

    public byte[] Bytes { get; }

    internal PdfFile Pdf { get; }

    internal IReadOnlyList<PageLayout> Pages { get; }

    /// <summary>pdftotext of each page; index 0 is page 1.</summary>
    public IReadOnlyList<string> PageTexts { get; }

    /// <summary>Page numbers (from 1) holding a fragment of the block.</summary>
    internal IReadOnlyList<int> PagesOf(Block block) =>
        Pages.Where(p => p.Fragments.Any(f => ReferenceEquals(f.Block.Source, block))).Select(p => p.Number).ToList();

    public void Dispose() => Pdf.Dispose();
}
