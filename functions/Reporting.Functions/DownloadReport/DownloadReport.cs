using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Reporting.Functions.Links;
using Reporting.Functions.Storage;

namespace Reporting.Functions.DownloadReport;

/// <summary>
/// GET api/reports/{trialId}/{siteId}?site=..&amp;expires=..&amp;sig=.. (anonymous; the signed link is the credential):
/// streams the site's report from the trial's latest run. 401 for a missing, tampered or expired link; 403 for a
/// genuine link of another site; 404 only after the link is proven to be for this very site. No answer depends on
/// which other sites exist.
/// </summary>
public sealed class DownloadReport(TrialStore store, DownloadLinkOptions options, TimeProvider clock)
{
    private const string NotFoundMessage = "There is no report for this site yet.";

    [Function(nameof(DownloadReport))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{trialId}/{siteId}")] HttpRequest request,
        string trialId, string siteId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        PdfDownload.NoStore(request);
        switch (options.Signer(clock).CheckSite(trialId, siteId, query[DownloadLinks.SiteParameter], query[DownloadLinks.ExpiresParameter],
                    query[DownloadLinks.SignatureParameter]))
        {
            case LinkCheck.Unauthorised:
                return PdfDownload.Refused("This download link is not valid or has expired. Ask the trial team for a new link.");
            case LinkCheck.OtherSite:
                return PdfDownload.Text("This download link is for a different report.", 403);
        }

        if (!Names.IsIdentifier(trialId) || !Names.IsIdentifier(siteId) ||
            await store.GetLatestAsync(trialId, cancellationToken) is not { } latest)
        {
            return PdfDownload.Text(NotFoundMessage, 404);
        }

        return await PdfDownload.StreamAsync(request, store, StorageNames.ReportsContainer, TrialStore.SiteReportPath(trialId, latest.RunId, siteId),
            $"{trialId}-{siteId}.pdf", NotFoundMessage, cancellationToken);
    }
}
