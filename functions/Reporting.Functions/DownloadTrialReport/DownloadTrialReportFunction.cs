using Reporting.Functions.IngestExport;
using Reporting.Functions.Links;
using Reporting.Storage;

namespace Reporting.Functions.DownloadTrialReport;

/// <summary>GET /api/trial-reports/{trialId}/{runId}?expires=..&amp;sig=.. (proxied HTTP, anonymous): the trial report of
/// one run, through the signed link a funder portfolio carries. The link names the run, so a funder reads exactly the
/// report whose figures the portfolio summarises.</summary>
public static class DownloadTrialReportFunction
{
    public static IEndpointRouteBuilder MapDownloadTrialReport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/trial-reports/{trialId}/{runId}", async (string trialId, string runId, HttpContext http, DownloadLinkOptions options,
            TimeProvider clock, StorageClient storage, CancellationToken cancellationToken) =>
        {
            var query = http.Request.Query;
            http.Response.Headers.CacheControl = "private, no-store";
            if (options.Signer(clock).CheckTrial(trialId, runId, query[DownloadLinks.ExpiresParameter], query[DownloadLinks.SignatureParameter]) != LinkCheck.Valid)
            {
                return Results.Text("This download link is not valid or has expired.", statusCode: 401);
            }

            var download = Names.IsIdentifier(trialId) && Names.IsIdentifier(runId)
                ? await storage.Blobs.GetAsync(StorageNames.ReportsContainer, $"{trialId}/{runId}/trial.pdf", cancellationToken)
                : null;
            if (download is null)
            {
                return Results.Text("There is no trial report for this run.", statusCode: 404);
            }

            http.Response.RegisterForDisposeAsync(download);
            http.Response.Headers.ContentDisposition = $"inline; filename=\"{trialId}-{runId}.pdf\"";
            return Results.Stream(download.Content, "application/pdf");
        });
        return endpoints;
    }
}
