using Reporting.Storage;

namespace Reporting.Functions.Links;

/// <summary>The answers every signed-link download shares: never cached, 401 for a refused link, 404 for a missing
/// report, otherwise the PDF streamed from storage.</summary>
internal static class PdfDownload
{
    /// <summary>Marks the response private: a report must not sit in a shared cache.</summary>
    public static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "private, no-store";

    /// <summary>401 for a missing, tampered or expired link.</summary>
    public static IResult Refused(string message = "This download link is not valid or has expired.") =>
        Results.Text(message, statusCode: 401);

    /// <summary>Streams the blob at <paramref name="path"/> as <paramref name="fileName"/>, or 404 with <paramref name="notFound"/>
    /// when <paramref name="path"/> is null or the blob does not exist.</summary>
    public static async Task<IResult> StreamAsync(HttpContext http, StorageClient storage, string container, string? path, string fileName,
        string notFound, CancellationToken cancellationToken)
    {
        var download = path is null ? null : await storage.Blobs.GetAsync(container, path, cancellationToken);
        if (download is null)
        {
            return Results.Text(notFound, statusCode: 404);
        }

        http.Response.RegisterForDisposeAsync(download);
        http.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
        return Results.Stream(download.Content, "application/pdf");
    }
}
