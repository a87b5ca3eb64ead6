using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reporting.Functions.Links;

/// <summary>Why a link was refused. Each maps to one HTTP status and says nothing about other sites.</summary>
public enum LinkCheck
{
    Valid,

    /// <summary>Missing, malformed, tampered or expired: 401.</summary>
    Unauthorised,

    /// <summary>A genuine, unexpired link for a different site of the same trial: 403.</summary>
    OtherSite,
}

/// <summary>
/// Signed, expiring download links: HMAC-SHA256 over (purpose, the two path identifiers, expiry) with a key from
/// configuration. A site link carries the site it was minted for, so a link used on another site's path is told
/// apart (403) from a forged one (401) without looking anything up.
/// </summary>
public sealed class DownloadLinks(byte[] key, TimeProvider clock)
{
    public const string SiteParameter = "site";
    public const string ExpiresParameter = "expires";
    public const string SignatureParameter = "sig";

    /// <summary>Query string of a link to one site's latest report, without the leading '?'.</summary>
    public string SignSite(string trialId, string siteId, DateTimeOffset expires)
    {
        var unix = expires.ToUnixTimeSeconds();
        return $"{SiteParameter}={Uri.EscapeDataString(siteId)}&{ExpiresParameter}={unix.ToString(CultureInfo.InvariantCulture)}" +
               $"&{SignatureParameter}={Sign("site", trialId, siteId, unix)}";
    }

    /// <summary>Query string of a link to one funder report, without the leading '?'.</summary>
    public string SignFunder(string funderId, string period, DateTimeOffset expires)
    {
        var unix = expires.ToUnixTimeSeconds();
        return $"{ExpiresParameter}={unix.ToString(CultureInfo.InvariantCulture)}&{SignatureParameter}={Sign("funder", funderId, period, unix)}";
    }

    /// <summary>Query string of a link to one run's trial report, without the leading '?'.</summary>
    public string SignTrial(string trialId, string runId, DateTimeOffset expires)
    {
        var unix = expires.ToUnixTimeSeconds();
        return $"{ExpiresParameter}={unix.ToString(CultureInfo.InvariantCulture)}&{SignatureParameter}={Sign("trial", trialId, runId, unix)}";
    }

    /// <summary>Checks a site link presented on the path <c>reports/{trialId}/{siteId}</c>.</summary>
    public LinkCheck CheckSite(string trialId, string pathSiteId, string? signedSiteId, string? expires, string? signature)
    {
        if (signedSiteId is null || !TryCheck("site", trialId, signedSiteId, expires, signature))
        {
            return LinkCheck.Unauthorised;
        }

        return string.Equals(signedSiteId, pathSiteId, StringComparison.Ordinal) ? LinkCheck.Valid : LinkCheck.OtherSite;
    }

    /// <summary>Checks a funder report link presented on <c>funder-reports/{funderId}/{period}</c>.</summary>
    public LinkCheck CheckFunder(string funderId, string period, string? expires, string? signature) =>
        TryCheck("funder", funderId, period, expires, signature) ? LinkCheck.Valid : LinkCheck.Unauthorised;

    /// <summary>Checks a trial report link presented on <c>trial-reports/{trialId}/{runId}</c>.</summary>
    public LinkCheck CheckTrial(string trialId, string runId, string? expires, string? signature) =>
        TryCheck("trial", trialId, runId, expires, signature) ? LinkCheck.Valid : LinkCheck.Unauthorised;

    private bool TryCheck(string purpose, string first, string second, string? expires, string? signature)
    {
        // Only the expiry as it was signed: a leading zero would be a second spelling of the same link.
        if (expires is null || signature is null || (expires.Length > 1 && expires[0] == '0') ||
            !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(purpose, first, second, unix));
        var presented = Encoding.ASCII.GetBytes(signature);
        var genuine = CryptographicOperations.FixedTimeEquals(expected, presented);
        return genuine && clock.GetUtcNow().ToUnixTimeSeconds() < unix;
    }

    private string Sign(string purpose, string first, string second, long unix)
    {
        // Length-prefixed fields so that no two different inputs share a signed string.
        var payload = string.Create(CultureInfo.InvariantCulture,
            $"v1|{purpose.Length}:{purpose}|{first.Length}:{first}|{second.Length}:{second}|{unix}");
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
