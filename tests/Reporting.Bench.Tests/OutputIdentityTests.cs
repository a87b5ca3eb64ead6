namespace Reporting.Bench.Tests;

public sealed class OutputIdentityTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bench-identity-");

    public void Dispose() => _root.Delete(recursive: true);

    /// <summary>An output folder like reporting analyse writes: run.json, trial.pdf and two site reports.</summary>
    private DirectoryInfo Output(string name)
    {
        var dir = _root.CreateSubdirectory(name);
        Directory.CreateDirectory(Path.Combine(dir.FullName, "sites"));
        File.WriteAllText(Path.Combine(dir.FullName, "run.json"), "{\"runId\":\"r\"}\n");
        File.WriteAllBytes(Path.Combine(dir.FullName, "trial.pdf"), [.. "%PDF-1.7 trial"u8]);
        File.WriteAllBytes(Path.Combine(dir.FullName, "sites", "S1.pdf"), [.. "%PDF-1.7 S1"u8]);
        File.WriteAllBytes(Path.Combine(dir.FullName, "sites", "S2.pdf"), [.. "%PDF-1.7 S2"u8]);
        return dir;
    }

    [Fact]
    public void Compare_SameFiles_NoDifferences()
    {
        var comparison = OutputIdentity.Compare(Output("cli"), Output("jit"));

        Assert.True(comparison.Identical);
        Assert.Equal(4, comparison.Files);
    }

    [Fact]
    public void Compare_OneByteOfOneFile_ReportsThatFile()
    {
        var cli = Output("cli");
        var jit = Output("jit");
        var pdf = Path.Combine(jit.FullName, "sites", "S2.pdf");
        var bytes = File.ReadAllBytes(pdf);
        bytes[^1] ^= 1; // same length, one bit of the last byte
        File.WriteAllBytes(pdf, bytes);

        var comparison = OutputIdentity.Compare(cli, jit);

        Assert.Equal(new OutputDifference("sites/S2.pdf", OutputDifferenceKind.Content), Assert.Single(comparison.Differences));
        Assert.Equal(4, comparison.Files);
    }

    [Fact]
    public void Compare_FileMissingOnEitherSide_ReportsWhichSideHasIt()
    {
        var cli = Output("cli");
        var jit = Output("jit");
        File.Delete(Path.Combine(jit.FullName, "sites", "S1.pdf"));
        File.WriteAllText(Path.Combine(jit.FullName, "extra.json"), "{}");

        var comparison = OutputIdentity.Compare(cli, jit);

        // Ordinal order of the paths: "extra.json" before "sites/S1.pdf".
        Assert.Equal(
            [new OutputDifference("extra.json", OutputDifferenceKind.OnlyInSecond), new OutputDifference("sites/S1.pdf", OutputDifferenceKind.OnlyInFirst)],
            comparison.Differences);
        Assert.Equal(5, comparison.Files);
    }

    [Fact]
    public void IdentityLine_Identical_NamesTheFileCount()
    {
        var summary = IdentitySummary.Compared("sample", "native CLI", OutputIdentity.Compare(Output("cli"), Output("jit")));

        Assert.False(summary.Failed);
        Assert.Equal("output (sample): native CLI and JIT build identical (4 files)", summary.Line());
    }

    [Fact]
    public void IdentityLine_Different_ListsTheFilesAndFails()
    {
        var cli = Output("cli");
        var jit = Output("jit");
        File.WriteAllText(Path.Combine(jit.FullName, "run.json"), "{\"runId\":\"s\"}\n");
        File.Delete(Path.Combine(cli.FullName, "trial.pdf"));

        var summary = IdentitySummary.Compared("large", "native CLI", OutputIdentity.Compare(cli, jit));

        Assert.True(summary.Failed);
        Assert.Equal("output (large): native CLI and JIT build DIFFER in 2 of 4 files: run.json (content differs), trial.pdf (only in the JIT build's output)", summary.Line());
    }
}
