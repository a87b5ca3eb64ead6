using PdfSharp.Pdf;

namespace Reporting.Pdf;

/// <summary>Metadata and saving so that the same document gives byte-identical PDFs.</summary>
internal static class DeterministicPdf
{
    public static void SetMetadata(PdfDocument pdf, ReportDocument document)
    {
        pdf.Info.Title = document.Title;
        pdf.Info.Author = document.Author;
        pdf.Info.Subject = document.Subject;
        pdf.Info.Keywords = string.Join(", ", document.Keywords);
        pdf.Info.CreationDate = document.Timestamp.UtcDateTime;
        pdf.Info.ModificationDate = document.Timestamp.UtcDateTime;
    }

    public static byte[] Save(PdfDocument pdf)
    {
        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}
