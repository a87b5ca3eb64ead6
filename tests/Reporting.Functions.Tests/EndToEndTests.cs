using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reporting.Functions.CreateDownloadLink;
using Reporting.Functions.IngestExport;
using Reporting.Tests.Azurite;

namespace Reporting.Functions.Tests;

/// <summary>The ingest flow end to end on Azurite: uploads in, validation reports, archive, runs, reports, tables and links out.</summary>
[Collection(HandlerCollection.Name)]
public sealed class EndToEndTests(HandlerFixture fixture)
{
    private const string SampleTrialId = "peer-support-synthetic";

    private static IReadOnlyList<(string Name, byte[] Content)> SampleFiles()
    {
        var folder = Path.Combine(AzuriteFixture.RepoRoot(), "samples", SampleTrialId);
        return [.. Directory.GetFiles(folder).Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))];
    }

    [Fact]
    public async Task Sample_FileByFileShuffledAndConcurrent_ProducesRunReportsRowsAndWorkingLink()
    {
        var files = SampleFiles().OrderBy(_ => Random.Shared.Next()).ToList();

        var results = await Task.WhenAll(files.Select(f => fixture.UploadAsync(SampleTrialId, f.Name, f.Content)));

        Assert.All(results, r => Assert.True(r.Status == 200, string.Join('\n', r.Logs)));
        foreach (var (name, _) in files)
        {
            var report = await fixture.ReadJsonAsync<ValidationReport>(StorageNames.ValidationContainer, $"{SampleTrialId}/{name}.json");
            Assert.True(report!.Status == ValidationReport.Accepted, $"{name}: " + string.Join('\n', report.Issues.Take(5).Select(i => $"{i.Code} {i.Message}")));
        }

        var latest = await fixture.LatestAsync(SampleTrialId);
        using var run = JsonDocument.Parse((await fixture.Storage.Blobs.ReadAllAsync(StorageNames.ReportsContainer, latest.RunJson, CancellationToken.None))!.ToString());
        Assert.Equal(latest.RunId, run.RootElement.GetProperty("runId").GetString());
        Assert.Equal(files.Count, run.RootElement.GetProperty("provenance").GetProperty("files").GetArrayLength());
        var siteIds = run.RootElement.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("siteId").GetString()!).ToList();
        Assert.Equal(7, siteIds.Count);
        var outputs = await fixture.ListAsync(StorageNames.ReportsContainer, $"{SampleTrialId}/{latest.RunId}/");
        Assert.Contains($"{SampleTrialId}/{latest.RunId}/trial.pdf", outputs);
        Assert.All(siteIds, id => Assert.Contains($"{SampleTrialId}/{latest.RunId}/sites/{id}.pdf", outputs));

        Assert.NotNull(await fixture.Storage.Tables.GetAsync(StorageNames.RunsTable, SampleTrialId, latest.RunId, CancellationToken.None));
        var metrics = await fixture.Storage.Tables.QueryPartitionAsync(StorageNames.SiteMetricsTable, SampleTrialId, null, CancellationToken.None)
            .Where(e => e.GetString("RunId") == latest.RunId).ToListAsync();
        Assert.Equal(siteIds.Order(), metrics.Select(m => m.GetString("SiteId")!).Order());
        Assert.All(metrics, m => Assert.True(m.GetInt64("Offered") > 0));

        using var linkResponse = await fixture.Client.PostAsJsonAsync("/api/links", new { trialId = SampleTrialId, siteId = siteIds[0] });
        var link = await linkResponse.Content.ReadFromJsonAsync<LinkResponse>();
        using var pdf = await fixture.Client.GetAsync(new Uri(new Uri(link!.Url).PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var text = PdfText.Of(await pdf.Content.ReadAsByteArrayAsync());
        var siteName = run.RootElement.GetProperty("sites")[0].GetProperty("siteName").GetString()!;
        Assert.Contains("Site implementation report", text, StringComparison.Ordinal);
        Assert.Contains(siteName, text, StringComparison.Ordinal);
        foreach (var other in run.RootElement.GetProperty("sites").EnumerateArray().Skip(1))
        {
            Assert.DoesNotContain(other.GetProperty("siteName").GetString()!, text, StringComparison.Ordinal);
        }

        // The same bytes again: a new upload (archived), the same accepted inputs, so no second run.
        var runsBefore = await RunJsonCountAsync(SampleTrialId);
        var contacts = files.Single(f => f.Name == "contacts.csv");
        var again = await fixture.UploadAsync(SampleTrialId, contacts.Name, contacts.Content);
        Assert.Equal(200, again.Status);
        Assert.Contains(again.Logs, l => l.Contains($"run {latest.RunId} already exists", StringComparison.Ordinal));
        Assert.Equal(runsBefore, await RunJsonCountAsync(SampleTrialId));
        Assert.Equal(latest.RunId, (await fixture.LatestAsync(SampleTrialId)).RunId);

        // An upload with errors: archived and reported, the previous version stays in use and the latest run stays.
        var participants = files.Single(f => f.Name == "participants.csv");
        var broken = participants.Content.Concat(Encoding.UTF8.GetBytes("BAD-1,NO-SUCH-SITE,peer_support,2019-01-01,,,\n")).ToArray();
        var bad = await fixture.UploadAsync(SampleTrialId, "participants.csv", broken);
        Assert.Equal(200, bad.Status);
        var badReport = await fixture.ReadJsonAsync<ValidationReport>(StorageNames.ValidationContainer, $"{SampleTrialId}/participants.csv.json");
        Assert.Equal(ValidationReport.Rejected, badReport!.Status);
        Assert.True(badReport.Errors > 0);
        Assert.NotNull(badReport.InUse);
        Assert.DoesNotContain(badReport.Issues, i => i.Message.Contains("NO-SUCH-SITE", StringComparison.Ordinal));
        Assert.NotNull(await fixture.Storage.Blobs.GetPropertiesAsync(StorageNames.ArchiveContainer, badReport.ArchivePath, CancellationToken.None));
        Assert.Equal(latest.RunId, (await fixture.LatestAsync(SampleTrialId)).RunId);
        Assert.Equal(runsBefore, await RunJsonCountAsync(SampleTrialId));
        Assert.All(bad.Logs, l => Assert.DoesNotContain("NO-SUCH-SITE", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Zip_HoldingTheTrial_ProducesARunWithEverySitePdf()
    {
        var trial = "z" + Guid.NewGuid().ToString("N")[..10];

        var result = await fixture.UploadAsync(trial, "export.zip", SampleTrial.Zip(SampleTrial.Files(trial)));

        Assert.True(result.Status == 200, string.Join('\n', result.Logs));
        var latest = await fixture.LatestAsync(trial);
        var outputs = await fixture.ListAsync(StorageNames.ReportsContainer, $"{trial}/{latest.RunId}/");
        Assert.Equal(["run.json", "sites/S1.pdf", "sites/S2.pdf", "sites/S3.pdf", "trial.pdf"],
            outputs.Select(o => o[($"{trial}/{latest.RunId}/".Length)..]).Order(StringComparer.Ordinal));
        var zipReport = await fixture.ReadJsonAsync<ValidationReport>(StorageNames.ValidationContainer, $"{trial}/export.zip.json");
        Assert.Equal(ValidationReport.Accepted, zipReport!.Status);
        Assert.NotNull(await fixture.ReadJsonAsync<ValidationReport>(StorageNames.ValidationContainer, $"{trial}/contacts.csv.json"));
        var archived = await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/");
        Assert.Equal(7, archived.Count); // the zip and its six files
    }

    [Fact]
    public async Task Zip_FileByFileThenSameFilesAsZip_GivesTheSameRun()
    {
        var trial = "s" + Guid.NewGuid().ToString("N")[..10];
        foreach (var (name, content) in SampleTrial.Files(trial).Reverse())
        {
            Assert.Equal(200, (await fixture.UploadAsync(trial, name, content)).Status);
        }

        var first = await fixture.LatestAsync(trial);

        var zipped = await fixture.UploadAsync(trial, "again.zip", SampleTrial.Zip(SampleTrial.Files(trial)));

        Assert.Equal(200, zipped.Status);
        Assert.Equal(first.RunId, (await fixture.LatestAsync(trial)).RunId);
    }

    [Theory]
    [InlineData("../../etc/sites.csv", "zip.path-traversal")] // traversal entry name
    [InlineData("/sites.csv", "zip.absolute-path")] // absolute entry name
    public async Task Zip_DangerousEntryName_GivesValidationReportNotCrash(string entryName, string code)
    {
        var trial = "x" + Guid.NewGuid().ToString("N")[..10];
        var zip = SampleTrial.Zip([("trial.json", SampleTrial.Bytes(SampleTrial.Trial(trial))), (entryName, SampleTrial.Bytes(SampleTrial.Sites))]);

        var result = await fixture.UploadAsync(trial, "export.zip", zip);

        Assert.Equal(200, result.Status);
        var report = await fixture.ReadJsonAsync<ValidationReport>(StorageNames.ValidationContainer, $"{trial}/export.zip.json");
        Assert.Equal(ValidationReport.Rejected, report!.Status);
        Assert.Contains(report.Issues, i => i.Code == code);
        Assert.Single(await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/"));
        Assert.Null(await fixture.Storage.Blobs.GetPropertiesAsync(StorageNames.ReportsContainer, ExportIngestor.LatestPath(trial), CancellationToken.None));
    }

    [Fact]
    public async Task Zip_Bomb_GivesValidationReportNotCrash()
    {
        var trial = "b" + Guid.NewGuid().ToString("N")[..10];
        var zip = SampleTrial.Zip([("contacts.csv", new byte[50_000_000])]);

        var result = await fixture.UploadAsync(trial, "export.zip", zip);

        Assert.Equal(200, result.Status);
        var report = await fixture.ReadJsonAsync<ValidationReport>(StorageNames.ValidationContainer, $"{trial}/export.zip.json");
        Assert.Equal(ValidationReport.Rejected, report!.Status);
        Assert.Contains(report.Issues, i => i.Code == "zip.compression-ratio");
        Assert.Single(await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/"));
    }

    [Fact]
    public async Task Upload_TrialJsonNamingAnotherTrial_IsRejected()
    {
        var trial = "m" + Guid.NewGuid().ToString("N")[..10];

        var result = await fixture.UploadAsync(trial, "trial.json", SampleTrial.Bytes(SampleTrial.Trial("someone-else")));

        Assert.Equal(200, result.Status);
        var report = await fixture.ReadJsonAsync<ValidationReport>(StorageNames.ValidationContainer, $"{trial}/trial.json.json");
        Assert.Equal(ValidationReport.Rejected, report!.Status);
    }

    private async Task<int> RunJsonCountAsync(string trialId) =>
        (await fixture.ListAsync(StorageNames.ReportsContainer, trialId + "/")).Count(n => n.EndsWith("/run.json", StringComparison.Ordinal));
}
