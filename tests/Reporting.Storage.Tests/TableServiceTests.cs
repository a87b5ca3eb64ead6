using Azure;
using Reporting.Storage;
using Reporting.Tests.Azurite;

namespace Reporting.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableServiceTests(AzuriteFixture azurite)
{
    private readonly TableService _tables = azurite.Client.Tables;

    private async Task<string> NewTableAsync()
    {
        var name = AzuriteFixture.UniqueName("t");
        Assert.True(await _tables.CreateTableIfNotExistsAsync(name, CancellationToken.None));
        return name;
    }

    [Fact]
    public async Task CreateTable_Twice_SecondReportsExisting()
    {
        var name = await NewTableAsync();

        Assert.False(await _tables.CreateTableIfNotExistsAsync(name, CancellationToken.None));
    }

    [Fact]
    public async Task Insert_ThenGet_RoundTripsTypedProperties()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2026, 10, 1, 6, 0, 0, TimeSpan.Zero);
        var entity = new TableEntity("enrich", "run-1", new Dictionary<string, object?>
        {
            ["Text"] = "héllo 'quoted'",
            ["Count"] = 42,
            ["Big"] = 5_000_000_000L,
            ["Ratio"] = 2.0,
            ["Flag"] = true,
            ["When"] = when,
        });

        var outcome = await _tables.InsertAsync(table, entity, CancellationToken.None);
        var back = await _tables.GetAsync(table, "enrich", "run-1", CancellationToken.None);

        Assert.Equal(TableInsertOutcome.Inserted, outcome);
        Assert.NotNull(back);
        Assert.Equal("héllo 'quoted'", back.GetString("Text"));
        Assert.Equal(42, back.GetInt64("Count"));
        Assert.Equal(5_000_000_000L, back.GetInt64("Big"));
        Assert.Equal(2.0, back.GetDouble("Ratio"));
        Assert.True(back.GetBoolean("Flag"));
        Assert.Equal(when, back.GetDateTimeOffset("When"));
        Assert.NotNull(back.ETag);
    }

    [Fact]
    public async Task Insert_ExistingKeys_ReturnsAlreadyExistsAndKeepsFirst()
    {
        var table = await NewTableAsync();
        await _tables.InsertAsync(table, new TableEntity("p", "r", new Dictionary<string, object?> { ["V"] = "first" }), CancellationToken.None);

        var second = await _tables.InsertAsync(table, new TableEntity("p", "r", new Dictionary<string, object?> { ["V"] = "second" }), CancellationToken.None);

        Assert.Equal(TableInsertOutcome.AlreadyExists, second);
        Assert.Equal("first", (await _tables.GetAsync(table, "p", "r", CancellationToken.None))!.GetString("V"));
    }

    [Fact]
    public async Task Upsert_ExistingKeys_ReplacesProperties()
    {
        var table = await NewTableAsync();
        await _tables.UpsertAsync(table, new TableEntity("p", "r", new Dictionary<string, object?> { ["A"] = "1", ["B"] = "2" }), CancellationToken.None);

        await _tables.UpsertAsync(table, new TableEntity("p", "r", new Dictionary<string, object?> { ["A"] = "3" }), CancellationToken.None);
        var back = await _tables.GetAsync(table, "p", "r", CancellationToken.None);

        Assert.Equal("3", back!.GetString("A"));
        Assert.False(back.Properties.ContainsKey("B"));
    }

    [Fact]
    public async Task Get_KeyWithQuoteAndSpace_RoundTrips()
    {
        var table = await NewTableAsync();
        await _tables.InsertAsync(table, new TableEntity("exports-t1", "o'brien file.csv"), CancellationToken.None);

        var back = await _tables.GetAsync(table, "exports-t1", "o'brien file.csv", CancellationToken.None);
        var missing = await _tables.GetAsync(table, "exports-t1", "other", CancellationToken.None);

        Assert.Equal("o'brien file.csv", back!.RowKey);
        Assert.Null(missing);
    }

    [Fact]
    public async Task QueryPartition_SmallPages_FollowsContinuationAndStaysInPartition()
    {
        var table = await NewTableAsync();
        for (var i = 0; i < 7; i++)
        {
            await _tables.InsertAsync(table, new TableEntity("site-a", $"r{i:D2}"), CancellationToken.None);
        }

        await _tables.InsertAsync(table, new TableEntity("site-b", "r00"), CancellationToken.None);

        var first = await _tables.QueryPageAsync(table, TableService.PartitionFilter("site-a"), null, 3, CancellationToken.None);
        var rows = await _tables.QueryPartitionAsync(table, "site-a", 3, CancellationToken.None).Select(e => e.RowKey).ToListAsync();

        Assert.Equal(3, first.Items.Count);
        Assert.NotNull(first.Continuation);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"r{i:D2}"), rows);
    }

    [Fact]
    public async Task AnyRequest_WrongAccountKey_FailsWith403()
    {
        var connection = StorageConnection.Parse(azurite.ConnectionString.Replace(
            StorageConnection.DevelopmentAccountKey, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal));
        var client = new StorageClient(connection, new StorageClientOptions { Retry = { MaxRetries = 0 } });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.Tables.CreateTableIfNotExistsAsync("wrongkey", CancellationToken.None));

        Assert.Equal(403, error.Status);
    }
}
