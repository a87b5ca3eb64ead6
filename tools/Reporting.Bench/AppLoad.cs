using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Core;
using Reporting.Core.Export;
using Reporting.Functions;
using Reporting.Functions.Storage;
using Reporting.LocalHost;
using Reporting.Samples;
using Spectre.Console;

namespace Reporting.Bench;

/// <summary>The app load measurement: how many trials are uploaded at once, and how long to wait for them.</summary>
internal sealed record AppLoadOptions(int Trials)
{
    public const int DefaultTrials = 50;

    /// <summary>Each trial's size: the sample's (7 sites, 600 participants, about 6 contacts each).</summary>
    public ScaledOptions Size(int index) => new(7, 600, 6, TrialId(index));

    /// <summary>Gives up on runs not finished this long after the first upload.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);

    public static string TrialId(int index) => "load-" + (index + 1).ToString("000", CultureInfo.InvariantCulture);
}

/// <summary>What the app load measurement found.</summary>
/// <param name="Trials">Trials uploaded.</param>
/// <param name="Ran">Trials whose latest run is the run of their upload (checked against the run id Core computes for the same zip), with every report stored.</param>
/// <param name="UploadSeconds">From the first upload's start to the last upload's end.</param>
/// <param name="TotalSeconds">From the first upload's start to the last run seen.</param>
/// <param name="Reports">PDFs stored by those runs (trial report + site reports).</param>
/// <param name="LatencyMs">Per trial, from the start of its upload to its run being seen (polled every <see cref="AppLoad.Poll"/>).</param>
/// <param name="Note">What went wrong, when a trial did not end with its run.</param>
internal sealed record AppLoadSummary(int Trials, int Ran, double UploadSeconds, double TotalSeconds, int Reports, IReadOnlyList<double> LatencyMs, string? Note)
{
    public bool AllRan => Ran == Trials && Note is null;

    public double UploadsPerMinute => UploadSeconds > 0 ? Trials / UploadSeconds * 60 : 0;

    public double RunsPerMinute => TotalSeconds > 0 ? Ran / TotalSeconds * 60 : 0;

    public double ReportsPerMinute => TotalSeconds > 0 ? Reports / TotalSeconds * 60 : 0;

    public double? P50Ms => Percentile(0.50);

    public double? P95Ms => Percentile(0.95);

