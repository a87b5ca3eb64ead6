using System.Text.Json;
using Reporting.Functions.IngestExport;
using Reporting.Functions.Links;
using Reporting.Storage;

namespace Reporting.Functions.DownloadReport;

/// <summary>
/// GET /api/reports/{trialId}/{siteId}?site=..&amp;expires=..&amp;sig=.. (proxied HTTP, anonymous): streams the site's
/// report from the trial's latest run. 401 for a missing, tampered or expired link; 403 for a genuine link of another
/// site; 404 only after the link is proven to be for this very site. No answer depends on which other sites exist.
/// </summary>
public static class DownloadReportFunction
{
    public static IEndpointRouteBuilder MapDownloadReport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/reports/{trialId}/{siteId}", async (string trialId, string siteId, HttpContext http, DownloadLinkOptions options,
            TimeProvider clock, StorageClient storage, CancellationToken cancellationToken) =>
        {
            var query = http.Request.Query;
            var check = options.Signer(clock).CheckSite(trialId, siteId, query[DownloadLinks.SiteParameter], query[DownloadLinks.ExpiresParameter],
                query[DownloadLinks.SignatureParameter]);
            PdfDownload.NoStore(http);
            switch (check)
            {
                case LinkCheck.Unauthorised:
                    return PdfDownload.Refused("This download link is not valid or has expired. Ask the trial team for a new link.");
                case LinkCheck.OtherSite:
                    return Results.Text("This download link is for a different report.", statusCode: 403);
            }

            if (!Names.IsIdentifier(trialId) || !Names.IsIdentifier(siteId))
            {
                return NotFound();
            }

            var latestJson = await storage.Blobs.ReadAllAsync(StorageNames.ReportsContainer, ExportIngestor.LatestPath(trialId), cancellationToken);
            var latest = latestJson?.ToObjectFromJson<LatestRun>(ExportIngestor.Json);
            if (latest is null)
            {
                return NotFound();
            }

            return await PdfDownload.StreamAsync(http, storage, StorageNames.ReportsContainer, $"{trialId}/{latest.RunId}/sites/{siteId}.pdf",
                $"{trialId}-{siteId}.pdf", NotFoundMessage, cancellationToken);
        });
        return endpoints;
    }

    private const string NotFoundMessage = "There is no report for this site yet.";

    private static IResult NotFound() => Results.Text(NotFoundMessage, statusCode: 404);
}
