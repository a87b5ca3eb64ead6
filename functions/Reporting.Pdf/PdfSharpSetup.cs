using PdfSharp.Fonts;
using Reporting.Pdf.Fonts;

namespace Reporting.Pdf;

/// <summary>
/// Process-wide PDFsharp settings, applied once before the first rendering: the font resolver
/// (global in PDFsharp).
/// </summary>
internal static class PdfSharpSetup
{
    private static readonly Lock _gate = new();
    private static bool _done;

    public static void EnsureInitialized()
    {
        if (Volatile.Read(ref _done))
        {
            return;
        }

        lock (_gate)
        {
            if (_done)
            {
                return;
            }

            switch (GlobalFontSettings.FontResolver)
            {
                case null:
                    GlobalFontSettings.FontResolver = new ReportFontResolver();
                    break;
                case ReportFontResolver:
                    break;
                default:
                    throw new InvalidOperationException(
                        "Another PDFsharp font resolver is installed in this process; reports must use only their embedded fonts.");
            }

            Volatile.Write(ref _done, true);
        }
    }
}
