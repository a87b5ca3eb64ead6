namespace Reporting.Samples.Tests;

public sealed class ScaledTrialTests
{
    [Fact]
    public void Scaled_20Sites2000Participants_ValidExportOfThatSize()
    {
        using var directory = new TempDirectory();

        var summary = SampleGenerator.WriteScaled(directory.Path, new ScaledOptions(20, 2_000, 10), seed: 3);
        var export = new Export(directory.Path);

        ExportChecks.AssertValid(export);
        Assert.Equal(20, export.Sites.Rows.Count);
        Assert.Equal(2_000, export.Participants.Rows.Count);
        Assert.Equal(summary.Contacts, export.Contacts.Rows.Count);
        var peerSupport = export.Participants.Records().Count(p => p["arm"] == "peer_support");
        Assert.InRange(peerSupport, 990, 1_010);
        // --contacts-per-participant is a mean over peer-support participants.
        Assert.InRange(export.Contacts.Rows.Count, peerSupport * 10 * 0.9, peerSupport * 10 * 1.1);
    }

    [Fact]
    public void Scaled_SitesVaryInEngagementAndFidelity()
    {
        using var directory = new TempDirectory();

        SampleGenerator.WriteScaled(directory.Path, new ScaledOptions(20, 2_000, 6), seed: 3);
        var export = new Export(directory.Path);

        var rates = export.Engagement().Values.Select(s => (double)s.Engaged / s.Offered).ToList();
        var fidelity = export.FidelityMeans().Values.ToList();
        Assert.True(rates.Max() - rates.Min() >= 0.25, "engagement should spread across sites");
        Assert.True(fidelity.Max() - fidelity.Min() >= 4, "fidelity should spread across sites");
        Assert.Contains(rates, r => r >= 0.60);
        Assert.Contains(rates, r => r <= 0.45);
        Assert.True(export.Codings.Rows.Count >= 20 * 5, "every site is coded");
    }

    [Fact]
    public void Scaled_OneSiteManyParticipants_Valid()
    {
        using var directory = new TempDirectory();

        SampleGenerator.WriteScaled(directory.Path, new ScaledOptions(1, 3_000, 2), seed: 11);

        ExportChecks.AssertValid(new Export(directory.Path));
    }

    [Theory]
    [InlineData(0, 100, 5)] // no sites
    [InlineData(1_000, 100_000, 5)] // site ids would exceed the documented S1–S999
    [InlineData(10, 15, 5)] // fewer than two participants per site cannot be randomised 1:1
    [InlineData(10, 100, -1)] // negative contact rate
    public void ScaledOptions_OutOfRange_OneProblemAndThrows(int sites, int participants, double contacts)
    {
        using var directory = new TempDirectory();
        var options = new ScaledOptions(sites, participants, contacts);

        Assert.Single(options.Problems());
        Assert.Throws<ArgumentException>(() => SampleGenerator.WriteScaled(directory.Path, options));
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [Fact]
    public void ScaledOptions_TrialIdNotAnIdentifier_Throws()
    {
        using var directory = new TempDirectory();

        Assert.Throws<ArgumentException>(() =>
            SampleGenerator.WriteScaled(directory.Path, new ScaledOptions(2, 10, 1, "../escape")));
    }
}
