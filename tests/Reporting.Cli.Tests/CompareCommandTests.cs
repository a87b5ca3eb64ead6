using System.Text.Json;
using Reporting.Cli;

namespace Reporting.Cli.Tests;

/// <summary><c>reporting compare</c> on the committed samples.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("reporting-cli-compare-");

    private static DirectoryInfo Sample => new(CliTestSupport.Sample);

    private static DirectoryInfo Upsides => new(Path.Combine(CliTestSupport.Root, "samples", "upsides-synthetic"));

    private static (int Exit, string Output) Compare(DirectoryInfo dir, string axis, FileInfo? json = null, int width = 400)
    {
        var (console, text) = CliTestSupport.Console();
        console.Profile.Width = width;
        var exit = CompareCommand.Run(dir.FullName, axis, json, console);
        return (exit, text.ToString());
    }

    [Fact]
    public void Compare_SampleByRole_PrintsGroupsMatrixSharedAndDistinctive()
    {
        var (exit, output) = Compare(Sample, "role");

        Assert.Equal(0, exit);
        Assert.Contains("Stakeholder group (role)", output, StringComparison.Ordinal);
        Assert.Contains("Sources per code and group", output, StringComparison.Ordinal);
        Assert.Contains("Shared by every group (0)", output, StringComparison.Ordinal);
        Assert.Contains("Distinctive of Commissioners (2)", output, StringComparison.Ordinal);
        Assert.Contains("Peer support funded one year at a time", output, StringComparison.Ordinal);
        Assert.Contains("Structured interview answers", output, StringComparison.Ordinal);
        Assert.Contains("Descriptive only", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_In80Columns_NoLineIsWider()
    {
        // Six or more stakeholder groups and long code texts must still fit a standard terminal.
        var (exit, output) = Compare(Sample, "role", width: 80);

        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= 80, $"{l.Length} columns: {l}"));
        Assert.Contains(lines, l => l.Contains("Peer support funded one year at a time", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_SiteAxisDistinctiveCode_SaysKOfNSites()
    {
        var (_, output) = Compare(Sample, "employer");

        // Peer worker drawn into clinical tasks is coded at four of the five NHS sites and at no voluntary one.
        Assert.Contains("Peer worker drawn into clinical tasks (facilitation · Role characterisation; 4 of 5 NHS sites)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_JsonOption_WritesTheAxisComparison()
    {
        var json = new FileInfo(Path.Combine(_temp.FullName, "out", "employer.json"));

        var (exit, output) = Compare(Sample, "employer", json);

        Assert.Equal(0, exit);
        Assert.Contains($"Wrote {json.FullName}", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(json.FullName));
        var root = doc.RootElement;
        Assert.Equal("employer", root.GetProperty("axis").GetString());
        Assert.Equal(["nhs", "voluntary"], root.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("value").GetString()));
        Assert.True(root.GetProperty("shared").GetArrayLength() > 0);
        Assert.Equal("context", root.GetProperty("distinctive")[1].GetProperty("codes")[0].GetProperty("code").GetProperty("domain").GetString());
        Assert.Equal(3, root.GetProperty("interviewItems").GetArrayLength());
    }

    [Fact]
    public void Compare_AxisOutsideTheTrialsAxes_IsComputedAllTheSame()
    {
        // The sample's trial.json compares four axes; locality is not among them but is a characteristic of every site.
        var (exit, output) = Compare(Sample, "locality");

        Assert.Equal(0, exit);
        Assert.Contains("Locality (locality)", output, StringComparison.Ordinal);
        Assert.Contains("Distinctive of rural", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NumberCharacteristic_StatesTheMedianSplit()
    {
        var (exit, output) = Compare(Sample, "supervisor_days_per_week");

        Assert.Equal(0, exit);
        Assert.Contains("Split at the median of the 7 sites' values, 0.5", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_UpsidesSample_ByIncomeLevel()
    {
        var (exit, output) = Compare(Upsides, "income_level");

        Assert.Equal(0, exit);
        Assert.Contains("Framework upsides", output, StringComparison.Ordinal);
        Assert.Contains("Distinctive of low (5)", output, StringComparison.Ordinal);
        Assert.Contains("2 of 3 low sites", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_UnknownAxis_ExitsTwoNamingTheAxes()
    {
        var (exit, stdout, stderr) = CliTestSupport.Run("compare", Sample.FullName, "--by", "weather");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("no axis weather", line, StringComparison.Ordinal);
        Assert.Contains("organisational_context", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MissingFolder_OneLineNoStackTrace()
    {
        var (exit, _, stderr) = CliTestSupport.Run("compare", Path.Combine(_temp.FullName, "nowhere"), "--by", "role");

        Assert.Equal(2, exit);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_UnwritableJson_OneLineAndExitTwo()
    {
        // A file where the output folder should be.
        var blocker = Path.Combine(_temp.FullName, "blocker");
        File.WriteAllText(blocker, "");

        var (exit, _, stderr) = CliTestSupport.Run("compare", Sample.FullName, "--by", "role", "--json", Path.Combine(blocker, "role.json"));

        Assert.Equal(2, exit);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
