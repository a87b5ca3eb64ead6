using System.Globalization;

namespace Reporting.Functions.Links;

/// <summary>Download-link settings, read from configuration when first needed (so a missing key fails the link
/// endpoints with a clear log line instead of the whole app at start-up).</summary>
public sealed class DownloadLinkOptions(IConfiguration configuration)
{
    public const int DefaultLifetimeDays = 14;

    /// <summary>The HMAC key (base64, at least 32 bytes).</summary>
    public byte[] Key()
    {
        var text = configuration[AppSettings.DownloadLinkSigningKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException($"App setting {AppSettings.DownloadLinkSigningKey} is not set: download links cannot be signed or checked.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"App setting {AppSettings.DownloadLinkSigningKey} is not base64.");
        }

        return key.Length >= 32 ? key : throw new InvalidOperationException($"App setting {AppSettings.DownloadLinkSigningKey} must hold at least 32 bytes.");
    }

    public int LifetimeDays =>
        int.TryParse(configuration[AppSettings.DownloadLinkLifetimeDays], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days > 0
            ? days
            : DefaultLifetimeDays;

    /// <summary>PublicBaseUrl, else https://WEBSITE_HOSTNAME, else <paramref name="requestBase"/> (local runs).</summary>
    public string BaseUrl(string? requestBase)
    {
        if (configuration[AppSettings.PublicBaseUrl] is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        if (configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } host)
        {
            return "https://" + host;
        }

        return (requestBase ?? "http://localhost").TrimEnd('/');
    }

    public DownloadLinks Signer(TimeProvider clock) => new(Key(), clock);
}
