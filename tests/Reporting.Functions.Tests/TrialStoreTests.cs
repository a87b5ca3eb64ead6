using Azure.Storage.Blobs;
using Reporting.Functions.Storage;

namespace Reporting.Functions.Tests;

/// <summary>The conditional writes every idempotent step relies on, against Azurite.</summary>
[Collection(AppCollection.Name)]
public sealed class TrialStoreTests(AppFixture fixture)
{
    private static string NewTrial() => "s" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task PutRunReport_SecondWriteOfThePath_IsRefusedAndKeepsTheFirstBytes()
    {
        var path = TrialStore.TrialReportPath(NewTrial(), "0123456789abcdef");

        Assert.True(await fixture.Store.PutRunReportAsync(path, [1, 2, 3], CancellationToken.None));
        Assert.False(await fixture.Store.PutRunReportAsync(path, [9, 9, 9], CancellationToken.None));

        var stored = await fixture.Blobs.GetBlobContainerClient(StorageNames.ReportsContainer).GetBlobClient(path).DownloadContentAsync();
        Assert.Equal([1, 2, 3], stored.Value.Content.ToArray());
    }

    [Fact]
    public async Task TrySaveAcceptedSet_StaleETag_IsRefusedSoTheCallerStartsAgain()
    {
        var trial = NewTrial();
        var (empty, none) = await fixture.Store.LoadAcceptedSetAsync(trial, CancellationToken.None);
        Assert.Null(none);
        Assert.True(await fixture.Store.TrySaveAcceptedSetAsync(empty with { Sequence = 1 }, null, CancellationToken.None));
        // Create-only a second time: someone else created it first.
        Assert.False(await fixture.Store.TrySaveAcceptedSetAsync(empty with { Sequence = 1 }, null, CancellationToken.None));

        var (current, etag) = await fixture.Store.LoadAcceptedSetAsync(trial, CancellationToken.None);
        Assert.True(await fixture.Store.TrySaveAcceptedSetAsync(current with { Sequence = 2 }, etag, CancellationToken.None));
        Assert.False(await fixture.Store.TrySaveAcceptedSetAsync(current with { Sequence = 3 }, etag, CancellationToken.None));

        Assert.Equal(2, (await fixture.Store.LoadAcceptedSetAsync(trial, CancellationToken.None)).Set.Sequence);
    }

    [Fact]
    public async Task AdvanceLatest_OlderSequence_NeverOverwritesANewerRun()
    {
        var trial = NewTrial();
        var newer = new LatestRun(trial, "bbbbbbbbbbbbbbbb", 5, new DateOnly(2019, 6, 30), "r", "t", ["S1"]);
        var older = newer with { RunId = "aaaaaaaaaaaaaaaa", Sequence = 4 };

        Assert.True(await fixture.Store.AdvanceLatestAsync(newer, CancellationToken.None));
        Assert.False(await fixture.Store.AdvanceLatestAsync(older, CancellationToken.None));
        Assert.False(await fixture.Store.AdvanceLatestAsync(newer, CancellationToken.None));

        Assert.Equal("bbbbbbbbbbbbbbbb", (await fixture.LatestAsync(trial)).RunId);
    }

    [Fact]
    public async Task DownloadUpload_ReplacedVersion_ReturnsNull()
    {
        var trial = NewTrial();
        var first = await fixture.PutExportAsync(trial, "sites.csv", "one"u8.ToArray());
        var second = await fixture.PutExportAsync(trial, "sites.csv", "two"u8.ToArray());
        var path = Path.GetTempFileName();
        try
        {
            Assert.Null(await fixture.Store.DownloadUploadAsync($"{trial}/sites.csv", first.Trim('"'), path, CancellationToken.None));
            var current = await fixture.Store.DownloadUploadAsync($"{trial}/sites.csv", second.Trim('"'), path, CancellationToken.None);
            Assert.NotNull(current);
            Assert.Equal(3, current.Bytes);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("two"u8)), current.Sha256);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AddReceipt_Twice_KeepsOneRow()
    {
        var trial = NewTrial();

        await fixture.Store.AddReceiptAsync($"{trial}/a.csv", "0x1", ReceiptOutcome.Processed, "p", "r", CancellationToken.None);
        await fixture.Store.AddReceiptAsync($"{trial}/a.csv", "0x1", ReceiptOutcome.Processed, "p", "r", CancellationToken.None);

        Assert.True(await fixture.Store.HasReceiptAsync($"{trial}/a.csv", "0x1", CancellationToken.None));
        Assert.False(await fixture.Store.HasReceiptAsync($"{trial}/a.csv", "0x2", CancellationToken.None));
    }
}
