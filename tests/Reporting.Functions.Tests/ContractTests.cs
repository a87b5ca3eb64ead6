using System.Globalization;
using Reporting.Functions.IngestExport;
using Reporting.Functions.Links;
using Reporting.Functions.PublishFunderReports;
using Reporting.LocalHost.Triggers;

namespace Reporting.Functions.Tests;

/// <summary>The pure parts the functions rely on: the Event Grid message, the funder period, the signed links.</summary>
public sealed class ContractTests
{
    [Fact]
    public void BlobCreatedEventParse_EventGridEvent_ReadsContainerBlobAndETag()
    {
        var json = BlobCreatedEvents.EventGridJson("acct", new Uri("http://127.0.0.1/acct/exports/t1/sites.csv"), "exports", "t1/sites.csv", "\"0x8D1\"", 10,
            null, DateTimeOffset.UnixEpoch);

        var parsed = BlobCreatedEvent.Parse(json);

        Assert.Equal(new BlobCreatedEvent("exports", "t1/sites.csv", "0x8D1", new Uri("http://127.0.0.1/acct/exports/t1/sites.csv")), parsed);
    }

    [Fact]
    public void BlobCreatedEventParse_CloudEvent_ReadsTheSameFields()
    {
        var json = """
            {"specversion":"1.0","type":"Microsoft.Storage.BlobCreated","source":"/subscriptions/x/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a",
             "id":"1","time":"2026-11-01T06:00:00Z","subject":"/blobServices/default/containers/exports/blobs/t1/contacts.csv",
             "data":{"api":"PutBlob","eTag":"0x8D2","contentType":"text/csv","contentLength":5,"blobType":"BlockBlob","url":"https://a.blob.core.windows.net/exports/t1/contacts.csv","sequencer":"1"}}
            """;

        var parsed = BlobCreatedEvent.Parse(json);

        Assert.Equal(("exports", "t1/contacts.csv", "0x8D2"), (parsed.Container, parsed.BlobName, parsed.ETag));
    }

    [Theory]
    [InlineData("not json at all")] // garbage text
    [InlineData("[]")] // no event
    [InlineData("{\"id\":\"1\",\"eventType\":\"Microsoft.Storage.BlobDeleted\",\"subject\":\"/blobServices/default/containers/exports/blobs/t/a.csv\",\"data\":{\"eTag\":\"1\"},\"dataVersion\":\"\",\"eventTime\":\"2026-01-01T00:00:00Z\"}")] // another event type
    [InlineData("{\"id\":\"1\",\"eventType\":\"Microsoft.Storage.BlobCreated\",\"subject\":\"/other\",\"data\":{\"eTag\":\"1\"},\"dataVersion\":\"\",\"eventTime\":\"2026-01-01T00:00:00Z\"}")] // not a blob subject
    [InlineData("{\"id\":\"1\",\"eventType\":\"Microsoft.Storage.BlobCreated\",\"subject\":\"/blobServices/default/containers/exports/blobs/t/a.csv\",\"data\":{},\"dataVersion\":\"\",\"eventTime\":\"2026-01-01T00:00:00Z\"}")] // no eTag to key the receipt on
    public void BlobCreatedEventParse_NotOneBlobCreatedEvent_ThrowsFormatException(string text)
    {
        // The function throws, so the host retries and then poisons the message.
        Assert.Throws<FormatException>(() => BlobCreatedEvent.Parse(text));
    }

    [Fact]
    public void BlobCreatedEventParse_TwoEventsInOneMessage_ThrowsFormatException()
    {
        var one = BlobCreatedEvents.EventGridJson("a", new Uri("http://h/a/exports/t/x.csv"), "exports", "t/x.csv", "1", 1, null, DateTimeOffset.UnixEpoch);

        Assert.Throws<FormatException>(() => BlobCreatedEvent.Parse($"[{one},{one}]"));
    }

    [Theory]
    [InlineData("2026-11-01T06:00:00Z", "2026-10")] // the default schedule: first of the month covers the month before
    [InlineData("2026-01-01T06:00:00Z", "2025-12")] // across a year boundary
    [InlineData("2026-03-31T23:59:59Z", "2026-02")] // the last second of a month still belongs to it
    public void FunderPeriodFor_ScheduledTime_IsPreviousCalendarMonth(string scheduled, string expected)
    {
        Assert.Equal(expected, FunderPeriod.For(DateTimeOffset.Parse(scheduled, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void FunderPeriodScheduledTime_LateRunOfMissedOccurrence_UsesScheduleStatusNext()
    {
        // The host runs November's missed occurrence on 1 December: ScheduleStatus.Next still names 1 November.
        var next = new DateTime(2026, 11, 1, 6, 0, 0, DateTimeKind.Utc);

        var scheduled = FunderPeriod.ScheduledTime(next, new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.Zero));

        Assert.Equal("2026-10", FunderPeriod.For(scheduled));
    }

    [Fact]
    public void FunderPeriodScheduledTime_NoStatusOrFutureStatus_UsesTheClock()
    {
        var now = new DateTimeOffset(2026, 12, 1, 6, 0, 3, TimeSpan.Zero);

        Assert.Equal(now, FunderPeriod.ScheduledTime(null, now));
        Assert.Equal(now, FunderPeriod.ScheduledTime(new DateTime(2027, 1, 1, 6, 0, 0, DateTimeKind.Utc), now));
    }

    [Fact]
    public void DownloadLinksCheckSite_Cases_MapToValidUnauthorisedOtherSite()
    {
        var links = new DownloadLinks(AppFixture.SigningKey, TimeProvider.System);
        var expires = DateTimeOffset.UtcNow.AddDays(1);
        var query = System.Web.HttpUtility.ParseQueryString(links.SignSite("t1", "S1", expires));
        string? Q(string name) => query[name];

        Assert.Equal(LinkCheck.Valid, links.CheckSite("t1", "S1", Q("site"), Q("expires"), Q("sig")));
        Assert.Equal(LinkCheck.OtherSite, links.CheckSite("t1", "S2", Q("site"), Q("expires"), Q("sig")));
        Assert.Equal(LinkCheck.Unauthorised, links.CheckSite("t2", "S1", Q("site"), Q("expires"), Q("sig")));
        Assert.Equal(LinkCheck.Unauthorised, links.CheckSite("t1", "S2", "S2", Q("expires"), Q("sig")));
        Assert.Equal(LinkCheck.Unauthorised, links.CheckSite("t1", "S1", Q("site"), (expires.ToUnixTimeSeconds() + 1).ToString(CultureInfo.InvariantCulture), Q("sig")));
        Assert.Equal(LinkCheck.Unauthorised, links.CheckSite("t1", "S1", Q("site"), Q("expires"), null));
    }

    [Fact]
    public void DownloadLinksCheckSite_Expired_IsUnauthorised()
    {
        var links = new DownloadLinks(AppFixture.SigningKey, TimeProvider.System);
        var query = System.Web.HttpUtility.ParseQueryString(links.SignSite("t1", "S1", DateTimeOffset.UtcNow.AddDays(-1)));

        Assert.Equal(LinkCheck.Unauthorised, links.CheckSite("t1", "S1", query["site"], query["expires"], query["sig"]));
    }
}
