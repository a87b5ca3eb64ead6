using System.Text;
using Azure;
using Reporting.Storage;
using Reporting.Tests.Azurite;

namespace Reporting.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobServiceTests(AzuriteFixture azurite)
{
    private readonly BlobService _blobs = azurite.Client.Blobs;

    private async Task<string> NewContainerAsync()
    {
        var name = AzuriteFixture.UniqueName("c");
        Assert.True(await _blobs.CreateContainerIfNotExistsAsync(name, CancellationToken.None));
        return name;
    }

    [Fact]
    public async Task CreateContainer_Twice_SecondReportsExisting()
    {
        var name = await NewContainerAsync();

        Assert.False(await _blobs.CreateContainerIfNotExistsAsync(name, CancellationToken.None));
    }

    [Fact]
    public async Task Put_ThenGet_RoundTripsBytesAndProperties()
    {
        var container = await NewContainerAsync();
        var bytes = Encoding.UTF8.GetBytes("site_id,site_name\ns1,North\n");

        var put = await _blobs.PutAsync(container, "trial-a/sites.csv", BinaryData.FromBytes(bytes), BlobWriteCondition.None, "text/csv", CancellationToken.None);
        await using var download = await _blobs.GetAsync(container, "trial-a/sites.csv", CancellationToken.None);

        Assert.True(put.Written);
        Assert.NotNull(download);
        Assert.Equal(put.ETag, download.Info.ETag);
        Assert.Equal(bytes.Length, download.Info.ContentLength);
        Assert.Equal("text/csv", download.Info.ContentType);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task Put_NonSeekableStream_UploadsWholeContent()
    {
        var container = await NewContainerAsync();
        var bytes = new byte[300_000];
        new Random(7).NextBytes(bytes);

        var put = await _blobs.PutAsync(container, "big.bin", new NonSeekableStream(bytes), BlobWriteCondition.None, null, CancellationToken.None);
        var back = await _blobs.ReadAllAsync(container, "big.bin", CancellationToken.None);

        Assert.True(put.Written);
        Assert.Equal(bytes, back!.ToArray());
    }

    [Fact]
    public async Task Put_NameWithSpacesAndUnicode_RoundTrips()
    {
        var container = await NewContainerAsync();

        await _blobs.PutAsync(container, "trial a/ré sults+1.json", BinaryData.FromString("{}"), BlobWriteCondition.None, null, CancellationToken.None);
        var names = await _blobs.ListAsync(container, "trial a/", null, CancellationToken.None).Select(b => b.Name).ToListAsync();

        Assert.Equal(["trial a/ré sults+1.json"], names);
        Assert.NotNull(await _blobs.GetPropertiesAsync(container, "trial a/ré sults+1.json", CancellationToken.None));
    }

    [Fact]
    public async Task PutCreateOnly_WhenBlobExists_ReturnsAlreadyExistsAndKeepsContent()
    {
        var container = await NewContainerAsync();
        await _blobs.PutAsync(container, "run.json", BinaryData.FromString("first"), BlobWriteCondition.CreateOnly, null, CancellationToken.None);

        var second = await _blobs.PutAsync(container, "run.json", BinaryData.FromString("second"), BlobWriteCondition.CreateOnly, null, CancellationToken.None);

        Assert.Equal(WriteOutcome.AlreadyExists, second.Outcome);
        Assert.Equal("first", (await _blobs.ReadAllAsync(container, "run.json", CancellationToken.None))!.ToString());
    }

    [Fact]
    public async Task PutIfMatch_StaleETag_ReturnsConditionFailed()
    {
        var container = await NewContainerAsync();
        var first = await _blobs.PutAsync(container, "latest.json", BinaryData.FromString("v1"), BlobWriteCondition.None, null, CancellationToken.None);
        var second = await _blobs.PutAsync(container, "latest.json", BinaryData.FromString("v2"), BlobWriteCondition.IfMatch(first.ETag!.Value), null, CancellationToken.None);

        var stale = await _blobs.PutAsync(container, "latest.json", BinaryData.FromString("v3"), BlobWriteCondition.IfMatch(first.ETag!.Value), null, CancellationToken.None);

        Assert.True(second.Written);
        Assert.Equal(WriteOutcome.ConditionFailed, stale.Outcome);
        Assert.Equal("v2", (await _blobs.ReadAllAsync(container, "latest.json", CancellationToken.None))!.ToString());
    }

    [Fact]
    public async Task Get_IfMatchAfterOverwrite_ReturnsNull()
    {
        var container = await NewContainerAsync();
        var first = await _blobs.PutAsync(container, "x.csv", BinaryData.FromString("a"), BlobWriteCondition.None, null, CancellationToken.None);
        await _blobs.PutAsync(container, "x.csv", BinaryData.FromString("b"), BlobWriteCondition.None, null, CancellationToken.None);

        var download = await _blobs.GetAsync(container, "x.csv", first.ETag, CancellationToken.None);

        Assert.Null(download);
    }

    [Fact]
    public async Task Get_MissingBlob_ReturnsNull()
    {
        var container = await NewContainerAsync();

        Assert.Null(await _blobs.GetAsync(container, "nope", CancellationToken.None));
        Assert.Null(await _blobs.GetPropertiesAsync(container, "nope", CancellationToken.None));
        Assert.Null(await _blobs.ReadAllAsync(container, "nope", CancellationToken.None));
    }

    [Fact]
    public async Task ListPage_SmallPageSize_FollowsNextMarkerAcrossPages()
    {
        var container = await NewContainerAsync();
        var expected = Enumerable.Range(0, 7).Select(i => $"t1/file{i}.csv").ToList();
        foreach (var name in expected)
        {
            await _blobs.PutAsync(container, name, BinaryData.FromString(name), BlobWriteCondition.None, null, CancellationToken.None);
        }

        await _blobs.PutAsync(container, "t2/other.csv", BinaryData.FromString("x"), BlobWriteCondition.None, null, CancellationToken.None);

        var first = await _blobs.ListPageAsync(container, "t1/", null, 3, CancellationToken.None);
        var all = await _blobs.ListAsync(container, "t1/", 3, CancellationToken.None).Select(b => b.Name).ToListAsync();

        Assert.Equal(3, first.Items.Count);
        Assert.NotNull(first.NextMarker);
        Assert.Equal(expected, all);
    }

    [Fact]
    public async Task Head_ExistingBlob_ReturnsLengthAndETag()
    {
        var container = await NewContainerAsync();
        var put = await _blobs.PutAsync(container, "a.pdf", BinaryData.FromBytes(new byte[1234]), BlobWriteCondition.None, "application/pdf", CancellationToken.None);

        var info = await _blobs.GetPropertiesAsync(container, "a.pdf", CancellationToken.None);

        Assert.Equal(1234, info!.ContentLength);
        Assert.Equal(put.ETag, info.ETag);
        Assert.NotNull(info.LastModified);
    }

    [Fact]
    public async Task AnyRequest_WrongAccountKey_FailsWith403()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var connection = StorageConnection.Parse(azurite.ConnectionString.Replace(StorageConnection.DevelopmentAccountKey, wrongKey, StringComparison.Ordinal));
        var client = new StorageClient(connection, new StorageClientOptions { Retry = { MaxRetries = 0 } });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.Blobs.CreateContainerIfNotExistsAsync("wrongkey", CancellationToken.None));

        Assert.Equal(403, error.Status);
        Assert.DoesNotContain(wrongKey, error.Message, StringComparison.Ordinal);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
