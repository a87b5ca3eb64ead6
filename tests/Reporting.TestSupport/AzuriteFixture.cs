using Reporting.LocalHost.Azurite;
using Xunit;

namespace Reporting.TestSupport;

/// <summary>
/// The repository's pinned Azurite, started once per test collection by the same launcher the local host uses: in memory,
/// on loopback, on ports it picks itself; killed on dispose.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync(RepoPaths.Root, null, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
