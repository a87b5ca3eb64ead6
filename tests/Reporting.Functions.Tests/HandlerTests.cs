using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reporting.Functions.CreateDownloadLink;
using Reporting.Functions.Hosting;
using Reporting.Functions.IngestExport;
using Reporting.Functions.PublishFunderReports;

namespace Reporting.Functions.Tests;

[Collection(HandlerCollection.Name)]
public sealed class HandlerTests(HandlerFixture fixture)
{
    private static string NewTrial() => "t" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Readiness_GetRoot_Answers200()
    {
        using var response = await fixture.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task IngestExport_GarbageMessage_FailsInvocationWithReason()
    {
        var result = await fixture.DeliverAsync("definitely not an event");

        Assert.Equal(500, result.Status);
        Assert.Contains(result.Logs, l => l.Contains("not JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestExport_EnvelopeWithoutBinding_Fails()
    {
        var result = await fixture.PostAsync("/IngestExport", """{"Data":{},"Metadata":{}}""");

        Assert.Equal(500, result.Status);
    }

    [Fact]
    public async Task IngestExport_SingleFile_WritesValidationReportAndArchiveAndReceipt()
    {
        var trial = NewTrial();

        var result = await fixture.UploadAsync(trial, "sites.csv", SampleTrial.Bytes(SampleTrial.Sites));

        Assert.Equal(200, result.Status);
        var report = await fixture.ReadJsonAsync<ValidationReport>(StorageNames.ValidationContainer, $"{trial}/sites.csv.json");
        Assert.NotNull(report);
        Assert.Equal(ValidationReport.Accepted, report.Status);
        Assert.Equal(0, report.Errors);
        Assert.Null(report.RunId);
        Assert.NotNull(report.NotRunReason);
        var archived = await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/");
        Assert.Single(archived, a => a.EndsWith("/sites.csv", StringComparison.Ordinal));
        Assert.Contains(result.Logs, l => l.StartsWith($"Validation {trial}/sites.csv: accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestExport_SameEventTwice_SecondDoesNothing()
    {
        var trial = NewTrial();
        var name = $"{trial}/sites.csv";
        var content = SampleTrial.Bytes(SampleTrial.Sites);
        var put = await fixture.Storage.Blobs.PutAsync(StorageNames.ExportsContainer, name, BinaryData.FromBytes(content), Storage.BlobWriteCondition.None, null, CancellationToken.None);
        var evt = fixture.EventFor(name, put.ETag!.Value.ToString(), content.Length);

        var first = await fixture.DeliverAsync(evt);
        var second = await fixture.DeliverAsync(evt, dequeueCount: 2);

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        Assert.Contains(second.Logs, l => l.StartsWith("Duplicate delivery", StringComparison.Ordinal));
        Assert.Single(await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/"));
    }

    [Fact]
    public async Task IngestExport_EventForOverwrittenBlob_IsSupersededNotFailed()
    {
        var trial = NewTrial();
        var name = $"{trial}/sites.csv";
        var first = await fixture.Storage.Blobs.PutAsync(StorageNames.ExportsContainer, name, BinaryData.FromString("old"), Storage.BlobWriteCondition.None, null, CancellationToken.None);
        await fixture.Storage.Blobs.PutAsync(StorageNames.ExportsContainer, name, BinaryData.FromString("new"), Storage.BlobWriteCondition.None, null, CancellationToken.None);

        var result = await fixture.DeliverAsync(fixture.EventFor(name, first.ETag!.Value.ToString(), 3));

        Assert.Equal(200, result.Status);
        Assert.Empty(await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/"));
    }

    [Fact]
    public async Task IngestExport_UnknownFileName_IsArchivedAndReportedAsError()
    {
        var trial = NewTrial();

        var result = await fixture.UploadAsync(trial, "notes.txt", "hello"u8.ToArray());

        Assert.Equal(200, result.Status);
        var report = await fixture.ReadJsonAsync<ValidationReport>(StorageNames.ValidationContainer, $"{trial}/notes.txt.json");
        Assert.Equal(ValidationReport.Rejected, report!.Status);
        Assert.Contains(report.Issues, i => i.Code == "file.unknown-name");
        Assert.Single(await fixture.ListAsync(StorageNames.ArchiveContainer, trial + "/"));
    }

    [Fact]
    public async Task CreateDownloadLink_ValidRequest_ReturnsWorkingSignedUrl()
    {
        var trial = NewTrial();
        await fixture.UploadTrialAsync(trial);

        using var response = await fixture.Client.PostAsJsonAsync("/api/links", new { trialId = trial, siteId = "S2" });
        var link = await response.Content.ReadFromJsonAsync<LinkResponse>();
        var url = new Uri(link!.Url);
        using var download = await fixture.Client.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(HandlerFixture.BaseUrl + $"/api/reports/{trial}/S2?", link.Url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../x", "S1")] // a trial id that is not an identifier
    [InlineData("t1", "")] // no site
    public async Task CreateDownloadLink_InvalidIds_Returns400(string trialId, string siteId)
    {
        using var response = await fixture.Client.PostAsJsonAsync("/api/links", new { trialId, siteId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task DownloadReport_TamperedExpiredOrCrossSiteLinks_AreRefused()
    {
        var trial = NewTrial();
        await fixture.UploadTrialAsync(trial);
        var good = fixture.Links.SignSite(trial, "S1", DateTimeOffset.UtcNow.AddDays(1));
        var expired = fixture.Links.SignSite(trial, "S1", DateTimeOffset.UtcNow.AddDays(-1));
        var tampered = good.Replace("sig=", "sig=A", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync($"/api/reports/{trial}/S1?{good}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync($"/api/reports/{trial}/S1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync($"/api/reports/{trial}/S1?{tampered}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync($"/api/reports/{trial}/S1?{expired}"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync($"/api/reports/{trial}/S2?{good}"));
        // A genuine link on a site that does not exist answers exactly like one on a site that does.
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync($"/api/reports/{trial}/S99?{good}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync($"/api/reports/other/S1?{good}"));
    }

    [Fact]
    public async Task DownloadReport_ValidLinkForSiteWithoutReport_Returns404()
    {
        var trial = NewTrial();
        await fixture.UploadTrialAsync(trial);
        var link = fixture.Links.SignSite(trial, "S99", DateTimeOffset.UtcNow.AddDays(1));

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/api/reports/{trial}/S99?{link}"));
    }

    [Fact]
    public async Task PublishFunderReports_TimerEnvelope_StoresReportOncePerFunderAndPeriod()
    {
        var trial = NewTrial();
        await fixture.UploadTrialAsync(trial);
        // An occurrence this hour, so that the link it records (valid for a fixed time after it) is still valid.
        var now = DateTimeOffset.UtcNow;
        var scheduled = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var period = FunderPeriod.For(scheduled);
        var body = Envelope.ForTimer(PublishFunderReportsFunction.Name, PublishFunderReportsFunction.Binding, scheduled,
            scheduled.AddMonths(-1), false, scheduled.AddSeconds(1));

        var first = await fixture.PostAsync("/PublishFunderReports", body);
        var second = await fixture.PostAsync("/PublishFunderReports", body);

        Assert.True(first.Status == 200, first.Body);
        Assert.Equal(200, second.Status);
        var funder = $"funder-{trial}";
        var pdf = await fixture.Storage.Blobs.GetPropertiesAsync(StorageNames.FunderReportsContainer, $"{funder}/{period}.pdf", CancellationToken.None);
        Assert.NotNull(pdf);
        var delivery = await fixture.Storage.Tables.GetAsync(StorageNames.DeliveriesTable, funder, period, CancellationToken.None);
        Assert.NotNull(delivery);
        Assert.Contains(second.Logs, l => l == $"Funder {funder}: report for {period} already delivered.");
        var url = new Uri(delivery.GetString("DownloadUrl")!);
        Assert.Equal(scheduled.AddDays(14), delivery.GetDateTimeOffset("ExpiresUtc"));
        using var download = await fixture.Client.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(url.AbsolutePath + "?expires=1&sig=x"));

        // The portfolio links each trial to the trial report of the run it summarises, through a signed link.
        var text = PdfText.Of(await download.Content.ReadAsByteArrayAsync());
        var latest = await fixture.LatestAsync(trial);
        var match = System.Text.RegularExpressions.Regex.Match(string.Concat(text.Where(c => !char.IsWhiteSpace(c))),
            $"/api/trial-reports/{trial}/{latest.RunId}\\?expires=[0-9]+&sig=[A-Za-z0-9_-]{{43}}"); // an HMAC-SHA256 in unpadded base64url
        Assert.True(match.Success, text);
        using var trialReport = await fixture.Client.GetAsync(new Uri(match.Value, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, trialReport.StatusCode);
        Assert.Contains("Trial implementation report", PdfText.Of(await trialReport.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(match.Value.Replace($"/{latest.RunId}?", "/0000000000000000?", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(match.Value[..^2] + "xx"));
        using var envelope = JsonDocument.Parse(first.Body);
        Assert.True(envelope.RootElement.GetProperty("ReturnValue").GetInt32() >= 1);
    }

    private async Task<HttpStatusCode> StatusAsync(string relative)
    {
        using var response = await fixture.Client.GetAsync(new Uri(relative, UriKind.Relative));
        return response.StatusCode;
    }
}
