using System.Text;
using Reporting.Functions.Storage;
using Reporting.Samples;

namespace Reporting.Functions.Tests;

/// <summary>Trends across runs in the app: a trial's earlier runs (successive data cut-offs) come from storage.</summary>
[Collection(AppCollection.Name)]
public sealed class TrendTests(AppFixture fixture)
{
    /// <summary>The designed sample as exported at <paramref name="cutOff"/>, renamed to <paramref name="trialId"/>.</summary>
    private static IReadOnlyList<(string Name, byte[] Content)> ExportAt(string trialId, DateOnly cutOff)
    {
        var dir = Directory.CreateTempSubdirectory("trend-export-");
        try
        {
            SampleGenerator.WriteDesignedAt(dir.FullName, cutOff);
            return [.. dir.GetFiles().OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => (f.Name, f.Name == "trial.json"
                ? Encoding.UTF8.GetBytes(File.ReadAllText(f.FullName).Replace("\"trialId\": \"peer-support-synthetic\"", $"\"trialId\": \"{trialId}\"", StringComparison.Ordinal))
                : File.ReadAllBytes(f.FullName)))];
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SecondCutOff_TrialAndSiteReports_ShowTheTrendFromTheStoredEarlierRun()
    {
        var trial = "tr" + Guid.NewGuid().ToString("N")[..10];
        foreach (var (name, content) in ExportAt(trial, new DateOnly(2018, 12, 31)))
        {
            await fixture.UploadAsync(trial, name, content);
        }

        var first = await fixture.LatestAsync(trial);
        foreach (var (name, content) in ExportAt(trial, SampleGenerator.DesignedCutOff))
        {
            await fixture.UploadAsync(trial, name, content);
        }

        var second = await fixture.LatestAsync(trial);
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(SampleGenerator.DesignedCutOff, second.DataCutOff);

        async Task<string> TextOf(string path)
        {
            var blob = await fixture.Blobs.GetBlobContainerClient(StorageNames.ReportsContainer).GetBlobClient(path).DownloadContentAsync();
            return PdfText.Of(blob.Value.Content.ToArray());
        }

        var firstTrial = await TextOf(TrialStore.TrialReportPath(trial, first.RunId));
        var secondTrial = await TextOf(TrialStore.TrialReportPath(trial, second.RunId));
        var secondSite = await TextOf(TrialStore.SiteReportPath(trial, second.RunId, "S2"));

        // The first run has no earlier run; the second shows both cut-offs and names the earlier run.
        Assert.DoesNotContain("Trends across runs", firstTrial, StringComparison.Ordinal);
        Assert.Contains("Trends across runs", secondTrial, StringComparison.Ordinal);
        Assert.Contains(first.RunId, secondTrial, StringComparison.Ordinal);
        Assert.Contains("31 December 2018", secondTrial, StringComparison.Ordinal);
        Assert.Contains("Trend across runs", secondSite, StringComparison.Ordinal);
    }
}
