using Reporting.Functions.Links;
using Xunit.Abstractions;

namespace Reporting.Functions.Tests;

/// <summary>
/// Forged site links through DownloadReport on the worker's DI container: every one is refused with 401 (or 403 for a
/// genuine link of another site), and the answer, status and body, is the same whether the path names a site that exists
/// or one that does not, and a trial that exists or one that does not. Nothing is looked up before the link is proven.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Fuzz")]
public sealed class LinkForgeryHttpTests(AppFixture fixture, ITestOutputHelper output)
{
    private const string MissingSite = "S99";

    private const string MissingTrial = "no-such-trial";

    private Task<HttpAnswer> SiteReportAsync(string trialId, string siteId, string query) =>
        fixture.HttpAsync(r => fixture.Function<DownloadReport.DownloadReport>().RunAsync(r, trialId, siteId, CancellationToken.None), "GET",
            $"/api/reports/{trialId}/{siteId}?{query}");

    [Fact]
    public async Task DownloadReport_ForgedLinks_RefusedAlikeOnExistingAndMissingSites()
    {
        var trial = "f" + Guid.NewGuid().ToString("N")[..10];
        await fixture.UploadTrialAsync(trial);
        var now = DateTimeOffset.UtcNow;
        var links = new DownloadLinks(AppFixture.SigningKey, TimeProvider.System);
        var count = Environment.GetEnvironmentVariable("FUZZ_LINKS") is { Length: > 0 } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 300;
        var forgeries = LinkForgeries.ForSite(links, trial, "S1", now, now.AddDays(1), count, seed: 16);

        var accepted = new List<Forgery>();
        var revealing = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        foreach (var f in forgeries)
        {
            var answer = await SiteReportAsync(f.PathTrial, f.PathSite, f.Query);
            statuses[answer.Status] = statuses.GetValueOrDefault(answer.Status) + 1;
            if (answer.Status is not (401 or 403) || (answer.Status == 403) != f.SignedPartIntact)
            {
                accepted.Add(f);
                continue;
            }

            // The same link on a site that exists (S2, or S1 when the forgery names another) and on one that does not.
            var existing = await SiteReportAsync(f.PathTrial, f.PathSite == "S2" ? "S3" : "S2", f.Query);
            var missing = await SiteReportAsync(f.PathTrial, MissingSite, f.Query);
            var otherTrial = await SiteReportAsync(MissingTrial, f.PathSite, f.Query);
            if ((existing.Status, existing.Text) != (missing.Status, missing.Text))
            {
                revealing.Add($"{f.What}: {existing.Status} on an existing site, {missing.Status} on a missing one");
            }

            if (f.PathTrial == trial && !f.SignedPartIntact && (answer.Status, answer.Text) != (otherTrial.Status, otherTrial.Text))
            {
                revealing.Add($"{f.What}: {answer.Status} on the trial, {otherTrial.Status} on a missing trial");
            }
        }

        LinkForgeryTests.Report(output, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"DownloadReport: {forgeries.Count} forgeries tried ({string.Join(", ", statuses.Select(s => $"{s.Value} answered {s.Key}"))}), {accepted.Count} not refused as they should be, {revealing.Count} answers telling sites or trials apart."));
        Assert.Equal(count, forgeries.Count);
        Assert.True(accepted.Count == 0, $"{accepted.Count} forged links not refused as they should be:\n{LinkForgeries.Describe(accepted)}");
        Assert.True(revealing.Count == 0, $"{revealing.Count} answers tell sites or trials apart:\n{string.Join('\n', revealing.Take(10))}");
        // The genuine link works, so the refusals above were the forgeries'.
        Assert.Equal(200, (await SiteReportAsync(trial, "S1", links.SignSite(trial, "S1", now.AddDays(1)))).Status);
    }
}
