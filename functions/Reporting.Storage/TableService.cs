using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Storage;

/// <summary>
/// A table entity. Property values are <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="bool"/>, <see cref="DateTimeOffset"/>, <see cref="Guid"/> or <c>byte[]</c>.
/// </summary>
public sealed class TableEntity
{
    public TableEntity(string partitionKey, string rowKey, IReadOnlyDictionary<string, object?>? properties = null)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        PartitionKey = partitionKey;
        RowKey = rowKey;
        Properties = properties ?? new Dictionary<string, object?>();
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    public IReadOnlyDictionary<string, object?> Properties { get; }

    /// <summary>Set on entities read from the service.</summary>
    public ETag? ETag { get; init; }

    /// <summary>Set on entities read from the service.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    public string? GetString(string name) => Properties.GetValueOrDefault(name) as string;

    public long? GetInt64(string name) => Properties.GetValueOrDefault(name) switch
    {
        long l => l,
        int i => i,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    public double? GetDouble(string name) => Properties.GetValueOrDefault(name) switch
    {
        double d => d,
        int i => i,
        long l => l,
        _ => null,
    };

    public bool? GetBoolean(string name) => Properties.GetValueOrDefault(name) as bool?;

    public DateTimeOffset? GetDateTimeOffset(string name) => Properties.GetValueOrDefault(name) as DateTimeOffset?;
}

/// <summary>Where a table query continues; opaque to callers.</summary>
public sealed record TableContinuation(string NextPartitionKey, string? NextRowKey);

/// <summary>One page of a table query. A page can be empty and still have a continuation.</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Items, TableContinuation? Continuation);

/// <summary>Result of an insert: <see cref="AlreadyExists"/> (409) is an expected outcome, usable as a receipt.</summary>
public enum TableInsertOutcome
{
    Inserted,
    AlreadyExists,
}

/// <summary>Table service operations (JSON, SharedKeyLite or bearer token). Azurite has no batch transactions, so none are offered.</summary>
public sealed class TableService : StorageServiceBase
{
    internal TableService(HttpPipeline pipeline, Uri endpoint)
        : base(pipeline, endpoint)
    {
    }

