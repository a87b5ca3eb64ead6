namespace Reporting.Pdf.Tests;

public sealed class DemoRenderTests
{
    [Fact]
    public void Demo_Rendered_WritesPngsForReview()
    {
        var bytes = PdfRenderer.Render(DemoReport.Build());
        var output = Environment.GetEnvironmentVariable("REPORTING_PDF_REVIEW_DIR");
        using var pdf = new PdfFile(bytes);
        Assert.True(pdf.PageCount > 3);
        if (output is not null)
        {
            Directory.CreateDirectory(output);
            File.WriteAllBytes(Path.Combine(output, "demo.pdf"), bytes);
            for (var page = 1; page <= pdf.PageCount; page++)
            {
                pdf.RenderPng(page, 80, Path.Combine(output, $"page-{page:00}"));
            }
        }
    }
}
