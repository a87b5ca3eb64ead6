namespace Reporting.Functions.Tests;

/// <summary>Reads PDFs back the way a person would see their text.</summary>
internal static class PdfText
{
    /// <summary>The text of a PDF as poppler's pdftotext reads it back.</summary>
    public static string Of(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"e2e-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", [path, "-"])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
