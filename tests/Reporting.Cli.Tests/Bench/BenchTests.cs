using Reporting.Cli.Bench;

namespace Reporting.Cli.Tests.Bench;

public sealed class BenchTests
{
    private static readonly DirectoryInfo Sample = new(Path.Combine(Root(), "samples", "peer-support-synthetic"));

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reporting.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Reporting.sln not found.");
    }

    [Fact]
    public void Compare_SameNumbers_Match()
    {
        var csharp = new[] { new SiteCount("S1", 60, 48), new SiteCount("S2", 41, 21) };
        var r = new[] { new SiteCount("S2", 41, 21), new SiteCount("S1", 60, 48) };

        Assert.Empty(EngagementCheck.Compare(csharp, r));
    }

    [Fact]
    public void Compare_DifferentEngaged_FlagsThatSite()
    {
        var csharp = new[] { new SiteCount("S1", 60, 48), new SiteCount("S2", 41, 21) };
        var r = new[] { new SiteCount("S1", 60, 48), new SiteCount("S2", 41, 22) };

        var difference = Assert.Single(EngagementCheck.Compare(csharp, r));
        Assert.Equal("S2", difference.SiteId);
        Assert.Equal("S2: C# 21/41 vs R 22/41", difference.ToString());
    }

    [Fact]
    public void Compare_SiteMissingOnOneSide_FlagsItUnlessNobodyWasOffered()
    {
        // R only sees sites that have peer-support participants; a site with none offered is absent there, not different.
        var csharp = new[] { new SiteCount("S1", 60, 48), new SiteCount("S2", 0, 0), new SiteCount("S3", 5, 1) };
        var r = new[] { new SiteCount("S1", 60, 48), new SiteCount("S4", 3, 3) };

        var differences = EngagementCheck.Compare(csharp, r);

        Assert.Equal(["S3", "S4"], differences.Select(d => d.SiteId));
    }

    [Fact]
    public void ParseROutput_ReadsElapsedThreadsAndSites()
    {
        const string output = "# elapsed_ms 39.5 threads 2\nsite_id,offered,engaged\nS1,60,48\nS10,138,47\n";

        var (elapsed, threads, sites) = RPeer.ParseOutput(output);

        Assert.Equal(39.5, elapsed);
        Assert.Equal(2, threads);
        Assert.Equal([new SiteCount("S1", 60, 48), new SiteCount("S10", 138, 47)], sites);
    }

    [Theory]
    [InlineData("site_id,offered,engaged\nS1,60,48\n")] // no elapsed line
    [InlineData("# elapsed_ms 39.5 threads 2\nS1,60,48\n")] // no header
    [InlineData("# elapsed_ms 39.5 threads 2\nsite_id,offered,engaged\nS1,60\n")] // a short row
    public void ParseROutput_Malformed_Throws(string output)
    {
        Assert.ThrowsAny<FormatException>(() => RPeer.ParseOutput(output));
    }

    [Fact]
    public void ParsePhaseResult_IgnoresOtherLines()
    {
        var line = new PhaseResult("parse", PhaseResult.Ok, 12.5, 1 << 20, true, 1000, null, null, new TrialCounts(7, 590, 1700, 1000)).ToJsonLine();

        var result = PhaseResult.Parse("warming up\n" + line + "\n");

        Assert.NotNull(result);
        Assert.Equal(("parse", PhaseResult.Ok, 12.5, 1L << 20), (result.Phase, result.Status, result.WallMs, result.PeakRssBytes));
        Assert.Equal(new TrialCounts(7, 590, 1700, 1000), result.Counts);
        Assert.Null(PhaseResult.Parse("no result here\n"));
    }

    [Fact]
    public void EngagementPhase_InProcess_GivesCoresPerSiteNumbers()
    {
        // The numbers the R peer is checked against are Core's: the sample's golden S1 is 48 engaged of 60 offered.
        var result = BenchPhases.Run(BenchPhases.Engagement, Sample);

        Assert.Equal(PhaseResult.Ok, result.Status);
        Assert.Equal(7, result.Sites!.Count);
        Assert.Contains(new SiteCount("S1", 60, 48), result.Sites);
        Assert.True(result.PeakRssBytes > 0);
    }

    [Fact]
    public void BenchPhase_ChildProcess_PrintsAParseableResult()
    {
        // The same path `reporting bench` takes: a fresh process running the hidden bench-phase command.
        var child = ChildProcess.RunSelf(["bench-phase", BenchPhases.Parse, Sample.FullName]);

        Assert.True(child.ExitCode == 0, child.Stderr);
        var result = PhaseResult.Parse(child.Stdout);
        Assert.NotNull(result);
        Assert.Equal((BenchPhases.Parse, PhaseResult.Ok), (result.Phase, result.Status));
        Assert.Equal(7, result.Counts!.Sites);
        Assert.Equal(590, result.Counts.Participants);
        Assert.True(result.InputBytes > 0);
        Assert.True(result.PeakRssBytes > 0);
    }

    [Fact]
    public void BenchPhase_UnknownPhase_IsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => BenchPhases.Run("nonsense", Sample));
    }

    [Theory]
    [InlineData("sample=samples/x", "sample", "x")] // label=folder
    [InlineData("samples/large", "large", "large")] // a folder alone is labelled by its name
    public void TrialArgument_LabelOrFolderName(string argument, string label, string folder)
    {
        var (name, dir) = BenchCommand.Trial(argument);

        Assert.Equal((label, folder), (name, dir.Name));
    }

    [Fact]
    public void Median_OddAndEvenCounts()
    {
        Assert.Equal(3, Stats.Median([5, 1, 3]));
        Assert.Equal(2.5, Stats.Median([4, 1, 3, 2]));
    }
}
