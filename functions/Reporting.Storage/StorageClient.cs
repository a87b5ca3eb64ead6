using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Storage;

/// <summary>Options for <see cref="StorageClient"/>: Azure.Core's retry, diagnostics and transport settings.</summary>
public sealed class StorageClientOptions : ClientOptions
{
    public StorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 4;
        Retry.Delay = TimeSpan.FromMilliseconds(400);
        Retry.MaxDelay = TimeSpan.FromSeconds(20);
        Diagnostics.IsLoggingContentEnabled = false;
        Diagnostics.LoggedHeaderNames.Add("x-ms-request-id");
        Diagnostics.LoggedHeaderNames.Add("x-ms-error-code");
        Diagnostics.LoggedHeaderNames.Add("x-ms-version");
    }
}

/// <summary>
/// Blob, Queue and Table access for one storage account over Azure.Core's <see cref="HttpPipeline"/>
/// (retries with exponential back-off, Azure SDK event-source logging). Thread-safe; create one per account.
/// </summary>
public sealed class StorageClient
{
    /// <summary>Service version sent on Blob and Queue requests; Azurite 3.35 accepts it.</summary>
    public const string BlobQueueVersion = "2021-12-02";

    /// <summary>Service version sent on Table requests (Entra ID needs 2019-02-02 or later).</summary>
    public const string TableVersion = "2019-02-02";

    private const string StorageScope = "https://storage.azure.com/.default";

    public StorageClient(StorageConnection connection, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new StorageClientOptions();
        Connection = connection;
        var blobQueuePipeline = Build(options, BlobQueueVersion, connection,
            key => new SharedKeyPolicy(connection.AccountName, key));
        var tablePipeline = Build(options, TableVersion, connection,
            key => new SharedKeyLitePolicy(connection.AccountName, key));
        Blobs = new BlobService(blobQueuePipeline, connection.BlobEndpoint);
        Queues = new QueueService(blobQueuePipeline, connection.QueueEndpoint);
        Tables = new TableService(tablePipeline, connection.TableEndpoint);
    }

    public StorageConnection Connection { get; }

    public BlobService Blobs { get; }

    public QueueService Queues { get; }

    public TableService Tables { get; }

    private static HttpPipeline Build(StorageClientOptions options, string version, StorageConnection connection,
        Func<byte[], HttpPipelinePolicy> sharedKey)
    {
        HttpPipelinePolicy auth = connection.AccountKey is { } key
            ? sharedKey(key)
            : new BearerTokenAuthenticationPolicy(connection.Credential!, StorageScope);
        return HttpPipelineBuilder.Build(options, [], [new StorageHeadersPolicy(version), auth], new ResponseClassifier());
    }
}

/// <summary>Shared plumbing of the three service clients.</summary>
public abstract class StorageServiceBase
{
    private protected StorageServiceBase(HttpPipeline pipeline, Uri endpoint)
    {
        Pipeline = pipeline;
        Endpoint = endpoint;
    }

    /// <summary>The service endpoint (ends with '/').</summary>
    public Uri Endpoint { get; }

    private protected HttpPipeline Pipeline { get; }

    private protected HttpMessage CreateMessage(RequestMethod method, string path, params (string Name, string? Value)[] query)
    {
        var message = Pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(Endpoint);
        if (path.Length > 0)
        {
            request.Uri.AppendPath(path, escape: false);
        }

        foreach (var (name, value) in query)
        {
            if (value is not null)
            {
                request.Uri.AppendQuery(name, value, escapeValue: true);
            }
        }

        return message;
    }

    private protected async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, params int[] expected)
    {
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (Array.IndexOf(expected, response.Status) < 0)
        {
            throw new RequestFailedException(response);
        }

        return response;
    }

    /// <summary>Escapes each segment of a slash-separated name for a URL path.</summary>
    private protected static string EscapePath(string name) =>
        string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    private protected static string? ErrorCode(Response response) =>
        response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : null;
}
