using System.CommandLine;
using Reporting.Cli;

namespace Reporting.Cli.Tests;

/// <summary><c>reporting sample</c>: the designed samples as the READMEs say to regenerate them.</summary>
public sealed class SampleCommandTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("reporting-cli-sample-");

    private static int Invoke(params string[] args) => new RootCommand { SampleCommand.Create() }.Parse(["sample", .. args]).Invoke();

    [Theory]
    [InlineData("upsides", "upsides-synthetic")] // the second sample, with the upsides framework
    [InlineData("peer-support", "peer-support-synthetic")] // the default design, named explicitly
    public void Sample_Design_WritesTheCommittedFiles(string design, string folder)
    {
        var output = Path.Combine(_temp.FullName, design);

        var exit = Invoke("--design", design, "--out", output);

        Assert.Equal(0, exit);
        var committed = Path.Combine(CliTestSupport.Root, "samples", folder);
        var names = Directory.GetFiles(committed).Select(Path.GetFileName).Where(n => n!.EndsWith(".csv", StringComparison.Ordinal) || n == "trial.json").ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Equal(File.ReadAllBytes(Path.Combine(committed, n!)), File.ReadAllBytes(Path.Combine(output, n!))));
    }

    [Fact]
    public void Sample_UnknownDesign_RefusedWithoutWriting()
    {
        var output = Path.Combine(_temp.FullName, "bogus");

        var exit = Invoke("--design", "bogus", "--out", output);

        Assert.NotEqual(0, exit);
        Assert.False(Directory.Exists(output));
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
