using System.Diagnostics;
using System.Text;
using Reporting.Cli;
using Reporting.Core.Analysis;
using Reporting.Samples;

namespace Reporting.Cli.Tests;

/// <summary><c>reporting analyse</c> over several exports of one trial: successive data cut-offs, reported with trends.</summary>
public sealed class AnalyseCutOffsTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("reporting-cli-cutoffs-");

    private DirectoryInfo Export(string cutOff)
    {
        var dir = new DirectoryInfo(Path.Combine(_temp.FullName, cutOff));
        SampleGenerator.WriteDesignedAt(dir.FullName, DateOnly.Parse(cutOff, System.Globalization.CultureInfo.InvariantCulture));
        return dir;
    }

    [Fact]
    public void Analyse_ThreeCutOffsInAnyOrder_WritesTheLatestRunWithTrends()
    {
        var output = _temp.CreateSubdirectory("out");
        var (console, text) = CliTestSupport.Console();

        var exit = AnalyseCommand.Run([Export("2018-12-31"), new DirectoryInfo(CliTestSupport.Sample), Export("2018-06-30")], output, console);

        Assert.Equal(0, exit);
        var printed = text.ToString();
        Assert.Contains("Trends across 3 runs, data cut-off 2019-06-30 reported.", printed, StringComparison.Ordinal);
        Assert.True(printed.IndexOf("data cut-off 2018-06-30", StringComparison.Ordinal) < printed.IndexOf("data cut-off 2018-12-31", StringComparison.Ordinal), "earlier runs are listed oldest first");

        // run.json is the latest run's, exactly as a single-folder analysis writes it (the history is not in it).
        var single = _temp.CreateSubdirectory("single");
        AnalyseCommand.Run(new DirectoryInfo(CliTestSupport.Sample), single, CliTestSupport.Console().Console);
        Assert.Equal(File.ReadAllBytes(Path.Combine(single.FullName, "run.json")), File.ReadAllBytes(Path.Combine(output.FullName, "run.json")));
        Assert.Equal(new DateOnly(2019, 6, 30), RunModelJson.Deserialize(File.ReadAllText(Path.Combine(output.FullName, "run.json"))).Trial.DataCutOff);

        // The PDFs differ from the single run's only by the trends.
        Assert.Contains("Trends across runs", PdfText(Path.Combine(output.FullName, "trial.pdf")), StringComparison.Ordinal);
        Assert.Contains("Trend across runs", PdfText(Path.Combine(output.FullName, "sites", "S3.pdf")), StringComparison.Ordinal);
        Assert.DoesNotContain("Trends across runs", PdfText(Path.Combine(single.FullName, "trial.pdf")), StringComparison.Ordinal);
    }

    [Fact]
    public void Analyse_SameCutOffTwice_ExitsTwoSayingSo()
    {
        var output = new DirectoryInfo(Path.Combine(_temp.FullName, "out"));
        var dir = Export("2018-06-30");

        var (exit, _, stderr) = CliTestSupport.Run("analyse", dir.FullName, dir.FullName, "--out", output.FullName);

        Assert.Equal(2, exit);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("not before the current run's 2018-06-30", stderr, StringComparison.Ordinal);
        Assert.False(output.Exists, "nothing is written");
    }

    [Fact]
    public void Analyse_AnotherTrialsExport_ExitsTwoSayingSo()
    {
        var other = new DirectoryInfo(Path.Combine(_temp.FullName, "other"));
        SampleGenerator.WriteScaled(other.FullName, new ScaledOptions(3, 60, 4, "another-trial"));
        var (exit, _, stderr) = CliTestSupport.Run("analyse", Export("2018-06-30").FullName, other.FullName, "--out", Path.Combine(_temp.FullName, "out"));

        Assert.Equal(2, exit);
        Assert.Contains("a trend compares runs of one trial", stderr.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing")] // a folder that does not exist
    [InlineData("file.csv")] // a file where a folder is expected
    public void Analyse_NotAFolder_ExitsTwoWithOneLine(string name)
    {
        var path = Path.Combine(_temp.FullName, name);
        if (name.EndsWith(".csv", StringComparison.Ordinal))
        {
            File.WriteAllText(path, "site_id\n");
        }

        var (exit, _, stderr) = CliTestSupport.Run("analyse", CliTestSupport.Sample, path, "--out", Path.Combine(_temp.FullName, "out"));

        Assert.Equal(2, exit);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(path, stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Delete(recursive: true);

    private static string PdfText(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", [path, "-"]) { RedirectStandardOutput = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }
}
