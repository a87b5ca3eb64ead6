using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Reporting.Functions.Links;
using Reporting.Functions.Storage;

namespace Reporting.Functions.DownloadFunderReport;

/// <summary>GET api/funder-reports/{funderId}/{period}?expires=..&amp;sig=.. (anonymous; the signed link recorded with each
/// funder delivery is the credential).</summary>
public sealed partial class DownloadFunderReport(TrialStore store, DownloadLinkOptions options, TimeProvider clock)
{
    [Function(nameof(DownloadFunderReport))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funder-reports/{funderId}/{period}")] HttpRequest request,
        string funderId, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        PdfDownload.NoStore(request);
        if (options.Signer(clock).CheckFunder(funderId, period, query[DownloadLinks.ExpiresParameter], query[DownloadLinks.SignatureParameter]) != LinkCheck.Valid)
        {
            return PdfDownload.Refused();
        }

        var path = Names.IsIdentifier(funderId) && Period().IsMatch(period) ? TrialStore.FunderReportPath(funderId, period) : null;
        return await PdfDownload.StreamAsync(request, store, StorageNames.FunderReportsContainer, path, $"{funderId}-{period}.pdf",
            "There is no report for this period.", cancellationToken);
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}$")]
    private static partial Regex Period();
}
