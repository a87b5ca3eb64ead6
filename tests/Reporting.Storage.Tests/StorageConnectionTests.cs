using Reporting.Storage;

namespace Reporting.Storage.Tests;

public sealed class StorageConnectionTests
{
    [Fact]
    public void Parse_DevelopmentStorage_UsesAzuriteDefaultPorts()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1/"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1/"), connection.TableEndpoint);
        Assert.True(connection.UsesSharedKey);
    }

    [Fact]
    public void Parse_AccountWithoutEndpoints_DerivesPublicEndpoints()
    {
        var connection = StorageConnection.Parse("DefaultEndpointsProtocol=https;AccountName=trialdata;AccountKey=AAAA;EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://trialdata.blob.core.windows.net/"), connection.BlobEndpoint);
        Assert.Equal(new Uri("https://trialdata.table.core.windows.net/"), connection.TableEndpoint);
    }

    [Theory]
    [InlineData("AccountName=a")] // no key: a connection string must carry one
    [InlineData("AccountKey=AAAA")] // no account name
    [InlineData("AccountName=a;AccountKey=not base64!")] // a key that is not base64
    [InlineData("garbage")] // not name=value at all
    public void Parse_Invalid_ThrowsFormatExceptionWithoutKey(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnection.Parse(connectionString));

        Assert.DoesNotContain("not base64!", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettings_IdentityBasedSettings_UsesTokenCredential()
    {
        var settings = new Dictionary<string, string>
        {
            ["TrialData:blobServiceUri"] = "https://acct.blob.core.windows.net",
            ["TrialData:queueServiceUri"] = "https://acct.queue.core.windows.net",
            ["TrialData:tableServiceUri"] = "https://acct.table.core.windows.net",
            ["TrialData:credential"] = "managedidentity",
            ["TrialData:clientId"] = "00000000-0000-0000-0000-000000000001",
        };

        var connection = StorageConnection.FromSettings("TrialData", settings.GetValueOrDefault);

        Assert.False(connection.UsesSharedKey);
        Assert.Equal("acct", connection.AccountName);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net/"), connection.QueueEndpoint);
    }

    [Fact]
    public void FromSettings_EnvironmentSpelling_IsRead()
    {
        var settings = new Dictionary<string, string>
        {
            ["TrialData__blobServiceUri"] = "https://acct.blob.core.windows.net/",
            ["TrialData__queueServiceUri"] = "https://acct.queue.core.windows.net/",
            ["TrialData__tableServiceUri"] = "https://acct.table.core.windows.net/",
        };

        var connection = StorageConnection.FromSettings("TrialData", settings.GetValueOrDefault);

        Assert.Equal(new Uri("https://acct.table.core.windows.net/"), connection.TableEndpoint);
    }

    [Fact]
    public void FromSettings_Nothing_ThrowsNamingTheSettings()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromSettings("TrialData", _ => null));

        Assert.Contains("TrialData__blobServiceUri", error.Message, StringComparison.Ordinal);
    }
}
