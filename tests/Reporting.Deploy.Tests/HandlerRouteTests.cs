using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Reporting.Deploy.Tests;

/// <summary>
/// Starts the published handler the way the Functions host does (the executable from host.json, its working
/// directory, FUNCTIONS_CUSTOMHANDLER_PORT) and checks that every function folder in the package has a route:
/// POST /&lt;FunctionName&gt; for queue and timer functions, the proxied api/&lt;route&gt; for HTTP functions.
/// </summary>
[Collection(PublishedPackageCollection.Name)]
public sealed class HandlerRouteTests(PublishedPackageFixture package) : IAsyncLifetime
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _handlerOutput = new();
    private Process? _handler;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        using var hostJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(package.ExtractedRoot, "host.json")));
        var description = hostJson.RootElement.GetProperty("customHandler").GetProperty("description");
        var port = FreeLoopbackPort();

        var start = new ProcessStartInfo(Path.Combine(package.ExtractedRoot, description.GetProperty("defaultExecutablePath").GetString()!))
        {
            WorkingDirectory = Path.Combine(package.ExtractedRoot, description.GetProperty("workingDirectory").GetString()!),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Only what the host passes, plus the app settings the handler reads; no ASPNETCORE_URLS, so the
        // handler has to bind the port it is given.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Guid.NewGuid().ToString();
        start.Environment["FUNCTIONS_APP_ROOT_PATH"] = package.ExtractedRoot;
        start.Environment["TrialData"] = "UseDevelopmentStorage=true";
        start.Environment["FunderReportSchedule"] = "0 0 6 1 * *";
        start.Environment["DownloadLinkSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        start.Environment["DownloadLinkLifetimeDays"] = "14";
        start.Environment["PublicBaseUrl"] = $"http://127.0.0.1:{port}";

        _handler = Process.Start(start) ?? throw new InvalidOperationException("The handler did not start.");
        _handler.OutputDataReceived += (_, e) => Capture(e.Data);
        _handler.ErrorDataReceived += (_, e) => Capture(e.Data);
        _handler.BeginOutputReadLine();
        _handler.BeginErrorReadLine();

        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await WaitUntilReadyAsync();
        }
        catch
        {
            // xunit does not dispose a test class whose initialisation failed: stop the handler here.
            StopHandler();
            throw;
        }
    }

    public Task DisposeAsync()
    {
        StopHandler();
        return Task.CompletedTask;
    }

    private void StopHandler()
    {
        _client?.Dispose();
        _client = null;
        if (_handler is { HasExited: false })
        {
            _handler.Kill(entireProcessTree: true);
            _handler.WaitForExit(5000);
        }

        _handler?.Dispose();
        _handler = null;
    }

    [Fact]
    public async Task Handler_EveryFunctionFolder_HasARouteForItsTrigger()
    {
        var routePrefix = RoutePrefix();
        var functions = package.Entries
            .Where(e => e.FullName.Count(c => c == '/') == 1 && e.FullName.EndsWith("/function.json", StringComparison.Ordinal))
            .Select(e => e.FullName.Split('/')[0])
            .ToList();
        Assert.NotEmpty(functions);

        var failures = new List<string>();
        foreach (var function in functions)
        {
            var probe = ProbeFor(function, routePrefix);
            var status = await SendAsync(probe.Method, probe.Path, probe.Body);
            if (status is HttpStatusCode.NotFound)
            {
                // A handler may answer 404 on purpose (DownloadReport: no such report). The path is routed
                // when another method on it gets 405 Method Not Allowed instead of 404.
                var other = await SendAsync(probe.OtherMethod, probe.Path, probe.Body);
                if (other is HttpStatusCode.MethodNotAllowed)
                {
                    continue;
                }
            }

            if (status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            {
                failures.Add($"{function}: {probe.Method} {probe.Path} -> {(int)status}");
            }
        }

        Assert.True(failures.Count == 0, $"Function folders without a handler route:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}{Environment.NewLine}Handler output:{Environment.NewLine}{HandlerOutput()}");
    }

    [Fact]
    public async Task Handler_UnknownFunctionName_IsNotFound()
    {
        // Without this the route probe could not fail: a handler that answered every path would pass it.
        var status = await SendAsync(HttpMethod.Post, "/NoSuchFunctionForTheRouteProbe", Envelope());

        Assert.True(status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"POST /NoSuchFunctionForTheRouteProbe -> {(int)status}");
    }

    private static (HttpMethod Method, HttpMethod OtherMethod, string Path, string? Body) ProbeFor(string function, string routePrefix)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.FunctionsProject, function, "function.json")));
        var trigger = document.RootElement.GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("direction").GetString() == "in" && b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

        if (trigger.GetProperty("type").GetString() != "httpTrigger")
        {
            // Non-HTTP triggers arrive as POST /<FunctionName> with the invocation envelope.
            return (HttpMethod.Post, HttpMethod.Get, "/" + function, Envelope());
        }

        var route = trigger.TryGetProperty("route", out var r) ? r.GetString()! : function;
        var path = "/" + string.Join('/', new[] { routePrefix, System.Text.RegularExpressions.Regex.Replace(route, @"\{[^}]+\}", "probe") }.Where(p => p.Length > 0));
        var methods = trigger.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToList() : ["GET", "POST"];
        var method = new HttpMethod(methods[0]);
        var other = new[] { "PATCH", "PUT", "DELETE" }.First(x => !methods.Contains(x));
        return (method, new HttpMethod(other), path, method == HttpMethod.Get ? null : "{}");
    }

    private static string Envelope() =>
        JsonSerializer.Serialize(new { Data = new Dictionary<string, object>(), Metadata = new Dictionary<string, object>() });

    private string RoutePrefix()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.ExtractedRoot, "host.json")));
        return hostJson.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
                ? prefix.GetString()!.Trim('/')
                : "api";
    }

    private async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.0");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _client!.SendAsync(request);
        return response.StatusCode;
    }

    private async Task WaitUntilReadyAsync()
    {
        // The host sends GET / until any HTTP response comes back.
        var deadline = DateTime.UtcNow + StartupLimit;
        while (DateTime.UtcNow < deadline)
        {
            if (_handler!.HasExited)
            {
                throw new InvalidOperationException($"The handler exited with code {_handler.ExitCode} during start-up:{Environment.NewLine}{HandlerOutput()}");
            }

            try
            {
                using var response = await _client!.GetAsync("/");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException(
            $"The handler did not answer GET / on 127.0.0.1:{_client!.BaseAddress!.Port} within {StartupLimit.TotalSeconds} s; " +
            $"it must listen on the port in FUNCTIONS_CUSTOMHANDLER_PORT.{Environment.NewLine}{HandlerOutput()}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_handlerOutput)
        {
            _handlerOutput.AppendLine(line);
        }
    }

    private string HandlerOutput()
    {
        const int Tail = 4000;
        lock (_handlerOutput)
        {
            var text = _handlerOutput.ToString();
            return text.Length <= Tail ? text : "..." + text[^Tail..];
        }
    }
}
