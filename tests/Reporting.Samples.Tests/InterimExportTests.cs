using System.Security.Cryptography;

namespace Reporting.Samples.Tests;

/// <summary>The designed sample exported at an earlier data cut-off: the full export as it stood on that date.</summary>
public sealed class InterimExportTests(DesignedSampleFixture full) : IClassFixture<DesignedSampleFixture>
{
    private static readonly DateOnly Interim = new(2018, 6, 30);

    [Fact]
    public void WriteDesignedAt_TheSamplesOwnCutOff_IsTheFullSample()
    {
        using var directory = new TempDirectory();

        SampleGenerator.WriteDesignedAt(directory.Path, SampleGenerator.DesignedCutOff);

        Assert.All(Export.FileNames, name => Assert.Equal(Hash(full.Export.Directory, name), Hash(directory.Path, name)));
    }

    [Fact]
    public void WriteDesignedAt_EarlierCutOff_KeepsWhatHadHappenedByThen()
    {
        using var directory = new TempDirectory();

        var summary = SampleGenerator.WriteDesignedAt(directory.Path, Interim);
        var interim = new Export(directory.Path);

        Assert.Equal(Interim, interim.DataCutOff);
        Assert.Equal(File.ReadAllText(Path.Combine(full.Export.Directory, "sites.csv")), File.ReadAllText(Path.Combine(directory.Path, "sites.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(full.Export.Directory, "codings.csv")), File.ReadAllText(Path.Combine(directory.Path, "codings.csv")));

        // Participants: exactly those randomised by the cut-off, each the full export's row with later dates blank.
        var p = interim.Participants;
        var fullRows = full.Export.Participants.Rows.ToDictionary(r => r[0]);
        var randomisedBy = full.Export.Participants.Rows.Count(r => Export.Date(r[3]) <= Interim);
        Assert.Equal(randomisedBy, p.Rows.Count);
        Assert.InRange(p.Rows.Count, 1, full.Export.Participants.Rows.Count - 1);
        Assert.Equal(summary.Participants, p.Rows.Count);
        foreach (var row in p.Rows)
        {
            var original = fullRows[row[0]];
            Assert.Equal(original[..4], row[..4]);
            Assert.Equal(Blank(original[4]), row[4]);
            Assert.Equal(Blank(original[6]), row[6]);

            // An outcome only for a discharge at least the follow-up window before the cut-off, as the full export does.
            var settled = row[4].Length > 0 && Export.Date(row[4]) <= Interim.AddDays(-interim.FollowUpDays);
            Assert.Equal(settled ? original[5] : string.Empty, row[5]);
        }

        // Contacts and assessments: the full export's rows dated by the cut-off, unchanged (ids included).
        var kept = p.Rows.Select(r => r[0]).ToHashSet();
        Assert.Equal(
            full.Export.Contacts.Rows.Where(r => kept.Contains(r[1]) && Export.Date(r[2]) <= Interim).Select(r => string.Join(",", r)),
            interim.Contacts.Rows.Select(r => string.Join(",", r)));
        Assert.Equal(
            full.Export.Fidelity.Rows.Where(r => Export.Date(r[1]) <= Interim).Select(r => string.Join(",", r)),
            interim.Fidelity.Rows.Select(r => string.Join(",", r)));
        Assert.NotEmpty(interim.Fidelity.Rows);
        Assert.True(interim.Fidelity.Rows.Count < full.Export.Fidelity.Rows.Count, "the later assessments are not yet made");
    }

    [Fact]
    public void WriteDesignedAt_LaterThanTheSample_Throws()
    {
        using var directory = new TempDirectory();

        Assert.Throws<ArgumentOutOfRangeException>(() => SampleGenerator.WriteDesignedAt(directory.Path, SampleGenerator.DesignedCutOff.AddDays(1)));
    }

    private static string Blank(string date) => date.Length > 0 && Export.Date(date) > Interim ? string.Empty : date;

    private static string Hash(string directory, string name) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, name))));
}
