using System.Globalization;
using System.Text.Json;

namespace Reporting.LocalHost.Metadata;

/// <summary>The host.json settings a local host must honour: the queue listener's and the HTTP route prefix.
/// (The WebJobs host does not read host.json itself, so they are mapped onto its options.)</summary>
public sealed record HostJson(int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize, bool Base64Messages, string RoutePrefix)
{
    public const string FileName = "host.json";

    /// <summary>The defaults the Functions host uses when host.json says nothing.</summary>
    public static HostJson Defaults { get; } = new(5, TimeSpan.Zero, 16, true, "api");

    public static HostJson LoadBesideAssembly() => Load(Path.Combine(AppContext.BaseDirectory, FileName));

    public static HostJson Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var settings = Defaults;
        if (!doc.RootElement.TryGetProperty("extensions", out var extensions))
        {
            return settings;
        }

        if (extensions.TryGetProperty("queues", out var queues))
        {
            if (queues.TryGetProperty("maxDequeueCount", out var dequeue))
            {
                settings = settings with { MaxDequeueCount = dequeue.GetInt32() };
            }

            if (queues.TryGetProperty("visibilityTimeout", out var visibility))
            {
                settings = settings with { VisibilityTimeout = TimeSpan.Parse(visibility.GetString()!, CultureInfo.InvariantCulture) };
            }

            if (queues.TryGetProperty("batchSize", out var batch))
            {
                settings = settings with { BatchSize = batch.GetInt32() };
            }

            if (queues.TryGetProperty("messageEncoding", out var encoding))
            {
                settings = settings with { Base64Messages = !string.Equals(encoding.GetString(), "none", StringComparison.OrdinalIgnoreCase) };
            }
        }

        if (extensions.TryGetProperty("http", out var http) && http.TryGetProperty("routePrefix", out var prefix))
        {
            settings = settings with { RoutePrefix = prefix.GetString() ?? "" };
        }

        return settings;
    }
}
