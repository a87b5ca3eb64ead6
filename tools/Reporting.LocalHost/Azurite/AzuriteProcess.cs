using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Reporting.LocalHost.Azurite;

/// <summary>Azurite is missing or would not start: the local host says what to run, in one line.</summary>
public sealed class PrerequisiteException(string message) : Exception(message);

/// <summary>
/// The repository's pinned Azurite (<c>node_modules/.bin/azurite</c>, installed by <c>npm ci</c>), on loopback with ports
/// it picks itself: in memory by default, or persisted under a folder (<c>--location</c>) so that runs, reports and links
/// survive a restart. <c>--skipApiVersionCheck</c> because the Azure SDK's default service version is newer than Azurite's.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's development account and its well-known key (public; Azurite only).</summary>
    public const string AccountName = "devstoreaccount1";

    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public int ProcessId => _process.Id;

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) => string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};");

    /// <summary>Starts Azurite from <paramref name="repoRoot"/>; <paramref name="dataFolder"/> null keeps everything in memory.</summary>
    public static async Task<AzuriteProcess> StartAsync(string repoRoot, string? dataFolder, CancellationToken cancellationToken)
    {
        var azurite = Path.Combine(repoRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new PrerequisiteException($"Azurite is not installed in {repoRoot}: run 'scripts/install-deps.sh' (or 'npm ci') there first.");
        }

        var start = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] common = ["--silent", "--disableTelemetry", "--skipApiVersionCheck", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1",
            "--tableHost", "127.0.0.1", "--blobPort", "0", "--queuePort", "0", "--tablePort", "0"];
        foreach (var arg in common)
        {
            start.ArgumentList.Add(arg);
        }

        if (dataFolder is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataFolder);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(dataFolder);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PrerequisiteException("Azurite did not start.");
        }
        catch (Win32Exception)
        {
            throw new PrerequisiteException("Azurite could not be started: Node.js 20 or later must be installed and on PATH ('node --version').");
        }

        var errors = new List<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                lock (errors)
                {
                    errors.Add(line);
                }
            }
        };
        process.BeginErrorReadLine();

        // A start-up guard: Azurite prints its three ports within a few seconds.
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(TimeSpan.FromSeconds(90));
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            while (ports.Count < 3)
            {
                var line = await process.StandardOutput.ReadLineAsync(startup.Token);
                if (line is null)
                {
                    await process.WaitForExitAsync(CancellationToken.None);
                    string first;
                    lock (errors)
                    {
                        first = errors.FirstOrDefault(e => e.Contains("node", StringComparison.OrdinalIgnoreCase)) ?? errors.FirstOrDefault() ?? "no message";
                    }

                    throw new PrerequisiteException($"Azurite exited at start ({first.Trim()}): check 'node --version' (20 or later) and run 'npm ci'.");
                }

                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                }
            }
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }

        // Keep draining stdout so Azurite never blocks on a full pipe.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        return new AzuriteProcess(process, ports["Blob"], ports["Queue"], ports["Table"]);
    }

    /// <summary>Stops Azurite gently (SIGTERM), so that a persisted store writes what it holds in memory, then for good.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited && !OperatingSystem.IsWindows())
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(CancellationToken.None);
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // It did not stop in time: stopped for good below.
            }
        }

        Stop(_process);
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
    }


    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
