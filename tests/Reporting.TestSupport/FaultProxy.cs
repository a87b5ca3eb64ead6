using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Reporting.LocalHost.Azurite;

namespace Reporting.TestSupport;

/// <summary>A storage fault the proxy can inject.</summary>
public enum FaultKind
{
    /// <summary>Answered 500 by the proxy; the request never reaches storage.</summary>
    ServerError,

    /// <summary>Answered 503 ServerBusy by the proxy; the request never reaches storage.</summary>
    ServerBusy,

    /// <summary>Answered 429 with Retry-After by the proxy; the request never reaches storage.</summary>
    Throttled,

    /// <summary>The connection is closed without forwarding the request.</summary>
    DropBeforeForward,

    /// <summary>Forwarded (a write happens), then answered 500: the client does not know it succeeded.</summary>
    ErrorAfterForward,

    /// <summary>Forwarded (a write happens), then the connection is closed without an answer.</summary>
    DropAfterForward,

    /// <summary>Forwarded (a write happens), then the answer is held back longer than the client's network timeout.</summary>
    SlowerThanTimeout,

    /// <summary>A download's status and headers are sent with half its body, then the connection is closed.</summary>
    TruncatedBody,

    /// <summary>A conditional write (If-Match) of <c>reports/{trialId}/accepted.json</c> loses a race: the proxy first rewrites
    /// the blob as another writer would (its ETag changes), then forwards the write, which storage answers 412.</summary>
    AcceptedSetRace,
}

/// <summary>
/// What to inject, seeded: each eligible request draws once from <c>Random(Seed)</c> among the kinds that apply to it, with
/// these rates (their sum over the kinds that apply must stay below 1).
/// </summary>
public sealed record FaultScript(int Seed, IReadOnlyDictionary<FaultKind, double> Rates, TimeSpan SlowerThan)
{
    /// <summary>Every kind at <paramref name="rate"/> (the race, which only a few requests can meet, at 0.5), answers held
    /// back by <paramref name="slowerThan"/>.</summary>
    public static FaultScript AllKinds(int seed, double rate, TimeSpan slowerThan) => new(seed,
        Enum.GetValues<FaultKind>().ToDictionary(k => k, k => k == FaultKind.AcceptedSetRace ? 0.5 : rate), slowerThan);
}

/// <summary>What the proxy saw and did.</summary>
/// <param name="Requests">Requests per service (blob, queue, table).</param>
/// <param name="Faults">Faults injected per kind.</param>
/// <param name="Retries">Requests carrying an <c>x-ms-client-request-id</c> seen before: the SDK's retries.</param>
/// <param name="TimedOut">Held-back answers the client stopped waiting for (its network timeout fired before the answer).</param>
public sealed record FaultCounts(IReadOnlyDictionary<string, int> Requests, IReadOnlyDictionary<FaultKind, int> Faults, int Retries, int TimedOut)
{
    public int TotalFaults => Faults.Values.Sum();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"requests {string.Join(", ", Requests.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}"))}; " +
        $"faults injected {TotalFaults} ({string.Join(", ", Faults.Where(f => f.Value > 0).OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"))}); " +
        $"retries seen {Retries}; held-back answers the client timed out on {TimedOut}");
}

