using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Reporting.Functions.CreateDownloadLink;
using Reporting.Functions.DownloadFunderReport;
using Reporting.Functions.DownloadReport;
using Reporting.Functions.DownloadTrialReport;
using Reporting.Functions.Links;
using Reporting.Functions.PublishFunderReports;
using Reporting.Functions.Storage;

namespace Reporting.Functions.Tests;

/// <summary>The HTTP and timer functions through the worker's DI container: signed links minted, checked and refused;
/// funder reports published once per funder and period.</summary>
[Collection(AppCollection.Name)]
public sealed class HttpFunctionTests(AppFixture fixture)
{
    private readonly DownloadLinks _links = new(AppFixture.SigningKey, TimeProvider.System);

    private static string NewTrial() => "h" + Guid.NewGuid().ToString("N")[..10];

    private Task<HttpAnswer> SiteReportAsync(string trialId, string siteId, string query) =>
        fixture.HttpAsync(r => fixture.Function<DownloadReport.DownloadReport>().RunAsync(r, trialId, siteId, CancellationToken.None), "GET",
            $"/api/reports/{trialId}/{siteId}?{query}");

    [Fact]
    public async Task CreateDownloadLink_ValidRequest_ReturnsWorkingSignedUrl()
    {
        var trial = NewTrial();
        await fixture.UploadTrialAsync(trial);

        var minted = await fixture.HttpAsync(r => fixture.Function<CreateDownloadLink.CreateDownloadLink>().RunAsync(r, CancellationToken.None), "POST",
            "/api/links", $$"""{ "trialId": "{{trial}}", "siteId": "S2" }""");
        var link = JsonSerializer.Deserialize<LinkResponse>(minted.Body, TrialStore.Json)!;
        var url = new Uri(link.Url);
        var download = await SiteReportAsync(trial, "S2", url.Query.TrimStart('?'));

        Assert.Equal(200, minted.Status);
        Assert.StartsWith(AppFixture.BaseUrl + $"/api/reports/{trial}/S2?", link.Url, StringComparison.Ordinal);
        Assert.Equal(200, download.Status);
        Assert.Equal("application/pdf", download.ContentType);
        Assert.Equal("private, no-store", download.CacheControl);
        Assert.True(download.Body.AsSpan().StartsWith("%PDF-"u8));
        Assert.Contains("Site implementation report", PdfText.Of(download.Body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "trialId": "../x", "siteId": "S1" }""")] // a trial id that is not an identifier
    [InlineData("""{ "trialId": "t1", "siteId": "" }""")] // no site
    [InlineData("""{ "trialId": "t1", "siteId": "S1", "lifetimeDays": 400 }""")] // longer than a link may live
    [InlineData("""not json""")] // not JSON at all
    public async Task CreateDownloadLink_InvalidRequest_Returns400(string body)
    {
        var answer = await fixture.HttpAsync(r => fixture.Function<CreateDownloadLink.CreateDownloadLink>().RunAsync(r, CancellationToken.None), "POST",
            "/api/links", body);

        Assert.Equal(400, answer.Status);
    }

    [Fact]
    public async Task DownloadReport_TamperedExpiredOrCrossSiteLinks_AreRefused()
    {
        var trial = NewTrial();
        await fixture.UploadTrialAsync(trial);
        var good = _links.SignSite(trial, "S1", DateTimeOffset.UtcNow.AddDays(1));
        var expired = _links.SignSite(trial, "S1", DateTimeOffset.UtcNow.AddDays(-1));
        var tampered = good.Replace("sig=", "sig=A", StringComparison.Ordinal);

        Assert.Equal(200, (await SiteReportAsync(trial, "S1", good)).Status);
        Assert.Equal(401, (await SiteReportAsync(trial, "S1", "")).Status);
        Assert.Equal(401, (await SiteReportAsync(trial, "S1", tampered)).Status);
        Assert.Equal(401, (await SiteReportAsync(trial, "S1", expired)).Status);
        Assert.Equal(403, (await SiteReportAsync(trial, "S2", good)).Status);
        // A genuine link on a site that does not exist answers exactly like one on a site that does.
        var other = await SiteReportAsync(trial, "S2", good);
        var missing = await SiteReportAsync(trial, "S99", good);
        Assert.Equal((other.Status, other.Text), (missing.Status, missing.Text));
        Assert.Equal(401, (await SiteReportAsync("other", "S1", good)).Status);
    }

    [Fact]
    public async Task DownloadReport_ValidLinkForSiteWithoutReport_Returns404()
    {
        var trial = NewTrial();
        await fixture.UploadTrialAsync(trial);

        Assert.Equal(404, (await SiteReportAsync(trial, "S99", _links.SignSite(trial, "S99", DateTimeOffset.UtcNow.AddDays(1)))).Status);
    }

    [Fact]
    public async Task PublishFunderReports_SameOccurrenceTwice_StoresReportOncePerFunderAndPeriod()
    {
        var trial = NewTrial();
        await fixture.UploadTrialAsync(trial);
        // An occurrence this hour, so that the link it records (valid for a fixed time after it) is still valid.
        var now = DateTimeOffset.UtcNow;
        var scheduled = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var period = FunderPeriod.For(scheduled);
        var timer = new TimerInfo { ScheduleStatus = new ScheduleStatus { Last = scheduled.AddMonths(-1).UtcDateTime, Next = scheduled.UtcDateTime } };
        var funder = $"funder-{trial}";

        await fixture.Function<PublishFunderReports.PublishFunderReports>().RunAsync(timer, CancellationToken.None);
        var first = await fixture.Store.GetDeliveryAsync(funder, period, CancellationToken.None);
        await fixture.Function<PublishFunderReports.PublishFunderReports>().RunAsync(timer, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(await fixture.Store.GetDeliveryAsync(funder, period, CancellationToken.None)));
        Assert.Contains(fixture.Logs.Lines, l => l.Contains($"Funder {funder}: report for {period} already delivered.", StringComparison.Ordinal));
        Assert.Equal(scheduled.AddDays(14), first.ExpiresUtc);
        var url = new Uri(first.DownloadUrl);
        var segments = url.AbsolutePath.Split('/');
        Task<HttpAnswer> FunderAsync(string query) => fixture.HttpAsync(
            r => fixture.Function<DownloadFunderReport.DownloadFunderReport>().RunAsync(r, segments[^2], segments[^1], CancellationToken.None), "GET",
            url.AbsolutePath + "?" + query);
        var download = await FunderAsync(url.Query.TrimStart('?'));
        Assert.Equal(200, download.Status);
        Assert.Equal(401, (await FunderAsync("expires=1&sig=x")).Status);

        // The portfolio links each trial to the trial report of the run it summarises, through a signed link: shown as
        // text, and the target of a link annotation over it. The signature is taken from the annotation: the text wraps
        // the long address between characters, and pdftotext drops a '-' that ends a line (a base64url signature holds
        // '-' in about one place in 64), so the text read back can miss one.
        var text = string.Concat(PdfText.Of(download.Body).Where(c => !char.IsWhiteSpace(c)));
        var latest = await fixture.LatestAsync(trial);
        Assert.Contains($"/api/trial-reports/{trial}/{latest.RunId}?expires=", text, StringComparison.Ordinal);
        var match = Regex.Match(System.Text.Encoding.Latin1.GetString(download.Body),
            $"/URI\\s*\\([^)]*/api/trial-reports/{trial}/{latest.RunId}\\?(expires=[0-9]+&sig=[A-Za-z0-9_-]{{43}})\\)"); // an HMAC-SHA256 in unpadded base64url
        Assert.True(match.Success, text);
        Task<HttpAnswer> TrialAsync(string runId, string query) => fixture.HttpAsync(
            r => fixture.Function<DownloadTrialReport.DownloadTrialReport>().RunAsync(r, trial, runId, CancellationToken.None), "GET",
            $"/api/trial-reports/{trial}/{runId}?{query}");
        var trialReport = await TrialAsync(latest.RunId, match.Groups[1].Value);
        Assert.Equal(200, trialReport.Status);
        Assert.Contains("Trial implementation report", PdfText.Of(trialReport.Body), StringComparison.Ordinal);
        Assert.Equal(401, (await TrialAsync("0000000000000000", match.Groups[1].Value)).Status);
        Assert.Equal(401, (await TrialAsync(latest.RunId, match.Groups[1].Value[..^2] + "xx")).Status);
    }
}
