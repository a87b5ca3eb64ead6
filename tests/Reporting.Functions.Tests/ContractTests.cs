using System.Text;
using System.Text.Json;
using Reporting.Functions.Hosting;
using Reporting.Functions.IngestExport;
using Reporting.Functions.Links;
using Reporting.Functions.PublishFunderReports;

namespace Reporting.Functions.Tests;

public sealed class ContractTests
{
    private static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void EnvelopeText_DoubleEncodedString_IsDecodedOnce()
    {
        // The host serialises a string binding value again: the text abc arrives as "\"abc\"".
        var value = Element(JsonSerializer.Serialize(JsonSerializer.Serialize("abc")));

        Assert.Equal("abc", Envelope.Text(value));
    }

    [Fact]
    public void EnvelopeText_PlainStringAndObject_AreKept()
    {
        Assert.Equal("plain", Envelope.Text(Element("\"plain\"")));
        Assert.Equal("{\"a\":1}", Envelope.Text(Element("{\"a\":1}")));
    }

    [Fact]
    public void InvocationRequest_SysMetadata_IsTyped()
    {
        var request = JsonSerializer.Deserialize<InvocationRequest>(
            """{"Data":{},"Metadata":{"sys":{"MethodName":"IngestExport","UtcNow":"2026-11-01T06:00:01Z","RandGuid":"x"}}}""", Envelope.Json)!;

        Assert.Equal("IngestExport", request.Sys!.MethodName);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 6, 0, 1, TimeSpan.Zero), request.Sys.UtcNow);
    }

    [Fact]
    public void BlobCreatedEventParse_EventGridEvent_ReadsContainerBlobAndETag()
    {
        var json = BlobCreatedEvent.ToEventGridJson("acct", new Uri("http://127.0.0.1/acct/exports/t1/sites.csv"), "exports", "t1/sites.csv", "\"0x8D1\"", 10, null, DateTimeOffset.UnixEpoch);

        var parsed = BlobCreatedEvent.Parse(json, out var error);

        Assert.Null(error);
        Assert.Equal(new BlobCreatedEvent("exports", "t1/sites.csv", "0x8D1", new Uri("http://127.0.0.1/acct/exports/t1/sites.csv")), parsed);
    }

    [Fact]
    public void BlobCreatedEventParse_Base64Message_IsDecoded()
    {
        var json = BlobCreatedEvent.ToEventGridJson("acct", new Uri("http://h/acct/exports/t1/a.csv"), "exports", "t1/a.csv", "0x1", 1, null, DateTimeOffset.UnixEpoch);

        var parsed = BlobCreatedEvent.Parse(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), out _);

        Assert.Equal("t1/a.csv", parsed!.BlobName);
    }

    [Theory]
    [InlineData("not json at all")] // garbage text
    [InlineData("{\"eventType\":\"Microsoft.Storage.BlobDeleted\",\"subject\":\"/blobServices/default/containers/exports/blobs/t/a.csv\",\"data\":{\"eTag\":\"1\"}}")] // another event type
    [InlineData("{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"subject\":\"/other\",\"data\":{\"eTag\":\"1\"}}")] // not a blob subject
    [InlineData("{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"subject\":\"/blobServices/default/containers/exports/blobs/t/a.csv\",\"data\":{}}")] // no eTag to key the receipt on
    public void BlobCreatedEventParse_NotABlobCreatedEvent_ReturnsReason(string text)
    {
        var parsed = BlobCreatedEvent.Parse(text, out var error);

        Assert.Null(parsed);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("2026-11-01T06:00:00Z", "2026-10")] // the default schedule: first of the month covers the month before
    [InlineData("2026-01-01T06:00:00Z", "2025-12")] // across a year boundary
    [InlineData("2026-03-31T23:59:59Z", "2026-02")] // the last second of a month still belongs to it
    public void FunderPeriodFor_ScheduledTime_IsPreviousCalendarMonth(string scheduled, string expected)
    {
        Assert.Equal(expected, FunderPeriod.For(DateTimeOffset.Parse(scheduled, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void FunderPeriodScheduledTime_LateRunOfMissedOccurrence_UsesScheduleStatusNext()
    {
        var timer = """{"ScheduleStatus":{"Last":"2026-10-01T06:00:00Z","Next":"2026-11-01T06:00:00Z"},"IsPastDue":true}""";

        var scheduled = FunderPeriod.ScheduledTime(timer, new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.Zero));

        Assert.Equal("2026-10", FunderPeriod.For(scheduled));
    }

    [Fact]
    public void DownloadLinksCheckSite_Cases_MapToValidUnauthorisedOtherSite()
    {
        var links = new DownloadLinks(HandlerFixture.SigningKey, TimeProvider.System);
        var expires = DateTimeOffset.UtcNow.AddDays(1);
        var query = System.Web.HttpUtility.ParseQueryString(links.SignSite("t1", "S1", expires));
        string? Q(string name) => query[name];

        Assert.Equal(LinkCheck.Valid, links.CheckSite("t1", "S1", Q("site"), Q("expires"), Q("sig")));
        Assert.Equal(LinkCheck.OtherSite, links.CheckSite("t1", "S2", Q("site"), Q("expires"), Q("sig")));
        Assert.Equal(LinkCheck.Unauthorised, links.CheckSite("t2", "S1", Q("site"), Q("expires"), Q("sig")));
        Assert.Equal(LinkCheck.Unauthorised, links.CheckSite("t1", "S2", "S2", Q("expires"), Q("sig")));
        Assert.Equal(LinkCheck.Unauthorised, links.CheckSite("t1", "S1", Q("site"), (expires.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Q("sig")));
        Assert.Equal(LinkCheck.Unauthorised, links.CheckSite("t1", "S1", Q("site"), Q("expires"), null));
    }

    [Fact]
    public void DownloadLinksCheckSite_Expired_IsUnauthorised()
    {
        var links = new DownloadLinks(HandlerFixture.SigningKey, TimeProvider.System);
        var query = System.Web.HttpUtility.ParseQueryString(links.SignSite("t1", "S1", DateTimeOffset.UtcNow.AddDays(-1)));

        Assert.Equal(LinkCheck.Unauthorised, links.CheckSite("t1", "S1", query["site"], query["expires"], query["sig"]));
    }
}
