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
            http.Response.Headers.CacheControl = "private, no-store";
            if (options.Signer(clock).CheckFunder(funderId, period, query[DownloadLinks.ExpiresParameter], query[DownloadLinks.SignatureParameter]) != LinkCheck.Valid)
            {
                return Results.Text("This download link is not valid or has expired.", statusCode: 401);
            }

            var download = Names.IsIdentifier(funderId) && Period().IsMatch(period)
                ? await storage.Blobs.GetAsync(StorageNames.FunderReportsContainer, $"{funderId}/{period}.pdf", cancellationToken)
                : null;
            if (download is null)
            {
                return Results.Text("There is no report for this period.", statusCode: 404);
            }

            http.Response.RegisterForDisposeAsync(download);
            return Results.Stream(download.Content, "application/pdf");
        });
        return endpoints;
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}$")]
    private static partial Regex Period();
}
