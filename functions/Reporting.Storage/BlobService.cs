using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Storage;

/// <summary>Properties of one blob.</summary>
public sealed record BlobInfo(string Name, ETag ETag, long ContentLength, string? ContentType, DateTimeOffset? LastModified);

/// <summary>One page of a blob listing; <see cref="NextMarker"/> is null on the last page.</summary>
public sealed record BlobPage(IReadOnlyList<BlobInfo> Items, string? NextMarker);

/// <summary>What a conditional write did. Conflicts are results because callers treat them as normal outcomes
/// (an output already written by an earlier delivery, a record someone else updated first).</summary>
public enum WriteOutcome
{
    /// <summary>The write happened.</summary>
    Written,

    /// <summary>Create-only write (<c>If-None-Match: *</c>) found the target already there (409).</summary>
    AlreadyExists,

    /// <summary>Optimistic write (<c>If-Match</c>) found a different ETag (412).</summary>
    ConditionFailed,
}

/// <summary>Result of a blob write; <see cref="ETag"/> is the new ETag when <see cref="Outcome"/> is <see cref="WriteOutcome.Written"/>.</summary>
public sealed record BlobWriteResult(WriteOutcome Outcome, ETag? ETag)
{
    public bool Written => Outcome == WriteOutcome.Written;
}

/// <summary>Precondition of a blob write.</summary>
public readonly record struct BlobWriteCondition
{
    private BlobWriteCondition(string? ifMatch, bool ifNotExists)
    {
        IfMatchETag = ifMatch;
        IfNotExists = ifNotExists;
    }

    /// <summary>Unconditional (last writer wins).</summary>
    public static BlobWriteCondition None => default;

    /// <summary>Create only: <c>If-None-Match: *</c>.</summary>
    public static BlobWriteCondition CreateOnly => new(null, true);

    public string? IfMatchETag { get; }

    public bool IfNotExists { get; }

    /// <summary>Replace only the version with this ETag: <c>If-Match</c>.</summary>
    public static BlobWriteCondition IfMatch(ETag etag) => new(etag.ToString("H"), false);
}

/// <summary>A downloaded blob: its properties and a stream over the response body. Dispose it.</summary>
public sealed class BlobDownload(BlobInfo info, Stream content) : IDisposable, IAsyncDisposable
{
    public BlobInfo Info { get; } = info;

    public Stream Content { get; } = content;

    public void Dispose() => Content.Dispose();

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>Block blob operations (REST, Shared Key or bearer token).</summary>
public sealed class BlobService : StorageServiceBase
{
    internal BlobService(HttpPipeline pipeline, Uri endpoint)
        : base(pipeline, endpoint)
    {
    }

