using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Reporting.Functions.Links;
using Reporting.Functions.Storage;

namespace Reporting.Functions.DownloadTrialReport;

/// <summary>GET api/trial-reports/{trialId}/{runId}?expires=..&amp;sig=.. (anonymous; signed): the trial report of one run,
/// through the link a funder portfolio carries. The link names the run, so a funder reads exactly the report whose
/// figures the portfolio summarises.</summary>
public sealed class DownloadTrialReport(TrialStore store, DownloadLinkOptions options, TimeProvider clock)
{
    [Function(nameof(DownloadTrialReport))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "trial-reports/{trialId}/{runId}")] HttpRequest request,
        string trialId, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        PdfDownload.NoStore(request);
        if (options.Signer(clock).CheckTrial(trialId, runId, query[DownloadLinks.ExpiresParameter], query[DownloadLinks.SignatureParameter]) != LinkCheck.Valid)
        {
            return PdfDownload.Refused();
        }

        var path = Names.IsIdentifier(trialId) && Names.IsIdentifier(runId) ? TrialStore.TrialReportPath(trialId, runId) : null;
        return await PdfDownload.StreamAsync(request, store, StorageNames.ReportsContainer, path, $"{trialId}-{runId}.pdf",
            "There is no trial report for this run.", cancellationToken);
    }
}
