using Azure.Core;
using Azure.Identity;

namespace Reporting.Storage;

/// <summary>
/// Where the storage account lives and how to authenticate: an account key (connection strings, Azurite)
/// or a <see cref="TokenCredential"/> (managed identity in Azure).
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The well-known Azurite development account key (public, documented by Azurite).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnection(string accountName, Uri blob, Uri queue, Uri table, byte[]? key, TokenCredential? credential)
    {
        AccountName = accountName;
        BlobEndpoint = blob;
        QueueEndpoint = queue;
        TableEndpoint = table;
        AccountKey = key;
        Credential = credential;
    }

    public string AccountName { get; }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    internal byte[]? AccountKey { get; }

    internal TokenCredential? Credential { get; }

    /// <summary>True when requests are signed with the account key (Shared Key), false for Entra ID tokens.</summary>
    public bool UsesSharedKey => AccountKey is not null;

    /// <summary>An Azurite account on loopback with the given ports.</summary>
    public static StorageConnection ForAzurite(int blobPort, int queuePort, int tablePort, string host = "127.0.0.1") =>
        Parse(AzuriteConnectionString(blobPort, queuePort, tablePort, host));

    /// <summary>The connection string of an Azurite account on loopback with the given ports.</summary>
    public static string AzuriteConnectionString(int blobPort, int queuePort, int tablePort, string host = "127.0.0.1") =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
            $"BlobEndpoint=http://{host}:{blobPort}/{DevelopmentAccountName};" +
            $"QueueEndpoint=http://{host}:{queuePort}/{DevelopmentAccountName};" +
            $"TableEndpoint=http://{host}:{tablePort}/{DevelopmentAccountName};");

    /// <summary>
    /// Parses <c>UseDevelopmentStorage=true</c> or the <c>DefaultEndpointsProtocol=...;AccountName=...;AccountKey=...</c>
    /// form (with optional <c>BlobEndpoint</c>, <c>QueueEndpoint</c>, <c>TableEndpoint</c>, <c>EndpointSuffix</c>).
    /// The message of the exception never contains the key.
    /// </summary>
    public static StorageConnection Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException("The storage connection string has a segment without 'name=value'.");
            }

            parts[segment[..eq].Trim()] = segment[(eq + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return Parse(AzuriteConnectionString(10000, 10001, 10002));
        }

        if (!parts.TryGetValue("AccountName", out var account) || account.Length == 0)
        {
            throw new FormatException("The storage connection string has no AccountName.");
        }

        if (!parts.TryGetValue("AccountKey", out var keyText) || keyText.Length == 0)
        {
            throw new FormatException("The storage connection string has no AccountKey (use the identity-based settings for managed identity).");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(keyText);
        }
        catch (FormatException)
        {
            throw new FormatException("The storage connection string's AccountKey is not valid base64.");
        }

        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        Uri Endpoint(string name, string service) =>
            parts.TryGetValue(name, out var explicitUri) && explicitUri.Length > 0
                ? new Uri(explicitUri.TrimEnd('/') + "/")
                : new Uri($"{protocol}://{account}.{service}.{suffix}/");

        return new StorageConnection(account, Endpoint("BlobEndpoint", "blob"), Endpoint("QueueEndpoint", "queue"),
            Endpoint("TableEndpoint", "table"), key, null);
    }

    /// <summary>An identity-based connection: service URIs and a token credential.</summary>
    public static StorageConnection ForCredential(Uri blobServiceUri, Uri queueServiceUri, Uri tableServiceUri, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(blobServiceUri);
        ArgumentNullException.ThrowIfNull(queueServiceUri);
        ArgumentNullException.ThrowIfNull(tableServiceUri);
        ArgumentNullException.ThrowIfNull(credential);
        var account = blobServiceUri.Host.Split('.')[0];
        return new StorageConnection(account, WithSlash(blobServiceUri), WithSlash(queueServiceUri), WithSlash(tableServiceUri), null, credential);
    }

    /// <summary>
    /// Reads the connection named <paramref name="name"/> the way the Functions host does: either a connection string
    /// in <c>name</c>, or <c>name__blobServiceUri</c>, <c>name__queueServiceUri</c>, <c>name__tableServiceUri</c>,
    /// <c>name__credential</c> (<c>managedidentity</c>) and <c>name__clientId</c>. <paramref name="setting"/> is asked
    /// for both the <c>name:key</c> (configuration) and <c>name__key</c> (environment) spellings.
    /// </summary>
    public static StorageConnection FromSettings(string name, Func<string, string?> setting)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(setting);
        string? Get(string key) => setting($"{name}:{key}") is { Length: > 0 } v ? v : setting($"{name}__{key}") is { Length: > 0 } w ? w : null;

        if (setting(name) is { Length: > 0 } connectionString)
        {
            return Parse(connectionString);
        }

        var blob = Get("blobServiceUri");
        var queue = Get("queueServiceUri");
        var table = Get("tableServiceUri");
        var account = Get("accountName");
        if (account is not null)
        {
            blob ??= $"https://{account}.blob.core.windows.net";
            queue ??= $"https://{account}.queue.core.windows.net";
            table ??= $"https://{account}.table.core.windows.net";
        }

        if (blob is null || queue is null || table is null)
        {
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not configured: set '{name}' to a connection string, or set " +
                $"'{name}__blobServiceUri', '{name}__queueServiceUri' and '{name}__tableServiceUri' for managed identity.");
        }

        var clientId = Get("clientId");
        TokenCredential credential = string.Equals(Get("credential"), "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        return ForCredential(new Uri(blob), new Uri(queue), new Uri(table), credential);
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
