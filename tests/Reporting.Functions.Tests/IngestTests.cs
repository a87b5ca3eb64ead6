using System.Text;
using System.Text.Json;
using Reporting.Core.Validation;
using Reporting.Functions.Storage;
using Reporting.TestSupport;

namespace Reporting.Functions.Tests;

/// <summary>IngestExport through the worker's DI container, on Azurite: uploads in, validation reports, archive, runs,
/// reports and tables out. Every upload is kept; nothing is done twice; no cell value reaches a log.</summary>
[Collection(AppCollection.Name)]
public sealed class IngestTests(AppFixture fixture)
{
    private const string SampleTrialId = "peer-support-synthetic";

    private static string NewTrial(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..10];

    private static IReadOnlyList<(string Name, byte[] Content)> SampleFiles() =>
    [
        .. Directory.GetFiles(RepoPaths.Sample).Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))),
    ];

    [Fact]
    public async Task IngestExport_SingleFile_WritesValidationReportArchiveAndReceipt()
    {
        var trial = NewTrial();

        var etag = await fixture.UploadAsync(trial, "sites.csv", SampleTrial.Bytes(SampleTrial.Sites));

        var report = await fixture.Store.GetValidationReportAsync(trial, "sites.csv", CancellationToken.None);
        Assert.NotNull(report);
        Assert.Equal(UploadStatus.Accepted, report.Status);
        Assert.Equal(0, report.Errors);
        Assert.Null(report.RunId);
        Assert.NotNull(report.NotRunReason);
        // The export as a whole still lacks trial.json and participants.csv: the report says so (bundle-level issues).
        Assert.Contains(report.ExportIssues, i => i.Code == IssueCodes.DatasetMissing && i.File == "participants.csv");
        Assert.Single(await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/"), a => a.EndsWith("/sites.csv", StringComparison.Ordinal));
        Assert.True(await fixture.Store.HasReceiptAsync($"{trial}/sites.csv", etag.Trim('"'), CancellationToken.None));
    }

    [Fact]
    public async Task IngestExport_SameEventTwice_SecondDoesNothing()
    {
        var trial = NewTrial();
        var content = SampleTrial.Bytes(SampleTrial.Sites);
        var etag = await fixture.PutExportAsync(trial, "sites.csv", content);
        var message = fixture.EventFor(trial, "sites.csv", etag, content.Length);

        await fixture.DeliverAsync(message);
        var reportAfterFirst = await fixture.Store.GetValidationReportAsync(trial, "sites.csv", CancellationToken.None);
        await fixture.DeliverAsync(message);

        Assert.Single(await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/"));
        Assert.Equal(JsonSerializer.Serialize(reportAfterFirst, TrialStore.Json),
            JsonSerializer.Serialize(await fixture.Store.GetValidationReportAsync(trial, "sites.csv", CancellationToken.None), TrialStore.Json));
        Assert.Contains(fixture.Logs.Lines, l => l.Contains($"Duplicate delivery of exports/{trial}/sites.csv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestExport_EventForOverwrittenBlob_IsSupersededNotFailed()
    {
        var trial = NewTrial();
        var old = await fixture.PutExportAsync(trial, "sites.csv", "old"u8.ToArray());
        await fixture.PutExportAsync(trial, "sites.csv", "new"u8.ToArray());

        await fixture.DeliverAsync(fixture.EventFor(trial, "sites.csv", old, 3));

        Assert.Empty(await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/"));
        Assert.True(await fixture.Store.HasReceiptAsync($"{trial}/sites.csv", old.Trim('"'), CancellationToken.None));
    }

    [Fact]
    public async Task IngestExport_UnknownFileName_IsArchivedAndReportedAsError()
    {
        var trial = NewTrial();

        await fixture.UploadAsync(trial, "notes.txt", "hello"u8.ToArray());

        var report = await fixture.Store.GetValidationReportAsync(trial, "notes.txt", CancellationToken.None);
        Assert.Equal(UploadStatus.Rejected, report!.Status);
        Assert.Contains(report.Issues, i => i.Code == IssueCodes.UnknownFile && i.Severity == Severity.Error);
        Assert.Single(await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/"));
    }

    [Fact]
    public async Task IngestExport_GarbageMessage_Throws()
    {
        // Throwing fails the invocation: the host retries it and then moves it to the poison queue (LocalHostTests).
        await Assert.ThrowsAsync<FormatException>(() => fixture.DeliverAsync("{\"not\":\"an event\"}"));
    }

    [Fact]
    public async Task Sample_FileByFileShuffledAndConcurrent_ProducesOneRunWithReportsAndRows()
    {
        var trial = SampleTrialId;
        var files = SampleFiles().OrderBy(_ => Random.Shared.Next()).ToList();

        await Task.WhenAll(files.Select(f => fixture.UploadAsync(trial, f.Name, f.Content)));

        foreach (var (name, _) in files)
        {
            var report = await fixture.Store.GetValidationReportAsync(trial, name, CancellationToken.None);
            Assert.True(report!.Status == UploadStatus.Accepted, $"{name}: " + string.Join('\n', report.Issues.Take(5).Select(i => i.ToString())));
        }

        var latest = await fixture.LatestAsync(trial);
        var run = await fixture.Store.ReadRunAsync(trial, latest.RunId, CancellationToken.None);
        Assert.NotNull(run);
        Assert.Equal(files.Count, run.Provenance.Files.Count);
        Assert.Equal(7, run.Sites.Count);
        var outputs = await fixture.ListAsync(StorageNames.ReportsContainer, $"{trial}/{latest.RunId}/");
        Assert.Contains($"{trial}/{latest.RunId}/trial.pdf", outputs);
        Assert.All(run.Sites, s => Assert.Contains($"{trial}/{latest.RunId}/sites/{s.SiteId}.pdf", outputs));
        var runs = new List<RunRecord>();
        await foreach (var r in fixture.Store.ListRunsAsync(trial, CancellationToken.None))
        {
            runs.Add(r);
        }

        Assert.Contains(runs, r => r.RunId == latest.RunId && r.SiteCount == 7);
        var metrics = fixture.Tables.GetTableClient(StorageNames.SiteMetricsTable)
            .Query<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == trial).Where(e => e.GetString("RunId") == latest.RunId).ToList();
        Assert.Equal(run.Sites.Select(s => s.SiteId).Order(StringComparer.Ordinal), metrics.Select(m => m.GetString("SiteId")).Order(StringComparer.Ordinal));
        Assert.All(metrics, m => Assert.True(m.GetInt32("Offered") > 0));

        // The same bytes again: a new upload (archived), the same accepted inputs, so no second run.
        var runsBefore = await RunJsonCountAsync(trial);
        var archivedBefore = (await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/")).Count;
        var contacts = files.Single(f => f.Name == "contacts.csv");
        await Task.Delay(1100); // a later upload second, so the archive folder (upload time + hash) is a new one
        await fixture.UploadAsync(trial, contacts.Name, contacts.Content);
        Assert.Equal(runsBefore, await RunJsonCountAsync(trial));
        Assert.Equal(latest.RunId, (await fixture.LatestAsync(trial)).RunId);
        Assert.Equal(archivedBefore + 1, (await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/")).Count);

        // An upload with errors: archived and reported, the previous version stays in use and the latest run stays.
        var participants = files.Single(f => f.Name == "participants.csv");
        var broken = participants.Content.Concat(Encoding.UTF8.GetBytes("BAD-1,NO-SUCH-SITE,peer_support,2019-01-01,,,\n")).ToArray();
        await fixture.UploadAsync(trial, "participants.csv", broken);
        var bad = await fixture.Store.GetValidationReportAsync(trial, "participants.csv", CancellationToken.None);
        Assert.Equal(UploadStatus.Rejected, bad!.Status);
        Assert.True(bad.Errors > 0);
        Assert.NotNull(bad.InUse);
        Assert.DoesNotContain(bad.Issues, i => i.Message.Contains("NO-SUCH-SITE", StringComparison.Ordinal));
        Assert.True((await fixture.Blobs.GetBlobContainerClient(StorageNames.ArchiveContainer).GetBlobClient(bad.ArchivePath).ExistsAsync()).Value);
        Assert.Equal(latest.RunId, (await fixture.LatestAsync(trial)).RunId);
        Assert.Equal(runsBefore, await RunJsonCountAsync(trial));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("NO-SUCH-SITE", StringComparison.Ordinal) || l.Contains("BAD-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Zip_HoldingTheTrial_ProducesARunWithEverySitePdf()
    {
        var trial = NewTrial("z");

        await fixture.UploadAsync(trial, "export.zip", SampleTrial.Zip(SampleTrial.Files(trial)));

        var latest = await fixture.LatestAsync(trial);
        var outputs = await fixture.ListAsync(StorageNames.ReportsContainer, $"{trial}/{latest.RunId}/");
        Assert.Equal(["run.json", "sites/S1.pdf", "sites/S2.pdf", "sites/S3.pdf", "trial.pdf"],
            outputs.Select(o => o[$"{trial}/{latest.RunId}/".Length..]).Order(StringComparer.Ordinal));
        Assert.Equal(UploadStatus.Accepted, (await fixture.Store.GetValidationReportAsync(trial, "export.zip", CancellationToken.None))!.Status);
        Assert.NotNull(await fixture.Store.GetValidationReportAsync(trial, "contacts.csv", CancellationToken.None));
        Assert.Equal(7, (await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/")).Count); // the zip and its six files
    }

    [Fact]
    public async Task Zip_FileByFileThenSameFilesAsZip_GivesTheSameRun()
    {
        var trial = NewTrial("s");
        foreach (var (name, content) in SampleTrial.Files(trial).Reverse())
        {
            await fixture.UploadAsync(trial, name, content);
        }

        var first = await fixture.LatestAsync(trial);

        await fixture.UploadAsync(trial, "again.zip", SampleTrial.Zip(SampleTrial.Files(trial)));

        Assert.Equal(first.RunId, (await fixture.LatestAsync(trial)).RunId);
    }

    [Theory]
    [InlineData("../../etc/sites.csv", "zip.path-traversal")] // traversal entry name
    [InlineData("/sites.csv", "zip.absolute-path")] // absolute entry name
    [InlineData("export/sites.csv", "zip.nested-entry")] // a folder inside the zip: the contract wants the files at its root
    [InlineData("notes.txt", "zip.unknown-entry")] // a file the contract does not know
    public async Task Zip_DangerousEntryName_GivesValidationReportNotCrash(string entryName, string code)
    {
        var trial = NewTrial("x");
        var zip = SampleTrial.Zip([("trial.json", SampleTrial.Bytes(SampleTrial.Trial(trial))), (entryName, SampleTrial.Bytes(SampleTrial.Sites))]);

        await fixture.UploadAsync(trial, "export.zip", zip);

        var report = await fixture.Store.GetValidationReportAsync(trial, "export.zip", CancellationToken.None);
        Assert.Equal(UploadStatus.Rejected, report!.Status);
        Assert.Contains(report.Issues, i => i.Code == code);
        Assert.Single(await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/"));
        Assert.Null(await fixture.Store.GetLatestAsync(trial, CancellationToken.None));
    }

    [Fact]
    public async Task Zip_Bomb_GivesValidationReportNotCrash()
    {
        var trial = NewTrial("b");
        var zip = SampleTrial.Zip([("contacts.csv", new byte[50_000_000])]);

        await fixture.UploadAsync(trial, "export.zip", zip);

        var report = await fixture.Store.GetValidationReportAsync(trial, "export.zip", CancellationToken.None);
        Assert.Equal(UploadStatus.Rejected, report!.Status);
        Assert.Contains(report.Issues, i => i.Code == "zip.compression-ratio");
        Assert.Single(await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/"));
    }

    [Fact]
    public async Task Upload_TrialJsonNamingAnotherTrial_IsRejected()
    {
        var trial = NewTrial("m");

        await fixture.UploadAsync(trial, "trial.json", SampleTrial.Bytes(SampleTrial.Trial("someone-else")));

        var report = await fixture.Store.GetValidationReportAsync(trial, "trial.json", CancellationToken.None);
        Assert.Equal(UploadStatus.Rejected, report!.Status);
        Assert.Contains(report.Issues, i => i.Code == IssueCodes.TrialIdMismatch);
    }

    [Fact]
    public async Task ValidationReport_Json_UsesTheRunJsonConventions()
    {
        var trial = NewTrial("j");
        await fixture.UploadAsync(trial, "sites.csv", SampleTrial.Bytes(SampleTrial.Sites + "\nS4,West,nowhere,nhs"));

        var blob = await fixture.Blobs.GetBlobContainerClient(StorageNames.ValidationContainer).GetBlobClient($"{trial}/sites.csv.json").DownloadContentAsync();
        using var doc = JsonDocument.Parse(blob.Value.Content.ToString());

        // camelCase names and enums as camelCase strings, as in run.json (docs/run-json.md).
        Assert.Equal("rejected", doc.RootElement.GetProperty("status").GetString());
        var issue = doc.RootElement.GetProperty("issues")[0];
        Assert.Equal(("error", "invalid-enum", 5, "locality"),
            (issue.GetProperty("severity").GetString(), issue.GetProperty("code").GetString(), issue.GetProperty("line").GetInt32(), issue.GetProperty("column").GetString()));
        Assert.DoesNotContain("nowhere", blob.Value.Content.ToString(), StringComparison.Ordinal);
    }

    private async Task<int> RunJsonCountAsync(string trialId) =>
        (await fixture.ListAsync(StorageNames.ReportsContainer, trialId + "/")).Count(n => n.EndsWith("/run.json", StringComparison.Ordinal));
}
