using System.Diagnostics;
using System.Text.RegularExpressions;
using Reporting.Storage;

namespace Reporting.Tests.Azurite;

/// <summary>
/// Starts the repo's pinned Azurite (node_modules/.bin/azurite, installed by <c>npm ci</c>) once per test project,
/// in memory on loopback with ports it picks itself, and kills it on dispose.
/// </summary>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    private Process? _process;

    public string ConnectionString { get; private set; } = "";

    public StorageConnection Connection { get; private set; } = null!;

    public StorageClient Client { get; private set; } = null!;

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reporting.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Reporting.sln not found above the test's base directory.");
    }

    public async Task InitializeAsync()
    {
        var root = RepoRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run 'npm ci' (or scripts/install-deps.sh) in the repo root.");
        }

        var start = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--silent", "--inMemoryPersistence", "--disableTelemetry", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1",
                     "--tableHost", "127.0.0.1", "--blobPort", "0", "--queuePort", "0", "--tablePort", "0",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();

        // A start-up guard, not a timed assertion: Azurite prints its three ports within a few seconds.
        using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        while (ports.Count < 3)
        {
            var line = await _process.StandardOutput.ReadLineAsync(startup.Token)
                ?? throw new InvalidOperationException("Azurite exited before it listened on its ports.");
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        // Keep draining stdout so Azurite never blocks on a full pipe.
        _ = _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);

        BlobPort = ports["Blob"];
        QueuePort = ports["Queue"];
        TablePort = ports["Table"];
        ConnectionString = StorageConnection.AzuriteConnectionString(BlobPort, QueuePort, TablePort);
        Connection = StorageConnection.Parse(ConnectionString);
        Client = new StorageClient(Connection);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A fresh lower-case name for a container, queue or table so tests never share state.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
