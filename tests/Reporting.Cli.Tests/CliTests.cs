using System.Text.Json;
using Reporting.Cli;
using Spectre.Console;

namespace Reporting.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("reporting-cli-");

    private static string Sample => CliTestSupport.Sample;

    private static (IAnsiConsole Console, StringWriter Text) Console() => CliTestSupport.Console();

    private DirectoryInfo CopySample() => CliTestSupport.CopySample(_temp);

    private static void Plant(DirectoryInfo dir, string file, int line, int field, string value) => CliTestSupport.Plant(dir, file, line, field, value);

    [Fact]
    public void Validate_Sample_ExitsZeroWithNoErrors()
    {
        var (console, text) = Console();

        var exit = ValidateCommand.Run(Sample, console);

        Assert.Equal(0, exit);
        // The sample holds two contacts dated before randomisation on purpose (warnings: not counted).
        Assert.Contains("0 errors, 2 warnings: accepted.", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlantedFaults_EachShownWithFileLineAndColumn()
    {
        var dir = CopySample();
        Plant(dir, "participants.csv", 10, 1, "S99");        // unknown site
        Plant(dir, "participants.csv", 20, 3, "2091-03-01");  // date after the cut-off
        Plant(dir, "contacts.csv", 30, 5, "maybe");           // bad status enum
        Plant(dir, "fidelity.csv", 5, 4, "7");                // score out of range
        var (console, text) = Console();

        var exit = ValidateCommand.Run(dir.FullName, console);

        var output = text.ToString();
        Assert.Equal(1, exit);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("participants.csv(10,2): error unknown-site: site_id: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("participants.csv(20,4): error date-after-cutoff: randomised_on: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("contacts.csv(30,6): error invalid-enum: status: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("fidelity.csv(5,5): error score-out-of-range: score: ", StringComparison.Ordinal));
        Assert.DoesNotContain("S99", output, StringComparison.Ordinal);
        Assert.DoesNotContain("2091", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_JsonOption_WritesIssuesWithPositions()
    {
        var dir = CopySample();
        Plant(dir, "participants.csv", 10, 1, "S99");
        var json = new FileInfo(Path.Combine(_temp.FullName, "validation.json"));
        var (console, _) = Console();

        var exit = ValidateCommand.Run(dir.FullName, console, json: json);

        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(File.ReadAllText(json.FullName));
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        var participants = doc.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("fileName").GetString() == "participants.csv");
        var issue = participants.GetProperty("issues").EnumerateArray().Single();
        Assert.Equal((10, "site_id", "unknown-site"), (issue.GetProperty("line").GetInt32(), issue.GetProperty("column").GetString(), issue.GetProperty("code").GetString()));
        Assert.DoesNotContain("S99", File.ReadAllText(json.FullName), StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_Sample_WritesPerSiteAndPooledJson()
    {
        var json = new FileInfo(Path.Combine(_temp.FullName, "m.json"));
        var (console, _) = Console();

        var exit = MetricsCommand.Run(Sample, json, console);

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(File.ReadAllText(json.FullName));
        var sites = doc.RootElement.GetProperty("sites");
        Assert.Equal(7, sites.GetArrayLength());
        var s1 = sites[0];
        foreach (var name in new[] { "offered", "engaged", "pending", "engagement", "ciLow", "ciHigh", "fidelity" })
        {
            Assert.True(s1.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number, name);
        }

        Assert.Equal(48, s1.GetProperty("engaged").GetInt32());
        Assert.Equal(295, doc.RootElement.GetProperty("pooled").GetProperty("offered").GetInt32());
    }

    [Fact]
    public void Analyse_Sample_WritesRunJson()
    {
        var output = _temp.CreateSubdirectory("out");
        var (console, _) = Console();

        var exit = AnalyseCommand.Run(Sample, output, console);

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.FullName, "run.json")));
        Assert.Equal(5, doc.RootElement.GetProperty("crossCase").GetProperty("cases").GetArrayLength());
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
