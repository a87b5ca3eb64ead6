using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Reporting.Pdf.Tests;

/// <summary>Reads rendered PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm), as a reader's tools would.</summary>
internal sealed class PdfFile : IDisposable
{
    private readonly string _directory;

    public PdfFile(byte[] bytes)
    {
        _directory = Directory.CreateTempSubdirectory("reporting-pdf-").FullName;
        Path = System.IO.Path.Combine(_directory, "report.pdf");
        File.WriteAllBytes(Path, bytes);
    }

    public string Path { get; }

    /// <summary>Text of all pages (or one page), in physical layout order so table rows stay on one line.</summary>
    public string Text(int? page = null)
    {
        var args = new List<string> { "-layout", "-enc", "UTF-8" };
        if (page is { } p)
        {
            args.AddRange(["-f", p.ToString(CultureInfo.InvariantCulture), "-l", p.ToString(CultureInfo.InvariantCulture)]);
        }

        args.AddRange([Path, "-"]);
        return Run("pdftotext", args);
    }

    /// <summary>pdfinfo's fields ("Title", "Pages", ...).</summary>
    public IReadOnlyDictionary<string, string> Info()
    {
        var output = Run("pdfinfo", ["-enc", "UTF-8", "-isodates", Path]);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }

        return fields;
    }

    public int PageCount => int.Parse(Info()["Pages"], CultureInfo.InvariantCulture);

    /// <summary>pdffonts' table rows (after the two header lines).</summary>
    public IReadOnlyList<string> Fonts() =>
        Run("pdffonts", [Path]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();

    /// <summary>Renders one page to a greyscale image at the given resolution.</summary>
    public Pgm RenderPage(int page, int dpi)
    {
        var prefix = System.IO.Path.Combine(_directory, $"page{page}");
        Run("pdftoppm", ["-gray", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", page.ToString(CultureInfo.InvariantCulture),
            "-l", page.ToString(CultureInfo.InvariantCulture), "-singlefile", Path, prefix]);
        return Pgm.Read(prefix + ".pgm");
    }

    /// <summary>Renders one page to PNG (for looking at the report).</summary>
    public void RenderPng(int page, int dpi, string outputPrefix) =>
        Run("pdftoppm", ["-png", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", page.ToString(CultureInfo.InvariantCulture),
            "-l", page.ToString(CultureInfo.InvariantCulture), "-singlefile", Path, outputPrefix]);

    /// <summary>When REPORTING_PDF_REVIEW_DIR is set, keeps the PDF and PNGs of its pages there for a look.</summary>
    public void KeepForReview(string name, int dpi = 110)
    {
        if (Environment.GetEnvironmentVariable("REPORTING_PDF_REVIEW_DIR") is not { Length: > 0 } output)
        {
            return;
        }

        Directory.CreateDirectory(output);
        File.Copy(Path, System.IO.Path.Combine(output, name + ".pdf"), overwrite: true);
        for (var page = 1; page <= PageCount; page++)
        {
            RenderPng(page, dpi, System.IO.Path.Combine(output, string.Create(CultureInfo.InvariantCulture, $"{name}-page-{page:00}")));
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Run(string tool, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout;
    }
}

/// <summary>A binary greyscale PGM (P5, 8-bit) image as pdftoppm writes it.</summary>
internal sealed record Pgm(int Width, int Height, byte[] Pixels)
{
    public static Pgm Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)bytes[position]))
            {
                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)bytes[position]))
            {
                position++;
            }

            return Encoding.ASCII.GetString(bytes, start, position - start);
        }

        if (Token() != "P5")
        {
            throw new InvalidDataException("Not a binary PGM.");
        }

        var width = int.Parse(Token(), CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), CultureInfo.InvariantCulture);
        var max = int.Parse(Token(), CultureInfo.InvariantCulture);
        if (max != 255)
        {
            throw new InvalidDataException("Expected 8-bit samples.");
        }

        position++;
        return new Pgm(width, height, bytes[position..(position + (width * height))]);
    }

    /// <summary>Pixels darker than near-white inside a rectangle given in PDF points (72 per inch).</summary>
    public int DarkPixels(double left, double top, double right, double bottom, int dpi, byte threshold = 235)
    {
        var scale = dpi / 72.0;
        var count = 0;
        for (var y = (int)(top * scale); y < Math.Min(Height, (int)(bottom * scale)); y++)
        {
            for (var x = (int)(left * scale); x < Math.Min(Width, (int)(right * scale)); x++)
            {
                if (Pixels[(y * Width) + x] < threshold)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
