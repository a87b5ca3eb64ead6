using Reporting.LocalHost.Azurite;

namespace Reporting.LocalHost;

/// <summary>A started local host: its address, function key and services. Disposing it stops the listeners, the HTTP
/// server and the Azurite it started (none when it was given a storage account).</summary>
public sealed class RunningLocalApp(WebApplication app, AzuriteProcess? azurite, Uri baseUrl, string functionKey, Action writeStartupTable) : IAsyncDisposable
{
    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>The key the function-level HTTP functions require (header <c>x-functions-key</c> or <c>?code=</c>).</summary>
    public string FunctionKey { get; } = functionKey;

    public IServiceProvider Services => app.Services;

    /// <summary>The Azurite this host started, or null when it was given a storage account.</summary>
    public AzuriteProcess? Azurite { get; } = azurite;

    public void WriteStartupTable() => writeStartupTable();

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await app.StopAsync(stopping.Token);
        }
        finally
        {
            await app.DisposeAsync();
            if (Azurite is not null)
            {
                await Azurite.DisposeAsync();
            }
        }
    }
}
