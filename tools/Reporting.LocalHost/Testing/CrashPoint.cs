using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.LocalHost.Testing;

/// <summary>
/// A test seam of the local host (never of the app): a worker killed in the middle of an ingest. With the environment
/// variable <see cref="Variable"/> set to a blob path pattern (<c>container/path</c>, <c>*</c> standing for one path
/// segment, e.g. <c>reports/*/*/trial.pdf</c> or <c>reports/*/latest.json</c>), the first write (PUT) of a matching blob
/// by any storage client of this process stops it before that write is sent. The Azurite this host started is stopped
/// gently first, so that its <c>--data</c> folder keeps everything written up to the crash (in Azure, storage outlives a
/// worker); then the process kills itself (SIGKILL, exit code 137). No queue message is completed or released and no later
/// write is sent: the message stays leased, and a restarted host finds the work half done.
/// </summary>
public static class CrashPoint
{
    public const string Variable = "REPORTING_LOCAL_CRASH_AT";

    /// <summary>The crash policy for <see cref="Variable"/>, or null when it is not set.</summary>
    /// <param name="stopStorage">Stops the storage this host started (gently), before the process is killed.</param>
    public static HttpPipelinePolicy? FromEnvironment(Func<ValueTask> stopStorage) =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } pattern ? new CrashPointPolicy(pattern, stopStorage) : null;

    /// <summary>A regex for a <c>container/path</c> pattern, matched at the end of a request path (path-style Azurite URLs
    /// start with the account name).</summary>
    public static Regex PatternRegex(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var body = string.Join("[^/]+", pattern.Trim('/').Split('*').Select(Regex.Escape));
        return new Regex($"(?:^|/){body}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private sealed class CrashPointPolicy(string pattern, Func<ValueTask> stopStorage) : HttpPipelinePolicy
    {
        private readonly Regex _match = PatternRegex(pattern);
        private int _crashing;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Matches(message))
            {
                CrashAsync(message).AsTask().GetAwaiter().GetResult();
            }

            ProcessNext(message, pipeline);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Matches(message))
            {
                await CrashAsync(message);
            }

            await ProcessNextAsync(message, pipeline);
        }

        private bool Matches(HttpMessage message) =>
            Volatile.Read(ref _crashing) == 1 ||
            (message.Request.Method == RequestMethod.Put && _match.IsMatch(Uri.UnescapeDataString(message.Request.Uri.Path)));

        /// <summary>Never returns: the first caller stops the storage and kills the process; any other request waits for it.</summary>
        private async ValueTask CrashAsync(HttpMessage message)
        {
            if (Interlocked.Exchange(ref _crashing, 1) == 1)
            {
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
            }

            await Console.Error.WriteLineAsync(
                $"reporting-local: crash point {Variable}={pattern} reached before PUT {message.Request.Uri.Path}: killing this process.");
            await Console.Error.FlushAsync();
            await stopStorage();
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            self.Kill();
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }
    }
}
