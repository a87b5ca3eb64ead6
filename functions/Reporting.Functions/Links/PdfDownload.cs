using Microsoft.AspNetCore.Mvc;
using Reporting.Functions.Storage;

namespace Reporting.Functions.Links;

/// <summary>The answers every signed-link download shares: never cached, 401 for a refused link, 404 for a missing
/// report, otherwise the PDF streamed from storage.</summary>
internal static class PdfDownload
{
    /// <summary>Marks the response private: a report must not sit in a shared cache.</summary>
    public static void NoStore(HttpRequest request) => request.HttpContext.Response.Headers.CacheControl = "private, no-store";

    /// <summary>401 for a missing, tampered or expired link.</summary>
    public static IActionResult Refused(string message = "This download link is not valid or has expired.") => Text(message, 401);

    public static IActionResult Text(string message, int status) =>
        new ContentResult { Content = message, ContentType = "text/plain; charset=utf-8", StatusCode = status };

    /// <summary>Streams the PDF at <paramref name="path"/> as <paramref name="fileName"/>, or 404 with <paramref name="notFound"/>
    /// when <paramref name="path"/> is null or the blob does not exist.</summary>
    public static async Task<IActionResult> StreamAsync(HttpRequest request, TrialStore store, string container, string? path, string fileName,
        string notFound, CancellationToken cancellationToken)
    {
        var content = path is null ? null : await store.OpenReportAsync(container, path, cancellationToken);
        if (content is null)
        {
            return Text(notFound, 404);
        }

        request.HttpContext.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
        return new FileStreamResult(content, "application/pdf");
    }
}