    /// <summary>Creates the container; false when it already existed.</summary>
    public async Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Put, Uri.EscapeDataString(container), ("restype", "container"));
        var response = await SendAsync(message, cancellationToken, 201, 409).ConfigureAwait(false);
        return response.Status == 201;
    }

    /// <summary>Uploads a block blob in one request. A non-seekable stream is buffered to a temporary file first,
    /// because the request needs a length and a retry needs to rewind.</summary>
    public async Task<BlobWriteResult> PutAsync(string container, string name, Stream content, BlobWriteCondition condition,
        string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.CanSeek)
        {
            return await PutCoreAsync(container, name, RequestContent.Create(content), condition, contentType, cancellationToken).ConfigureAwait(false);
        }

        var path = Path.GetTempFileName();
        await using var buffer = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        return await PutCoreAsync(container, name, RequestContent.Create(buffer), condition, contentType, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads a block blob from memory.</summary>
    public Task<BlobWriteResult> PutAsync(string container, string name, BinaryData content, BlobWriteCondition condition,
        string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        return PutCoreAsync(container, name, RequestContent.Create(content), condition, contentType, cancellationToken);
    }

    private async Task<BlobWriteResult> PutCoreAsync(string container, string name, RequestContent content,
        BlobWriteCondition condition, string? contentType, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Put, BlobPath(container, name));
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue("Content-Type", contentType ?? "application/octet-stream");
        if (condition.IfNotExists)
        {
            request.Headers.SetValue("If-None-Match", "*");
        }
        else if (condition.IfMatchETag is { } etag)
        {
            request.Headers.SetValue("If-Match", etag);
        }

        request.Content = content;
        var response = await SendAsync(message, cancellationToken, 201, 409, 412).ConfigureAwait(false);
        return response.Status switch
        {
            201 => new BlobWriteResult(WriteOutcome.Written, response.Headers.ETag),
            409 when ErrorCode(response) == "BlobAlreadyExists" => new BlobWriteResult(WriteOutcome.AlreadyExists, null),
            // With If-None-Match: * the service may answer 412 as well; for a create-only write it means the same thing.
            412 when condition.IfNotExists => new BlobWriteResult(WriteOutcome.AlreadyExists, null),
            412 => new BlobWriteResult(WriteOutcome.ConditionFailed, null),
            _ => throw new RequestFailedException(response),
        };
    }

    /// <summary>Opens the blob for reading; null when it does not exist.</summary>
    public Task<BlobDownload?> GetAsync(string container, string name, CancellationToken cancellationToken) =>
        GetAsync(container, name, null, cancellationToken);

    /// <summary>Opens the blob for reading only if its ETag is still <paramref name="ifMatch"/>; null when it does not exist or has changed (412).</summary>
    public async Task<BlobDownload?> GetAsync(string container, string name, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var message = CreateMessage(RequestMethod.Get, BlobPath(container, name));
        try
        {
            message.BufferResponse = false;
            if (ifMatch is { } etag)
            {
                message.Request.Headers.SetValue("If-Match", etag.ToString("H"));
            }

            var response = await SendAsync(message, cancellationToken, 200, 404, 412).ConfigureAwait(false);
            if (response.Status != 200)
            {
                return null;
            }

            var info = ReadInfo(name, response);
            var stream = message.ExtractResponseContent() ?? new MemoryStream([]);
            return new BlobDownload(info, stream);
        }
        finally
        {
            message.Dispose();
        }
    }

    /// <summary>Reads a whole (small) blob into memory; null when it does not exist.</summary>
    public async Task<BinaryData?> ReadAllAsync(string container, string name, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, BlobPath(container, name));
        var response = await SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        return response.Status == 200 ? response.Content : null;
    }

    /// <summary>The blob's properties (HEAD); null when it does not exist.</summary>
    public async Task<BlobInfo?> GetPropertiesAsync(string container, string name, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Head, BlobPath(container, name));
        var response = await SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        return response.Status == 200 ? ReadInfo(name, response) : null;
    }

    /// <summary>Deletes the blob; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Delete, BlobPath(container, name));
        var response = await SendAsync(message, cancellationToken, 202, 404).ConfigureAwait(false);
        return response.Status == 202;
    }

    /// <summary>One page of blobs whose names start with <paramref name="prefix"/>, in name order.</summary>
    public async Task<BlobPage> ListPageAsync(string container, string? prefix, string? marker, int? maxResults,
        CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, Uri.EscapeDataString(container),
            ("restype", "container"), ("comp", "list"), ("prefix", string.IsNullOrEmpty(prefix) ? null : prefix),
            ("marker", string.IsNullOrEmpty(marker) ? null : marker),
            ("maxresults", maxResults?.ToString(CultureInfo.InvariantCulture)));
        var response = await SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        var doc = XDocument.Load(response.ContentStream!);
        var root = doc.Root!;
        var items = root.Element("Blobs")?.Elements("Blob").Select(b =>
        {
            var props = b.Element("Properties");
            var lastModified = props?.Element("Last-Modified")?.Value;
            return new BlobInfo(
                b.Element("Name")!.Value,
                new ETag(props?.Element("Etag")?.Value ?? ""),
                long.Parse(props?.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
                props?.Element("Content-Type")?.Value,
                lastModified is null ? null : DateTimeOffset.Parse(lastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        }).ToList() ?? [];
        var next = root.Element("NextMarker")?.Value;
        return new BlobPage(items, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>Every blob under <paramref name="prefix"/>, following <c>NextMarker</c> across pages.</summary>
    public async IAsyncEnumerable<BlobInfo> ListAsync(string container, string? prefix, int? pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? marker = null;
        do
        {
            var page = await ListPageAsync(container, prefix, marker, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    /// <summary>The URL of a blob (for messages and Event Grid-shaped events; carries no credential).</summary>
    public Uri BlobUri(string container, string name) => new(Endpoint, BlobPath(container, name));

    private static string BlobPath(string container, string name) => Uri.EscapeDataString(container) + "/" + EscapePath(name);

    private static BlobInfo ReadInfo(string name, Response response)
    {
        var headers = response.Headers;
        headers.TryGetValue("Last-Modified", out var lastModified);
        return new BlobInfo(
            name,
            headers.ETag ?? default,
            headers.ContentLength ?? 0,
            headers.ContentType,
            lastModified is null ? null : DateTimeOffset.Parse(lastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }
}
