using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Reporting.Functions.Tests;

/// <summary>reporting-local as a child process, as a developer starts it; its output is collected line by line.</summary>
public sealed partial class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<string> _errors = [];

    private LocalHostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(_lines, e.Data);
        _process.ErrorDataReceived += (_, e) => Add(_errors, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public static string Dll => Path.Combine(Path.GetDirectoryName(typeof(LocalHost.LocalApp).Assembly.Location)!, "reporting-local.dll");

    public static LocalHostProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts the host with extra environment variables (the local host's test seams read some).</summary>
    public static LocalHostProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestSupport.RepoPaths.Root,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new LocalHostProcess(Process.Start(start)!);
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/> (a guard against hangs, not a timed assertion).</summary>
    public async Task<Match> WaitForAsync(string pattern, TimeSpan? timeout = null)
    {
        var regex = new Regex(pattern);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (DateTime.UtcNow < deadline)
        {
            foreach (var line in Lines)
            {
                var match = regex.Match(line);
                if (match.Success)
                {
                    return match;
                }
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No line matched /{pattern}/. Output:\n{string.Join('\n', Lines)}\nErrors:\n{string.Join('\n', Errors)}");
    }

    public async Task<(string BaseUrl, string FunctionKey, string ConnectionString, int BlobPort)> WaitForStartAsync()
    {
        await WaitForAsync("^Running\\.");
        var url = (await WaitForAsync(@"CreateDownloadLink\s+POST function key\s+(http://127\.0\.0\.1:\d+)/api/links")).Groups[1].Value;
        var key = (await WaitForAsync(@"function key .*: (\S+)$")).Groups[1].Value;
        var connection = (await WaitForAsync(@"^\s+connection\s+(\S+)$")).Groups[1].Value;
        var blobPort = int.Parse((await WaitForAsync(@"blob 127\.0\.0\.1:(\d+)")).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (url, key, connection, blobPort);
    }

    /// <summary>Sends SIGTERM, as a service manager or <c>kill</c> does.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>Waits for the process to exit; null when it did not within <paramref name="limit"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }
    }
}
