using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Reporting.Functions.Storage;
using Reporting.LocalHost;
using Reporting.LocalHost.Http;
using Reporting.TestSupport;

namespace Reporting.Functions.Tests;

/// <summary>
/// The local host: the WebJobs SDK's queue listener and timer driving the app's function classes, the HTTP functions on
/// loopback, Event Grid stood in for, and the host as a developer runs it (SIGTERM, --data, --watch, missing prerequisites).
/// </summary>
public sealed class LocalHostTests
{
    private static LocalOptions InProcess(TimeSpan? retryAfter = null, IReadOnlyDictionary<string, string?>? settings = null, LogRecorder? logs = null) =>
        new(Port: 0, VisibilityTimeout: retryAfter, RepoRoot: RepoPaths.Root) { Settings = settings, LogSink = logs };

    private static async Task UploadSampleAsync(BlobServiceClient blobs, string trialId)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.ExportsContainer);
        foreach (var file in Directory.GetFiles(RepoPaths.Sample).Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)))
        {
            await container.GetBlobClient($"{trialId}/{Path.GetFileName(file)}").UploadAsync(file, overwrite: true);
        }
    }

    private static async Task<LatestRun> WaitForRunAsync(TrialStore store, string trialId)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await store.GetLatestAsync(trialId, CancellationToken.None) is { } latest && await store.RunExistsAsync(trialId, latest.RunId, CancellationToken.None))
            {
                return latest;
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"{trialId} never got a run.");
    }

    [Fact]
    public async Task QueueListener_MessageThatAlwaysFails_LandsInPoisonQueueAfterMaxDequeueCount()
    {
        var logs = new LogRecorder();
        await using var app = await LocalApp.StartAsync(InProcess(TimeSpan.Zero, logs: logs), TextWriter.Null, CancellationToken.None);
        var queues = app.Services.GetRequiredService<QueueServiceClient>();
        var text = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"not\":\"an event\"}"));

        await queues.GetQueueClient(StorageNames.ExportEventsQueue).SendMessageAsync(text);

        var poison = queues.GetQueueClient(StorageNames.ExportEventsPoisonQueue);
        Azure.Storage.Queues.Models.PeekedMessage[] peeked = [];
        for (var i = 0; i < 300 && peeked.Length == 0; i++)
        {
            await Task.Delay(200);
            peeked = (await poison.PeekMessagesAsync(32)).Value;
        }

        var moved = Assert.Single(peeked);
        Assert.Equal(text, moved.MessageText);
        Assert.Equal(0, (await queues.GetQueueClient(StorageNames.ExportEventsQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        // host.json's maxDequeueCount (5): five failed executions, dequeue counts 1 to 5, then the move.
        var executions = logs.Lines.Where(l => l.Contains("Executed 'IngestExport' (Failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, executions.Count);
        Assert.Contains(logs.Lines, l => l.Contains("DequeueCount: 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sample_ThroughTheLocalHost_RunsReportsAndServesSignedLinksOverHttp()
    {
        var logs = new LogRecorder();
        // Every two seconds, so the timer (WebJobs' scheduler, %FunderReportSchedule% resolved from settings) fires in the test.
        await using var app = await LocalApp.StartAsync(InProcess(settings: new Dictionary<string, string?> { [AppSettings.FunderReportSchedule] = "*/2 * * * * *" },
            logs: logs), TextWriter.Null, CancellationToken.None);
        var store = app.Services.GetRequiredService<TrialStore>();
        await UploadSampleAsync(app.Services.GetRequiredService<BlobServiceClient>(), "peer-support-synthetic");

        var latest = await WaitForRunAsync(store, "peer-support-synthetic");

        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        using var noKey = await http.PostAsJsonAsync("api/links", new { trialId = "peer-support-synthetic", siteId = "S3" });
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Post, "api/links") { Content = JsonContent.Create(new { trialId = "peer-support-synthetic", siteId = "S3" }) };
        wrongKey.Headers.Add(HttpFunctions.KeyHeader, "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrongKey)).StatusCode);

        using var minted = await http.PostAsJsonAsync($"api/links?code={app.FunctionKey}", new { trialId = "peer-support-synthetic", siteId = "S3" });
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        var url = JsonDocument.Parse(await minted.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!;
        Assert.StartsWith(app.BaseUrl.AbsoluteUri + "api/reports/peer-support-synthetic/S3?", url, StringComparison.Ordinal);
        using var pdf = await http.GetAsync(new Uri(url));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var text = PdfText.Of(await pdf.Content.ReadAsByteArrayAsync());
        var run = await store.ReadRunAsync("peer-support-synthetic", latest.RunId, CancellationToken.None);
        Assert.Contains(run!.Sites.Single(s => s.SiteId == "S3").SiteName, text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(new Uri(url.Replace("/S3?", "/S4?", StringComparison.Ordinal)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri(url[..^3] + "abc"))).StatusCode);

        // The timer fired through the WebJobs scheduler and published the funder's portfolio once for the period.
        var funder = run.Trial.Funders[0].FunderId;
        FunderDelivery? delivery = null;
        for (var i = 0; i < 150 && delivery is null; i++)
        {
            await Task.Delay(200);
            delivery = await store.GetDeliveryAsync(funder, PublishFunderReports.FunderPeriod.For(DateTimeOffset.UtcNow), CancellationToken.None);
        }

        Assert.NotNull(delivery);

        // No participant identifier (a cell value) in any log line of the whole run.
        var participantIds = File.ReadLines(Path.Combine(RepoPaths.Sample, "participants.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => participantIds.Any(id => l.Contains(id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Process_Sigterm_StopsTheHostAndItsAzuriteWithExitCodeZero()
    {
        await using var host = LocalHostProcess.Start("--port", "0");
        var (_, _, _, blobPort) = await host.WaitForStartAsync();

        host.Terminate();

        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains(host.Lines, l => l == "Stopped.");
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", blobPort));
    }

    [Fact]
    public async Task Process_RestartWithData_KeepsTheRunAndALinkMintedBeforeTheRestart()
    {
        var data = Directory.CreateTempSubdirectory("local-data-").FullName;
        var port = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            string url;
            await using (var first = LocalHostProcess.Start("--port", port, "--data", data))
            {
                var (baseUrl, key, connection, _) = await first.WaitForStartAsync();
                var blobs = new BlobServiceClient(connection);
                await UploadSampleAsync(blobs, "peer-support-synthetic");
                var store = new TrialStore(blobs, new Azure.Data.Tables.TableServiceClient(connection));
                await WaitForRunAsync(store, "peer-support-synthetic");
                using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
                using var minted = await http.PostAsJsonAsync($"api/links?code={key}", new { trialId = "peer-support-synthetic", siteId = "S1" });
                url = JsonDocument.Parse(await minted.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!;
                first.Terminate();
                Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(10)));
            }

            await using var second = LocalHostProcess.Start("--port", port, "--data", data);
            await second.WaitForStartAsync();
            using var client = new HttpClient();
            using var pdf = await client.GetAsync(new Uri(url));
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.True((await pdf.Content.ReadAsByteArrayAsync()).AsSpan().StartsWith("%PDF-"u8));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Process_DropFolder_FileBecomesAValidationReportAndARun()
    {
        var watch = Directory.CreateTempSubdirectory("drop-").FullName;
        try
        {
            await using var host = LocalHostProcess.Start("--port", "0", "--watch", watch);
            await host.WaitForStartAsync();
            var trialFolder = Directory.CreateDirectory(Path.Combine(watch, "peer-support-synthetic")).FullName;
            foreach (var file in Directory.GetFiles(RepoPaths.Sample).Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(trialFolder, Path.GetFileName(file)));
            }

            var run = await host.WaitForAsync(@"^peer-support-synthetic: run ([0-9a-f]{16}): (\S+trial\.pdf)");

            Assert.True(File.Exists(run.Groups[2].Value));
            Assert.True(File.Exists(Path.Combine(trialFolder, "results", "validation", "contacts.csv.json")));
            Assert.Contains(host.Lines, l => l.StartsWith("peer-support-synthetic/participants.csv: accepted, 0 errors", StringComparison.Ordinal));
            Assert.True(Directory.GetFiles(Path.Combine(trialFolder, "results", run.Groups[1].Value, "sites"), "*.pdf").Length == 7);
        }
        finally
        {
            Directory.Delete(watch, recursive: true);
        }
    }

    [Fact]
    public async Task Process_PortInUse_OneLineAndExitCode2()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await using var host = LocalHostProcess.Start("--port", port);

        Assert.Equal(2, await host.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        var line = Assert.Single(host.Errors);
        Assert.Contains($"Port {port} on 127.0.0.1 is in use", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_AzuriteNotInstalled_OneLineSayingWhatToRun()
    {
        var repo = Directory.CreateTempSubdirectory("no-azurite-").FullName;
        try
        {
            await using var host = LocalHostProcess.Start("--port", "0", "--repo", repo);

            Assert.Equal(2, await host.WaitForExitAsync(TimeSpan.FromMinutes(1)));
            var line = Assert.Single(host.Errors);
            Assert.Contains("Azurite is not installed", line, StringComparison.Ordinal);
            Assert.Contains("scripts/install-deps.sh", line, StringComparison.Ordinal);
            Assert.DoesNotContain(host.Errors.Concat(host.Lines), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
