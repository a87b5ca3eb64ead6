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
            PdfDownload.NoStore(http);
            if (options.Signer(clock).CheckTrial(trialId, runId, query[DownloadLinks.ExpiresParameter], query[DownloadLinks.SignatureParameter]) != LinkCheck.Valid)
            {
                return PdfDownload.Refused();
            }

            var path = Names.IsIdentifier(trialId) && Names.IsIdentifier(runId) ? $"{trialId}/{runId}/trial.pdf" : null;
            return await PdfDownload.StreamAsync(http, storage, StorageNames.ReportsContainer, path, $"{trialId}-{runId}.pdf",
                "There is no trial report for this run.", cancellationToken);
        });
        return endpoints;
    }
}
