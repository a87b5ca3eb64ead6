using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Reporting.Functions.Links;
using Reporting.Functions.Storage;

namespace Reporting.Functions.CreateDownloadLink;

public sealed record LinkRequest(string? TrialId, string? SiteId, int? LifetimeDays);

public sealed record LinkResponse(string Url, string TrialId, string SiteId, DateTimeOffset ExpiresUtc);

/// <summary>
/// POST api/links with <c>{ "trialId", "siteId", "lifetimeDays"? }</c>: mints a signed link to one site's latest
/// report. <see cref="AuthorizationLevel.Function"/>: the Functions host admits only callers holding the function key
/// (the trial team) before this code runs.
/// </summary>
public sealed class CreateDownloadLink(DownloadLinkOptions options, TimeProvider clock)
{
    public const int MaxLifetimeDays = 365;

    [Function(nameof(CreateDownloadLink))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "links")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        LinkRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<LinkRequest>(TrialStore.Json, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Problem("The request body must be JSON: { \"trialId\": ..., \"siteId\": ..., \"lifetimeDays\": ... }.");
        }

        if (body is null || !Names.IsIdentifier(body.TrialId) || !Names.IsIdentifier(body.SiteId))
        {
            return Problem("trialId and siteId must be identifiers: 1–64 ASCII letters, digits, '-', '_' or '.', not starting with '.'.");
        }

        var days = body.LifetimeDays ?? options.LifetimeDays;
        if (days is < 1 or > MaxLifetimeDays)
        {
            return Problem($"lifetimeDays must be between 1 and {MaxLifetimeDays}.");
        }

        var expires = clock.GetUtcNow().AddDays(days);
        var query = options.Signer(clock).SignSite(body.TrialId!, body.SiteId!, expires);
        var url = $"{options.BaseUrl($"{request.Scheme}://{request.Host}")}/api/reports/{body.TrialId}/{body.SiteId}?{query}";
        return new OkObjectResult(new LinkResponse(url, body.TrialId!, body.SiteId!, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds())));
    }

    private static ObjectResult Problem(string title) =>
        new(new ProblemDetails { Status = 400, Title = title }) { StatusCode = 400 };
}
