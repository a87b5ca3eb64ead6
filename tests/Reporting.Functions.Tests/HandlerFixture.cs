using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Reporting.Functions.Hosting;
using Reporting.Functions.IngestExport;
using Reporting.Functions.Links;
using Reporting.Storage;
using Reporting.Tests.Azurite;

namespace Reporting.Functions.Tests;

/// <summary>Azurite plus the handler under WebApplicationFactory, configured as the Functions host would configure it.</summary>
public sealed class HandlerFixture : IAsyncLifetime
{
    public static readonly byte[] SigningKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public const string BaseUrl = "http://reports.test";

    private WebApplicationFactory<Program>? _factory;

    public AzuriteFixture Azurite { get; } = new();

    public StorageClient Storage => Azurite.Client;

    public HttpClient Client { get; private set; } = null!;

    public DownloadLinks Links { get; } = new(SigningKey, TimeProvider.System);

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        await StorageBootstrap.EnsureCreatedAsync(Storage, CancellationToken.None);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting(AppSettings.TrialDataConnection, Azurite.ConnectionString);
            builder.UseSetting(AppSettings.DownloadLinkSigningKey, Convert.ToBase64String(SigningKey));
            builder.UseSetting(AppSettings.PublicBaseUrl, BaseUrl);
        });
        Client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await Azurite.DisposeAsync();
    }

    /// <summary>Uploads to exports/{trialId}/{file} and delivers the BlobCreated event as the host would.</summary>
    public async Task<Invocation> UploadAsync(string trialId, string fileName, byte[] content)
    {
        var name = $"{trialId}/{fileName}";
        var put = await Storage.Blobs.PutAsync(StorageNames.ExportsContainer, name, BinaryData.FromBytes(content), BlobWriteCondition.None, null, CancellationToken.None);
        return await DeliverAsync(EventFor(name, put.ETag!.Value.ToString(), content.Length));
    }

    public string EventFor(string blobName, string etag, long length) =>
        BlobCreatedEvent.ToEventGridJson(StorageConnection.DevelopmentAccountName, Storage.Blobs.BlobUri(StorageNames.ExportsContainer, blobName),
            StorageNames.ExportsContainer, blobName, etag, length, null, DateTimeOffset.UtcNow);

    /// <summary>Posts a queue-trigger envelope for IngestExport with the message text as the host decodes it.</summary>
    public async Task<Invocation> DeliverAsync(string messageText, long dequeueCount = 1)
    {
        var body = Envelope.ForQueueMessage(IngestExportFunction.Name, IngestExportFunction.Binding, messageText, Guid.NewGuid().ToString(), dequeueCount, DateTimeOffset.UtcNow);
        return await PostAsync("/" + IngestExportFunction.Name, body);
    }

    public async Task<Invocation> PostAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.0");
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var envelope = JsonSerializer.Deserialize<InvocationResponse>(text, Envelope.Json);
        return new Invocation((int)response.StatusCode, envelope?.Logs ?? [], text);
    }

    public async Task<T?> ReadJsonAsync<T>(string container, string name)
    {
        var data = await Storage.Blobs.ReadAllAsync(container, name, CancellationToken.None);
        return data is null ? default : data.ToObjectFromJson<T>(ExportIngestor.Json);
    }

    public async Task<JsonElement?> ReadJsonElementAsync(string container, string name)
    {
        var data = await Storage.Blobs.ReadAllAsync(container, name, CancellationToken.None);
        return data is null ? null : JsonDocument.Parse(data.ToString()).RootElement.Clone();
    }

    public Task<List<string>> ListAsync(string container, string prefix) =>
        Storage.Blobs.ListAsync(container, prefix, null, CancellationToken.None).Select(b => b.Name).ToListAsync().AsTask();

    public async Task UploadTrialAsync(string trialId)
    {
        foreach (var (name, content) in SampleTrial.Files(trialId))
        {
            var result = await UploadAsync(trialId, name, content);
            Assert.Equal(200, result.Status);
        }
    }

    public async Task<LatestRun> LatestAsync(string trialId) =>
        await ReadJsonAsync<LatestRun>(StorageNames.ReportsContainer, ExportIngestor.LatestPath(trialId)) ?? throw new InvalidOperationException("no latest.json");

    public static HttpContent Json(object value) => JsonContent.Create(value);
}

public sealed record Invocation(int Status, IReadOnlyList<string> Logs, string Body);

[CollectionDefinition(Name)]
public sealed class HandlerCollection : ICollectionFixture<HandlerFixture>
{
    public const string Name = "Handler";
}