    /// <summary>Creates the table; false when it already existed.</summary>
    public async Task<bool> CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Post, "Tables");
        SetJsonHeaders(message.Request);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = table }));
        var response = await SendAsync(message, cancellationToken, 201, 204, 409).ConfigureAwait(false);
        return response.Status != 409;
    }

    /// <summary>Inserts the entity; <see cref="TableInsertOutcome.AlreadyExists"/> when one with the same keys exists.</summary>
    public async Task<TableInsertOutcome> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(RequestMethod.Post, Uri.EscapeDataString(table));
        SetJsonHeaders(message.Request);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(Serialize(entity));
        var response = await SendAsync(message, cancellationToken, 201, 204, 409).ConfigureAwait(false);
        return response.Status == 409 ? TableInsertOutcome.AlreadyExists : TableInsertOutcome.Inserted;
    }

    /// <summary>Inserts the entity or replaces the one with the same keys (no ETag check).</summary>
    public async Task UpsertAsync(string table, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(RequestMethod.Put, EntityPath(table, entity.PartitionKey, entity.RowKey));
        SetJsonHeaders(message.Request);
        message.Request.Content = RequestContent.Create(Serialize(entity));
        await SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
    }

    /// <summary>Reads one entity; null when it does not exist.</summary>
    public async Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, EntityPath(table, partitionKey, rowKey));
        SetJsonHeaders(message.Request);
        var response = await SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        return ReadEntity(doc.RootElement);
    }

    /// <summary>One page of entities matching an OData <paramref name="filter"/> (null: all), at most <paramref name="top"/> per page.</summary>
    public async Task<TablePage> QueryPageAsync(string table, string? filter, TableContinuation? continuation, int? top,
        CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, Uri.EscapeDataString(table) + "()",
            ("$filter", filter), ("$top", top?.ToString(CultureInfo.InvariantCulture)),
            ("NextPartitionKey", continuation?.NextPartitionKey), ("NextRowKey", continuation?.NextRowKey));
        SetJsonHeaders(message.Request);
        var response = await SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        var items = doc.RootElement.GetProperty("value").EnumerateArray().Select(ReadEntity).ToList();
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow);
        var next = string.IsNullOrEmpty(nextPartition) ? null : new TableContinuation(nextPartition, string.IsNullOrEmpty(nextRow) ? null : nextRow);
        return new TablePage(items, next);
    }

    /// <summary>Every entity matching <paramref name="filter"/>, following continuation tokens.</summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(string table, string? filter, int? pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TableContinuation? continuation = null;
        do
        {
            var page = await QueryPageAsync(table, filter, continuation, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Items)
            {
                yield return entity;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    /// <summary>Every entity of one partition, in row-key order.</summary>
    public IAsyncEnumerable<TableEntity> QueryPartitionAsync(string table, string partitionKey, int? pageSize,
        CancellationToken cancellationToken) =>
        QueryAsync(table, PartitionFilter(partitionKey), pageSize, cancellationToken);

    /// <summary>An OData filter for one partition, with the key quoted safely.</summary>
    public static string PartitionFilter(string partitionKey) => $"PartitionKey eq '{partitionKey.Replace("'", "''", StringComparison.Ordinal)}'";

    private static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"{Uri.EscapeDataString(table)}(PartitionKey='{Key(partitionKey)}',RowKey='{Key(rowKey)}')";

    private static string Key(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static void SetJsonHeaders(Request request)
    {
        request.Headers.SetValue("Accept", "application/json;odata=minimalmetadata");
        request.Headers.SetValue("Content-Type", "application/json");
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
    }

    private static byte[] Serialize(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity.Properties)
            {
                switch (value)
                {
                    case null:
                        break;
                    case string s:
                        writer.WriteString(name, s);
                        break;
                    case int i:
                        writer.WriteNumber(name, i);
                        break;
                    case long l:
                        writer.WriteString(name + "@odata.type", "Edm.Int64");
                        writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                        break;
                    case double d:
                        writer.WriteString(name + "@odata.type", "Edm.Double");
                        if (double.IsFinite(d))
                        {
                            writer.WriteNumber(name, d);
                        }
                        else
                        {
                            writer.WriteString(name, d.ToString("R", CultureInfo.InvariantCulture));
                        }

                        break;
                    case bool b:
                        writer.WriteBoolean(name, b);
                        break;
                    case DateTimeOffset t:
                        writer.WriteString(name + "@odata.type", "Edm.DateTime");
                        writer.WriteString(name, t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                        break;
                    case Guid g:
                        writer.WriteString(name + "@odata.type", "Edm.Guid");
                        writer.WriteString(name, g.ToString("D"));
                        break;
                    case byte[] bytes:
                        writer.WriteString(name + "@odata.type", "Edm.Binary");
                        writer.WriteBase64String(name, bytes);
                        break;
                    default:
                        throw new ArgumentException($"Table property '{name}' has an unsupported type {value.GetType().Name}.", nameof(entity));
                }
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static TableEntity ReadEntity(JsonElement element)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        string partitionKey = "", rowKey = "";
        ETag? etag = null;
        DateTimeOffset? timestamp = null;
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            switch (name)
            {
                case "PartitionKey":
                    partitionKey = property.Value.GetString() ?? "";
                    continue;
                case "RowKey":
                    rowKey = property.Value.GetString() ?? "";
                    continue;
                case "Timestamp":
                    timestamp = property.Value.GetDateTimeOffset();
                    continue;
                case "odata.etag":
                    etag = new ETag(property.Value.GetString() ?? "");
                    continue;
            }

            if (name.StartsWith("odata.", StringComparison.Ordinal))
            {
                continue;
            }

            var type = element.TryGetProperty(name + "@odata.type", out var t) ? t.GetString() : null;
            properties[name] = ReadValue(property.Value, type);
        }

        return new TableEntity(partitionKey, rowKey, properties) { ETag = etag, Timestamp = timestamp };
    }

    private static object? ReadValue(JsonElement value, string? type) => (type, value.ValueKind) switch
    {
        (_, JsonValueKind.Null) => null,
        ("Edm.Int64", _) => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        ("Edm.DateTime", _) => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        ("Edm.Guid", _) => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        ("Edm.Binary", _) => value.GetBytesFromBase64(),
        ("Edm.Double", JsonValueKind.String) => double.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        ("Edm.Double", _) => value.GetDouble(),
        (_, JsonValueKind.String) => value.GetString(),
        (_, JsonValueKind.True) => true,
        (_, JsonValueKind.False) => false,
        (_, JsonValueKind.Number) when value.TryGetInt32(out var i) => i,
        (_, JsonValueKind.Number) => value.GetDouble(),
        _ => value.GetRawText(),
    };
}