/// <summary>
/// A fault-injecting HTTP proxy on loopback in front of Azurite's blob, queue and table ports, for the reliability tests.
/// The app's storage clients are pointed at it (<see cref="ConnectionString"/>: the same account, the proxy's ports); the
/// SDK's own retry policy is what must recover. Requests are forwarded byte for byte (the shared-key signature covers the
/// path and headers, not the port). Faults are injected on blob and table requests only: queue traffic (the trigger's
/// listener and the Event Grid stand-in) and the WebJobs host's own container pass untouched, and so does the Event Grid
/// stand-in's listing of <c>exports</c> (Event Grid is not behind this proxy in Azure). A lost queue answer would only
/// leave a message leased for the WebJobs listener's fixed ten minutes.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Expect", "Host",
    };

    private readonly FaultScript _script;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private readonly HttpClient _upstream = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    private readonly BlobServiceClient _otherWriter;
    private readonly List<WebApplication> _listeners = [];
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<FaultKind, int> _faults = new();
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private int _retries;
    private int _timedOut;

    private FaultProxy(FaultScript script, string upstreamConnectionString)
    {
        _script = script;
        _random = new Random(script.Seed);
        _otherWriter = new BlobServiceClient(upstreamConnectionString);
    }

    /// <summary>The connection string of the account behind the proxy: the app's clients use this.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Faults are injected only while this is true (off at start, so that set-up traffic passes).</summary>
    public bool Enabled { get; set; }

    /// <summary>Starts a proxy for each of Azurite's services.</summary>
    public static async Task<FaultProxy> StartAsync(int blobPort, int queuePort, int tablePort, FaultScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var proxy = new FaultProxy(script, AzuriteProcess.ConnectionStringFor(blobPort, queuePort, tablePort));
        var blob = await proxy.ListenAsync("blob", blobPort);
        var queue = await proxy.ListenAsync("queue", queuePort);
        var table = await proxy.ListenAsync("table", tablePort);
        proxy.ConnectionString = AzuriteProcess.ConnectionStringFor(blob, queue, table);
        return proxy;
    }

    public FaultCounts Counts() => new(
        new Dictionary<string, int>(_requests, StringComparer.Ordinal),
        Enum.GetValues<FaultKind>().ToDictionary(k => k, k => _faults.GetValueOrDefault(k)),
        Volatile.Read(ref _retries),
        Volatile.Read(ref _timedOut));

    public async ValueTask DisposeAsync()
    {
        foreach (var listener in _listeners)
        {
            await listener.StopAsync();
            await listener.DisposeAsync();
        }

        _upstream.Dispose();
    }

    private async Task<int> ListenAsync(string service, int upstreamPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null;
            k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.Run(context => ForwardAsync(context, service, upstreamPort));
        await app.StartAsync();
        _listeners.Add(app);
        var address = app.Urls.Single();
        return new Uri(address).Port;
    }

    private async Task ForwardAsync(HttpContext context, string service, int upstreamPort)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var path = Uri.UnescapeDataString(request.Path.Value ?? "");
        _requests.AddOrUpdate(service, 1, (_, n) => n + 1);
        var clientRequestId = request.Headers["x-ms-client-request-id"].ToString();
        if (clientRequestId.Length > 0 && !_seen.TryAdd(clientRequestId, 0))
        {
            Interlocked.Increment(ref _retries);
        }

        var fault = Decide(service, request.Method, path, request.Query, request.Headers);

        if (fault is not null)
        {
            _faults.AddOrUpdate(fault.Value, 1, (_, n) => n + 1);
        }

        switch (fault)
        {
            case FaultKind.ServerError:
                await AnswerErrorAsync(context, service, 500, "InternalError");
                return;
            case FaultKind.ServerBusy:
                await AnswerErrorAsync(context, service, 503, "ServerBusy");
                return;
            case FaultKind.Throttled:
                context.Response.Headers.RetryAfter = "1";
                await AnswerErrorAsync(context, service, 429, "TooManyRequests");
                return;
            case FaultKind.DropBeforeForward:
                context.Abort();
                return;
            case FaultKind.AcceptedSetRace:
                await WinTheRaceAsync(path);
                break;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri($"http://127.0.0.1:{upstreamPort.ToString(CultureInfo.InvariantCulture)}{target}"));
        if (request.ContentLength is not null || request.Headers.TransferEncoding.Count > 0)
        {
            forward.Content = new StreamContent(request.Body);
        }

        foreach (var header in request.Headers)
        {
            if (HopByHop.Contains(header.Key))
            {
                continue;
            }

            if (header.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                forward.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
            else
            {
                forward.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        HttpResponseMessage answer;
        try
        {
            answer = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            context.Abort();
            return;
        }

        using (answer)
        {
            var body = await answer.Content.ReadAsByteArrayAsync(CancellationToken.None);
            switch (fault)
            {
                case FaultKind.ErrorAfterForward:
                    await AnswerErrorAsync(context, service, 500, "InternalError");
                    return;
                case FaultKind.DropAfterForward:
                    context.Abort();
                    return;
                case FaultKind.SlowerThanTimeout:
                    try
                    {
                        await Task.Delay(_script.SlowerThan, context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        Interlocked.Increment(ref _timedOut); // the client gave up first, as intended
                        return;
                    }

                    break;
            }

            context.Response.StatusCode = (int)answer.StatusCode;
            foreach (var header in answer.Headers.Concat(answer.Content.Headers))
            {
                if (!HopByHop.Contains(header.Key) && !header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }
            }

            var isHead = HttpMethods.IsHead(request.Method);
            context.Response.ContentLength = isHead ? answer.Content.Headers.ContentLength : body.Length;
            if (isHead)
            {
                return;
            }

            try
            {
                if (fault == FaultKind.TruncatedBody && body.Length > 1)
                {
                    await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    context.Abort();
                    return;
                }

                await context.Response.Body.WriteAsync(body, context.RequestAborted);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The client went away.
            }
        }
    }

    /// <summary>The fault for this request, or null: one draw among the kinds that apply to it.</summary>
    private FaultKind? Decide(string service, string method, string path, IQueryCollection query, IHeaderDictionary headers)
    {
        if (!Enabled || !Eligible(service, path, query))
        {
            return null;
        }

        var applicable = new List<(FaultKind Kind, double Rate)>();
        foreach (var (kind, rate) in _script.Rates.OrderBy(r => r.Key))
        {
            var applies = kind switch
            {
                FaultKind.TruncatedBody => service == "blob" && HttpMethods.IsGet(method),
                FaultKind.AcceptedSetRace => service == "blob" && HttpMethods.IsPut(method) && headers.IfMatch.Count > 0 &&
                    path.EndsWith("/accepted.json", StringComparison.Ordinal) && path.Contains("/reports/", StringComparison.Ordinal),
                _ => true,
            };
            if (applies && rate > 0)
            {
                applicable.Add((kind, rate));
            }
        }

        double draw;
        lock (_lock)
        {
            draw = _random.NextDouble();
        }

        // The race, when it applies, is drawn first: it is the only fault that can meet those few requests.
        foreach (var (kind, rate) in applicable.OrderByDescending(a => a.Kind == FaultKind.AcceptedSetRace))
        {
            if (draw < rate)
            {
                return kind;
            }

            draw -= rate;
        }

        return null;
    }

    private static bool Eligible(string service, string path, IQueryCollection query)
    {
        if (service == "table")
        {
            return true;
        }

        if (service != "blob")
        {
            return false;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var container = segments.Length > 1 ? segments[1] : "";
        var listing = string.Equals(query["comp"], "list", StringComparison.Ordinal);
        return container != "azure-webjobs-hosts" && !(container == "exports" && listing) && container.Length > 0;
    }

    /// <summary>Another writer updates accepted.json first (same content, so the app's reload converges on what it had): its
    /// ETag changes and the forwarded If-Match write is answered 412 by storage itself. The other writer is conditional too
    /// (If-Match the version it read): an unconditional rewrite could put back a version older than one the app saved in
    /// between, losing a file no real writer of the app would lose.</summary>
    private async Task WinTheRaceAsync(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var blob = _otherWriter.GetBlobContainerClient(segments[1]).GetBlobClient(string.Join('/', segments.Skip(2)));
        try
        {
            var current = await blob.DownloadContentAsync();
            await blob.UploadAsync(current.Value.Content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = current.Value.Details.ContentType },
                Conditions = new BlobRequestConditions { IfMatch = current.Value.Details.ETag },
            });
        }
        catch (Azure.RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Nothing to race with, or the blob changed since it was read: the race is already on.
        }
    }

    private static async Task AnswerErrorAsync(HttpContext context, string service, int status, string code)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.Headers["x-ms-error-code"] = code;
        response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        var body = service == "table"
            ? "{\"odata.error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"Injected by the test's fault proxy.\"}}}"
            : $"""<?xml version="1.0" encoding="utf-8"?><Error><Code>{code}</Code><Message>Injected by the test's fault proxy.</Message></Error>""";
        response.ContentType = service == "table" ? "application/json;odata=minimalmetadata" : "application/xml";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        try
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away.
        }
    }
}
