using System.Text;
using Reporting.Core.Validation;
using Reporting.Functions.Storage;

namespace Reporting.Functions.Tests;

/// <summary>
/// No participant value reaches a log line: hostile uploads whose cells carry markers go through IngestExport on the
/// worker's DI container, and every line the worker logged (all categories, every level) is searched for them. The
/// collection's fixture checks the same of every line logged by every test once the collection ends (the trial all
/// tests upload carries markers too, see <see cref="SampleTrial"/>).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LogMarkerTests(AppFixture fixture)
{
    private const string Unknown = "MKa2i1x1";
    private const string BadEnum = "MKa2i2x1";
    private const string BadDate = "MKa2i3x1";
    private const string Quoted = "MKa2i4x1";
    private const string Foreign = "MKa2i5x1";
    private const string Json = "MKa2i6x1";
    private const string Zipped = "MKa2i7x1";

    [Fact]
    public async Task Ingest_HostileUploadsWithPlantedMarkers_NoMarkerInAnyLogLineOrValidationReport()
    {
        var trial = "lm" + Guid.NewGuid().ToString("N")[..10];
        await fixture.UploadTrialAsync(trial);
        var run = await fixture.LatestAsync(trial);

        // Cells that break rules, each holding a marker: an unknown site, an enumeration and a date that are not
        // values, a broken quote, a participant nobody declared; then encodings, JSON and zips that cannot be read.
        var uploads = new (string Name, byte[] Content)[]
        {
            ("participants.csv", SampleTrial.Bytes(SampleTrial.Participants + $"\nX1-{Unknown},{Unknown},peer_support,2019-01-01,,,\nX2-{BadEnum},S1,{BadEnum},2019-01-01,,,\nX3,S1,usual_care,{BadDate},,{BadEnum},")),
            ("contacts.csv", SampleTrial.Bytes(SampleTrial.Contacts + $"\nK1,{Foreign},2019-01-05,W1,phone,completed\nK2,P01-{Planted.Participant},2019-01-05,\"W1{Quoted},phone,completed")),
            ("sites.csv", SampleTrial.Bytes(SampleTrial.Sites + $"\nS4,West {Unknown},{BadEnum},nhs,{Quoted}\nS1,{Unknown},urban,nhs")),
            ("codings.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(SampleTrial.Codings + $"\nS1,{Foreign},pw,context,culture,{Quoted},facilitator,{Quoted}\n")]),
            ("fidelity.csv", SampleTrial.Bytes(SampleTrial.Fidelity + $"\nS1,2019-05-01,{Foreign},i1,{BadEnum}\nS9,2019-05-01,R1,{Unknown},1")),
            ("trial.json", SampleTrial.Bytes(SampleTrial.Trial(trial).Replace("\"comparison\"", $"\"{Json}\": [\"{Json}\", ], \"comparison\"", StringComparison.Ordinal))),
            ("notes.txt", SampleTrial.Bytes($"{Foreign},{Quoted}")),
            ("export.zip", SampleTrial.Zip([("../participants.csv", SampleTrial.Bytes($"participant_id\n{Zipped}"))])),
            ("again.zip", SampleTrial.Zip([("contacts.csv", SampleTrial.Bytes($"contact_id,participant_id,contact_on,status\nK9,{Zipped},2019-01-05,completed"))])),
        };
        foreach (var (name, content) in uploads)
        {
            await fixture.UploadAsync(trial, name, content);
        }

        // The uploads were read and refused (so their values went through the code that logs), and the run stayed;
        // contacts.csv was last refused as the entry of again.zip.
        foreach (var name in new[] { "participants.csv", "contacts.csv", "sites.csv", "codings.csv", "fidelity.csv", "trial.json", "export.zip" })
        {
            var report = await fixture.Store.GetValidationReportAsync(trial, name, CancellationToken.None);
            Assert.True(report is { Status: UploadStatus.Rejected }, name);
            Assert.Empty(Planted.In(report.Issues.Select(i => i.ToString())));
        }

        Assert.Contains((await fixture.Store.GetValidationReportAsync(trial, "codings.csv", CancellationToken.None))!.Issues, i => i.Code == IssueCodes.NotUtf8);
        Assert.Equal(run.RunId, (await fixture.LatestAsync(trial)).RunId);
        var validation = await fixture.ListAsync(StorageNames.ValidationContainer, trial + "/");
        foreach (var name in validation)
        {
            var blob = await fixture.Blobs.GetBlobContainerClient(StorageNames.ValidationContainer).GetBlobClient(name).DownloadContentAsync();
            Assert.Empty(Planted.In([blob.Value.Content.ToString()]));
        }

        var lines = fixture.Logs.Lines;
        Assert.Contains(lines, l => l.Contains($"Validation {trial}/participants.csv: Rejected", StringComparison.Ordinal));
        var leaked = Planted.In(lines);
        Assert.True(leaked.Count == 0, $"{leaked.Count} of {lines.Count} log lines hold a planted value:\n{string.Join('\n', leaked.Take(3))}");
    }

    /// <summary>The check itself: a line holding a marker is found, whatever its letter case.</summary>
    [Fact]
    public void Planted_LineWithMarker_IsFound()
    {
        Assert.Equal(2, Planted.In(["Information Ingest: Received t/sites.csv", $"Error x: bad value {Unknown}", "warning " + Planted.Source.ToLowerInvariant()]).Count);
    }
}
