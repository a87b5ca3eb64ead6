using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reporting.Functions.Hosting;

/// <summary>The body the Functions host posts to <c>/{FunctionName}</c> (custom handler contract).</summary>
public sealed record InvocationRequest
{
    public Dictionary<string, JsonElement> Data { get; init; } = [];

    public Dictionary<string, JsonElement> Metadata { get; init; } = [];

    /// <summary><c>Metadata.sys</c>: method name, the host's UTC clock at invocation, a random GUID.</summary>
    [JsonIgnore]
    public SysMetadata? Sys => Metadata.TryGetValue("sys", out var sys) && sys.ValueKind == JsonValueKind.Object
        ? sys.Deserialize<SysMetadata>(Envelope.Json)
        : null;

    /// <summary>The text of a binding value, undoing the host's quirks: a string value arrives JSON-encoded
    /// a second time (the text <c>abc</c> arrives as <c>"\"abc\""</c>); an object arrives as JSON.</summary>
    public string? DataText(string binding) => Data.TryGetValue(binding, out var value) ? Envelope.Text(value) : null;
}

public sealed record SysMetadata(string? MethodName, DateTimeOffset? UtcNow, string? RandGuid);

/// <summary>The body the handler returns. A non-2xx status fails the invocation (the host retries queue messages).</summary>
public sealed record InvocationResponse
{
    public Dictionary<string, object?> Outputs { get; init; } = [];

    public List<string> Logs { get; init; } = [];

    public object? ReturnValue { get; init; }
}

public static class Envelope
{
    /// <summary>The envelope uses PascalCase names (Data, Metadata, Outputs, Logs, ReturnValue).</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static async Task<InvocationRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await JsonSerializer.DeserializeAsync<InvocationRequest>(request.Body, Json, cancellationToken).ConfigureAwait(false)
            ?? new InvocationRequest();
    }

    public static IResult Respond(int statusCode, IEnumerable<string> logs, object? returnValue = null) =>
        Results.Json(new InvocationResponse { Logs = [.. logs], ReturnValue = returnValue }, Json, statusCode: statusCode);

    /// <summary>The request body the Functions host posts for a queue message: the text as a string binding value
    /// (JSON-encoded a second time, as the host does) and the queue trigger's metadata.</summary>
    public static string ForQueueMessage(string functionName, string binding, string messageText, string messageId, long dequeueCount,
        DateTimeOffset utcNow) =>
        JsonSerializer.Serialize(new
        {
            Data = new Dictionary<string, object?> { [binding] = JsonSerializer.Serialize(messageText) },
            Metadata = new Dictionary<string, object?>
            {
                ["DequeueCount"] = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Id"] = JsonSerializer.Serialize(messageId),
                ["sys"] = new { MethodName = functionName, UtcNow = utcNow, RandGuid = Guid.NewGuid().ToString() },
            },
        }, Json);

    /// <summary>The request body the host posts for a timer occurrence.</summary>
    public static string ForTimer(string functionName, string binding, DateTimeOffset scheduled, DateTimeOffset? last, bool isPastDue,
        DateTimeOffset utcNow) =>
        JsonSerializer.Serialize(new
        {
            Data = new Dictionary<string, object?>
            {
                [binding] = JsonSerializer.Serialize(new
                {
                    Schedule = new { AdjustForDST = true },
                    ScheduleStatus = new { Last = last ?? DateTimeOffset.MinValue, Next = scheduled, LastUpdated = last ?? DateTimeOffset.MinValue },
                    IsPastDue = isPastDue,
                }),
            },
            Metadata = new Dictionary<string, object?>
            {
                ["sys"] = new { MethodName = functionName, UtcNow = utcNow, RandGuid = Guid.NewGuid().ToString() },
            },
        }, Json);

    /// <summary>Text of one binding value (see <see cref="InvocationRequest.DataText"/>).</summary>
    public static string Text(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString() ?? "";
                if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
                {
                    try
                    {
                        return JsonSerializer.Deserialize<string>(text) ?? "";
                    }
                    catch (JsonException)
                    {
                        return text;
                    }
                }

                return text;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return "";
            default:
                return value.GetRawText();
        }
    }

    /// <summary>Queue message text as the trigger delivers it; when a message still looks base64-encoded
    /// (host.json <c>messageEncoding: none</c> or a raw queue), it is decoded.</summary>
    public static string QueueText(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return trimmed;
        }

        var buffer = new byte[trimmed.Length];
        return Convert.TryFromBase64String(trimmed, buffer, out var written)
            ? Encoding.UTF8.GetString(buffer, 0, written).Trim()
            : trimmed;
    }
}
