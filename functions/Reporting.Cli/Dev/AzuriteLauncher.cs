using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Reporting.Storage;

namespace Reporting.Cli.Dev;

/// <summary>Uses an Azurite already listening on the default ports, or starts the repo's pinned one in memory on free ports.</summary>
public sealed partial class AzuriteLauncher : IAsyncDisposable
{
    private Process? _process;

    public string ConnectionString { get; private set; } = "";

    public bool StartedHere => _process is not null;

    public async Task StartAsync(string repoRoot, Action<string> print, CancellationToken cancellationToken)
    {
        if (await ListeningAsync(10000, cancellationToken) && await ListeningAsync(10001, cancellationToken) && await ListeningAsync(10002, cancellationToken))
        {
            ConnectionString = StorageConnection.AzuriteConnectionString(10000, 10001, 10002);
            print("Using the Azurite already listening on 10000-10002.");
            return;
        }

        var azurite = Path.Combine(repoRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run 'npm ci' (or scripts/install-deps.sh) in the repo root.");
        }

        var start = new ProcessStartInfo(azurite) { WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--silent", "--inMemoryPersistence", "--disableTelemetry", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1",
                     "--tableHost", "127.0.0.1", "--blobPort", "0", "--queuePort", "0", "--tablePort", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(TimeSpan.FromSeconds(90));
        while (ports.Count < 3)
        {
            var line = await _process.StandardOutput.ReadLineAsync(startup.Token) ?? throw new InvalidOperationException("Azurite exited during start-up.");
            var match = Listening().Match(line);
            if (match.Success)
            {
                ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
            }
        }

        _ = _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        ConnectionString = StorageConnection.AzuriteConnectionString(ports["Blob"], ports["Queue"], ports["Table"]);
        print(string.Create(CultureInfo.InvariantCulture, $"Started Azurite (in memory): blob {ports["Blob"]}, queue {ports["Queue"]}, table {ports["Table"]}."));
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<bool> ListeningAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex Listening();
}
