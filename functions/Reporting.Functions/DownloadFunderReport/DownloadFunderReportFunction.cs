using System.Text.RegularExpressions;
using Reporting.Functions.IngestExport;
using Reporting.Functions.Links;
using Reporting.Storage;

namespace Reporting.Functions.DownloadFunderReport;

/// <summary>GET /api/funder-reports/{funderId}/{period}?expires=..&amp;sig=.. (proxied HTTP, anonymous): the signed link
/// recorded with each funder delivery.</summary>
public static partial class DownloadFunderReportFunction
{
    public static IEndpointRouteBuilder MapDownloadFunderReport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/funder-reports/{funderId}/{period}", async (string funderId, string period, HttpContext http, DownloadLinkOptions options,
            TimeProvider clock, StorageClient storage, CancellationToken cancellationToken) =>
        {
            var query = http.Request.Query;
            PdfDownload.NoStore(http);
            if (options.Signer(clock).CheckFunder(funderId, period, query[DownloadLinks.ExpiresParameter], query[DownloadLinks.SignatureParameter]) != LinkCheck.Valid)
            {
                return PdfDownload.Refused();
            }

            var path = Names.IsIdentifier(funderId) && Period().IsMatch(period) ? $"{funderId}/{period}.pdf" : null;
            return await PdfDownload.StreamAsync(http, storage, StorageNames.FunderReportsContainer, path, $"{funderId}-{period}.pdf",
                "There is no report for this period.", cancellationToken);
        });
        return endpoints;
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}$")]
    private static partial Regex Period();
}
