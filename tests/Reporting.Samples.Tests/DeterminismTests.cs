using System.Security.Cryptography;

namespace Reporting.Samples.Tests;

public sealed class DeterminismTests
{
    private static readonly ScaledOptions Small = new(Sites: 5, Participants: 400, ContactsPerParticipant: 8);

    [Fact]
    public void Designed_SameSeed_ByteIdenticalFiles()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        SampleGenerator.WriteDesigned(first.Path, seed: 7);
        SampleGenerator.WriteDesigned(second.Path, seed: 7);

        Assert.Equal(Hashes(first.Path), Hashes(second.Path));
    }

    [Fact]
    public void Designed_DifferentSeed_DifferentContactsSameSiteFigures()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        SampleGenerator.WriteDesigned(first.Path, seed: 7);
        SampleGenerator.WriteDesigned(second.Path, seed: 8);

        var a = Hashes(first.Path);
        var b = Hashes(second.Path);
        Assert.NotEqual(a["participants.csv"], b["participants.csv"]);
        Assert.NotEqual(a["contacts.csv"], b["contacts.csv"]);
        Assert.Equal(a["sites.csv"], b["sites.csv"]);
        // The site targets are part of the design, not of the seed.
        Assert.Equal(new Export(first.Path).Engagement(), new Export(second.Path).Engagement());
    }

    [Fact]
    public void Scaled_SameSeed_ByteIdenticalFiles()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        SampleGenerator.WriteScaled(first.Path, Small, seed: 42);
        SampleGenerator.WriteScaled(second.Path, Small, seed: 42);

        Assert.Equal(Hashes(first.Path), Hashes(second.Path));
    }

    [Fact]
    public void Scaled_DifferentSeed_DifferentFiles()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        SampleGenerator.WriteScaled(first.Path, Small, seed: 42);
        SampleGenerator.WriteScaled(second.Path, Small, seed: 43);

        var a = Hashes(first.Path);
        var b = Hashes(second.Path);
        Assert.NotEqual(a["contacts.csv"], b["contacts.csv"]);
        Assert.NotEqual(a["fidelity.csv"], b["fidelity.csv"]);
        Assert.NotEqual(a["codings.csv"], b["codings.csv"]);
    }

    [Fact]
    public void CommittedSample_MatchesGeneratorOutput()
    {
        // The committed files must be what `reporting sample` writes today; regenerate them when this fails.
        var committed = Path.Combine(RepositoryRoot(), "samples", "peer-support-synthetic");
        using var fresh = new TempDirectory();

        SampleGenerator.WriteDesigned(fresh.Path);

        Assert.Equal(Hashes(fresh.Path), Hashes(committed));
        Assert.Contains("interviews.csv", Hashes(committed).Keys);
    }

    [Fact]
    public void CommittedUpsidesSample_MatchesGeneratorOutput()
    {
        // `reporting sample --design upsides` must still write the committed files; regenerate them when this fails.
        var committed = Path.Combine(RepositoryRoot(), "samples", "upsides-synthetic");
        using var fresh = new TempDirectory();

        SampleGenerator.WriteUpsides(fresh.Path);

        Assert.Equal(Hashes(fresh.Path), Hashes(committed));
    }

    [Fact]
    public void Upsides_SameSeed_ByteIdenticalFiles()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        SampleGenerator.WriteUpsides(first.Path, seed: 3);
        SampleGenerator.WriteUpsides(second.Path, seed: 3);

        Assert.Equal(Hashes(first.Path), Hashes(second.Path));
    }

    private static Dictionary<string, string> Hashes(string directory) =>
        Export.FilesIn(directory).ToDictionary(
            name => name,
            name => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, name)))),
            StringComparer.Ordinal);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Reporting.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Reporting.sln not found above the test output directory.");
    }
}
