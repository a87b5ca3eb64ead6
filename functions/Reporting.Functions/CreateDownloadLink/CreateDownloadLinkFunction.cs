using Reporting.Functions.IngestExport;
using Reporting.Functions.Links;

namespace Reporting.Functions.CreateDownloadLink;

public sealed record LinkRequest(string? TrialId, string? SiteId, int? LifetimeDays);

public sealed record LinkResponse(string Url, string TrialId, string SiteId, DateTimeOffset ExpiresUtc);

/// <summary>
/// POST /api/links (proxied HTTP). The function's <c>authLevel: function</c> is enforced by the Functions host
/// before the request is proxied, so only callers holding the function key (the trial team) reach this code;
/// the handler itself does not see or check keys.
/// </summary>
public static class CreateDownloadLinkFunction
{
    public const int MaxLifetimeDays = 365;

    public static IEndpointRouteBuilder MapCreateDownloadLink(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/links", (LinkRequest request, HttpContext http, DownloadLinkOptions options, TimeProvider clock) =>
        {
            if (!Names.IsIdentifier(request.TrialId) || !Names.IsIdentifier(request.SiteId))
            {
                return Results.Problem(statusCode: 400, title: "trialId and siteId must be identifiers: 1–64 ASCII letters, digits, '-', '_' or '.', not starting with '.'.");
            }

            var days = request.LifetimeDays ?? options.LifetimeDays;
            if (days is < 1 or > MaxLifetimeDays)
            {
                return Results.Problem(statusCode: 400, title: $"lifetimeDays must be between 1 and {MaxLifetimeDays}.");
            }

            var expires = clock.GetUtcNow().AddDays(days);
            var query = options.Signer(clock).SignSite(request.TrialId!, request.SiteId!, expires);
            var url = $"{options.BaseUrl($"{http.Request.Scheme}://{http.Request.Host}")}/api/reports/{request.TrialId}/{request.SiteId}?{query}";
            return Results.Ok(new LinkResponse(url, request.TrialId!, request.SiteId!, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds())));
        });
        return endpoints;
    }
}
