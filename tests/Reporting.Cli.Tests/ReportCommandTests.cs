using System.Text;
using Reporting.Cli;
using Spectre.Console;

namespace Reporting.Cli.Tests;

/// <summary>The commands that write PDFs: analyse (trial and site reports) and funder (portfolio).</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("reporting-cli-reports-");

    private static string Sample => CliTestSupport.Sample;

    private static (IAnsiConsole Console, StringWriter Text) Console() => CliTestSupport.Console();

    private static bool IsPdf(string path) => File.Exists(path) && Encoding.ASCII.GetString(File.ReadAllBytes(path)[..5]) == "%PDF-";

    [Fact]
    public void Analyse_Sample_WritesTrialAndEverySitePdfAndPrintsTheirPaths()
    {
        var output = _temp.CreateSubdirectory("out");
        var (console, text) = Console();

        var exit = AnalyseCommand.Run(Sample, output, console);

        Assert.Equal(0, exit);
        var trial = Path.Combine(output.FullName, "trial.pdf");
        Assert.True(IsPdf(trial));
        Assert.Contains($"Wrote {trial}", text.ToString(), StringComparison.Ordinal);
        foreach (var site in new[] { "S1", "S2", "S3", "S4", "S5", "S6", "S7" })
        {
            var path = Path.Combine(output.FullName, "sites", site + ".pdf");
            Assert.True(IsPdf(path), $"{path} should be a PDF");
            Assert.Contains($"Wrote {path}", text.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(7, Directory.GetFiles(Path.Combine(output.FullName, "sites")).Length);
    }

    [Fact]
    public void Analyse_RunTwice_WritesIdenticalPdfs()
    {
        var first = _temp.CreateSubdirectory("first");
        var second = _temp.CreateSubdirectory("second");

        AnalyseCommand.Run(Sample, first, Console().Console);
        AnalyseCommand.Run(Sample, second, Console().Console);

        Assert.Equal(File.ReadAllBytes(Path.Combine(first.FullName, "trial.pdf")), File.ReadAllBytes(Path.Combine(second.FullName, "trial.pdf")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(first.FullName, "sites", "S4.pdf")), File.ReadAllBytes(Path.Combine(second.FullName, "sites", "S4.pdf")));
    }

    [Fact]
    public void Funder_SampleTrial_WritesPortfolioPdf()
    {
        var file = new FileInfo(Path.Combine(_temp.FullName, "funder", "nihr-pgfar-2026-11.pdf"));
        var (console, text) = Console();

        var exit = FunderCommand.Run([Sample], "nihr-pgfar", "2026-11", file, "https://reports.example.org", console);

        Assert.Equal(0, exit);
        Assert.True(IsPdf(file.FullName));
        Assert.Contains("1 trial(s) for NIHR Programme Grants for Applied Research, 2026-11", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Funder_UnknownFunder_WritesEmptyPortfolioAndWarns()
    {
        var file = new FileInfo(Path.Combine(_temp.FullName, "nobody.pdf"));
        var (console, text) = Console();

        var exit = FunderCommand.Run([Sample], "nobody", "2026-11", file, null, console);

        Assert.Equal(0, exit);
        Assert.True(IsPdf(file.FullName));
        Assert.Contains("No trial given lists funder nobody", text.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13")] // no thirteenth month
    [InlineData("November 2026")] // written out instead of yyyy-MM
    public void Funder_BadPeriod_FailsWithoutWriting(string period)
    {
        var file = new FileInfo(Path.Combine(_temp.FullName, "bad.pdf"));

        var error = Assert.Throws<CommandFailedException>(() => FunderCommand.Run([Sample], "nihr-pgfar", period, file, null, Console().Console));

        Assert.Contains("yyyy-MM", error.Message, StringComparison.Ordinal);
        Assert.False(file.Exists);
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