    /// <summary>The nearest-rank percentile (the smallest latency at or above which a share <paramref name="p"/> lies).</summary>
    private double? Percentile(double p)
    {
        if (LatencyMs.Count == 0)
        {
            return null;
        }

        var sorted = LatencyMs.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}

/// <summary>
/// Starts the local host (the app's own functions on Azurite, docs/architecture.md), generates
/// <see cref="AppLoadOptions.Trials"/> small synthetic trials, uploads each as one zip, all at once, and waits until
/// every trial's latest run is the run of its upload, with all its PDFs stored.
/// </summary>
internal static class AppLoad
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<AppLoadSummary> RunAsync(AppLoadOptions options, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var scratch = Directory.CreateTempSubdirectory("reporting-bench-app-");
        try
        {
            var zips = Enumerable.Range(0, options.Trials).Select(i => Prepare(options, i, scratch.FullName)).ToList();
            var settings = new Dictionary<string, string?>
            {
                // The host logs every function call at Information; the benchmark prints its own table.
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Azure.Core"] = "Error",
            };
            await using var app = await LocalApp.StartAsync(
                new LocalOptions(Port: 0, RepoRoot: LocalApp.FindRepoRoot()) { Settings = settings }, TextWriter.Null, cancellationToken);
            var blobs = app.Services.GetRequiredService<BlobServiceClient>();
            var store = app.Services.GetRequiredService<TrialStore>();
            var exports = blobs.GetBlobContainerClient(StorageNames.ExportsContainer);

            var clock = Stopwatch.StartNew();
            var started = new double[zips.Count];
            var uploads = zips.Select(async (zip, i) =>
            {
                started[i] = clock.Elapsed.TotalMilliseconds;
                await exports.GetBlobClient($"{zip.TrialId}/export.zip").UploadAsync(zip.Path, overwrite: true, cancellationToken);
                return clock.Elapsed.TotalMilliseconds;
            }).ToList();
            var uploaded = await Task.WhenAll(uploads);
            var uploadSeconds = uploaded.Max() / 1000;
            console.MarkupLine($"[grey]app: {zips.Count.ToString(CultureInfo.InvariantCulture)} uploads in {uploadSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; waiting for the runs[/]");

            var seen = new double?[zips.Count];
            var reports = new int[zips.Count];
            var wrong = new List<string>();
            while (seen.Any(s => s is null) && clock.Elapsed < options.Timeout)
            {
                await Task.Delay(Poll, cancellationToken);
                for (var i = 0; i < zips.Count; i++)
                {
                    if (seen[i] is not null || await store.GetLatestAsync(zips[i].TrialId, cancellationToken) is not { } latest)
                    {
                        continue;
                    }

                    seen[i] = clock.Elapsed.TotalMilliseconds;
                    if (latest.RunId != zips[i].RunId)
                    {
                        wrong.Add($"{zips[i].TrialId}: run {latest.RunId}, expected {zips[i].RunId}");
                        continue;
                    }

                    reports[i] = await CountStoredAsync(blobs,
                        [latest.TrialReport, .. latest.Sites.Select(site => TrialStore.SiteReportPath(latest.TrialId, latest.RunId, site))], cancellationToken);
                }
            }

            var ran = Enumerable.Range(0, zips.Count).Count(i => seen[i] is not null && reports[i] == 1 + zips[i].Sites && !wrong.Any(w => w.StartsWith(zips[i].TrialId + ":", StringComparison.Ordinal)));
            var last = seen.Where(s => s is not null).Select(s => s!.Value).DefaultIfEmpty(clock.Elapsed.TotalMilliseconds).Max();
            var latencies = Enumerable.Range(0, zips.Count).Where(i => seen[i] is not null).Select(i => seen[i]!.Value - started[i]).ToList();
            var missing = seen.Count(s => s is null);
            var note = wrong.Count > 0 ? "wrong run: " + string.Join("; ", wrong.Take(3))
                : missing > 0 ? $"{missing.ToString(CultureInfo.InvariantCulture)} trials had no run after {options.Timeout.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} min"
                : ran < zips.Count ? $"{(zips.Count - ran).ToString(CultureInfo.InvariantCulture)} runs lack some of their PDFs"
                : null;
            return new AppLoadSummary(zips.Count, ran, uploadSeconds, last / 1000, reports.Sum(), latencies, note);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private sealed record PreparedTrial(string TrialId, string Path, string RunId, int Sites);

    /// <summary>Writes trial <paramref name="index"/>, zips it, and works out the run id its upload must end with
    /// (Core reading the same zip the app will read).</summary>
    private static PreparedTrial Prepare(AppLoadOptions options, int index, string scratch)
    {
        var size = options.Size(index);
        var folder = Path.Combine(scratch, size.TrialId);
        var summary = SampleGenerator.WriteScaled(folder, size, SampleGenerator.DefaultSeed + (ulong)index);
        var zipPath = folder + ".zip";
        ZipFile.CreateFromDirectory(folder, zipPath);
        using var stream = File.OpenRead(zipPath);
        var zip = ExportZip.Read("export.zip", stream);
        var result = TrialPipeline.Run(zip.Files);
        var run = result.Run ?? throw new InvalidOperationException($"The generated trial {size.TrialId} does not analyse: {result.NotRunReason}");
        return new PreparedTrial(size.TrialId, zipPath, run.RunId, summary.Sites);
    }

    private static async Task<int> CountStoredAsync(BlobServiceClient blobs, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var reportsContainer = blobs.GetBlobContainerClient(StorageNames.ReportsContainer);
        var stored = 0;
        foreach (var path in paths)
        {
            if ((await reportsContainer.GetBlobClient(path).ExistsAsync(cancellationToken)).Value)
            {
                stored++;
            }
        }

        return stored;
    }
}
