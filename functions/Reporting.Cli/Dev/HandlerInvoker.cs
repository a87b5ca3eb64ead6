using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reporting.Functions.Hosting;

namespace Reporting.Cli.Dev;

/// <summary>Posts invocation envelopes to the handler the way the Functions host does.</summary>
public sealed class HandlerInvoker(HttpClient handler)
{
    public sealed record Result(bool Succeeded, int Status, IReadOnlyList<string> Logs);

    public async Task<Result> InvokeAsync(string functionName, string envelope, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/" + functionName, UriKind.Relative))
        {
            Content = new StringContent(envelope, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Host", "dev"));
        using var response = await handler.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        IReadOnlyList<string> logs = [];
        try
        {
            logs = JsonSerializer.Deserialize<InvocationResponse>(body, Envelope.Json)?.Logs ?? [];
        }
        catch (JsonException)
        {
            // A non-envelope answer (e.g. an unhandled exception page) still fails the invocation.
        }

        return new Result(response.IsSuccessStatusCode, (int)response.StatusCode, logs);
    }
}
