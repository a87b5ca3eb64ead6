using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Storage;

/// <summary>Stamps <c>x-ms-date</c> and <c>x-ms-version</c> on every attempt (a retry must be re-dated before it is re-signed).</summary>
internal sealed class StorageHeadersPolicy(string version) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        message.Request.Headers.SetValue("x-ms-version", version);
    }
}

/// <summary>Shared Key authorisation for the Blob and Queue services.</summary>
internal sealed class SharedKeyPolicy(string accountName, byte[] key) : HttpPipelineSynchronousPolicy
{
    private static readonly string[] StandardHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var toSign = StringToSign(request, accountName);
        using var hmac = new HMACSHA256(key);
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(toSign)));
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{signature}");
    }

    internal static string StringToSign(Request request, string accountName)
    {
        var sb = new StringBuilder();
        sb.Append(request.Method.Method).Append('\n');
        foreach (var name in StandardHeaders)
        {
            string value;
            if (name == "Content-Length")
            {
                value = request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
                    ? length.ToString(CultureInfo.InvariantCulture)
                    : "";
            }
            else
            {
                value = request.Headers.TryGetValue(name, out var v) ? v : "";
            }

            sb.Append(value).Append('\n');
        }

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            sb.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        var uri = request.Uri.ToUri();
        sb.Append('/').Append(accountName).Append(uri.AbsolutePath);
        var query = ParseQuery(uri.Query);
        foreach (var (name, values) in query.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            sb.Append('\n').Append(name).Append(':').Append(string.Join(',', values.Order(StringComparer.Ordinal)));
        }

        return sb.ToString();
    }

    private static Dictionary<string, List<string>> ParseQuery(string query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (!result.TryGetValue(name, out var list))
            {
                result[name] = list = [];
            }

            list.Add(value);
        }

        return result;
    }
}

/// <summary>SharedKeyLite authorisation for the Table service (what the Azure SDK's table client uses).</summary>
internal sealed class SharedKeyLitePolicy(string accountName, byte[] key) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.TryGetValue("x-ms-date", out var date);
        var uri = request.Uri.ToUri();
        var toSign = $"{date}\n/{accountName}{uri.AbsolutePath}";
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                toSign += "?comp=" + Uri.UnescapeDataString(pair[5..]);
            }
        }

        using var hmac = new HMACSHA256(key);
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(toSign)));
        request.Headers.SetValue("Authorization", $"SharedKeyLite {accountName}:{signature}");
    }
}
