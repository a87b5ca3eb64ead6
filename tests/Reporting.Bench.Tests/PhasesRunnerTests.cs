using Reporting.TestSupport;

namespace Reporting.Bench.Tests;

public sealed class PhasesRunnerTests
{
    private static readonly DirectoryInfo Sample = new(RepoPaths.Sample);

    /// <summary>The phases runner's build, copied beside the tests by the project reference (not the native publish,
    /// which scripts/bench.sh makes): the same entry point, run on the JIT by dotnet.</summary>
    private static readonly FileInfo RunnerDll = new(Path.Combine(AppContext.BaseDirectory, "reporting-bench-phases.dll"));

    [Fact]
    public void PhasesRunner_ChildProcess_PrintsAParseableResult()
    {
        // What reporting-bench --phases does for each run: a fresh process of the runner with <phase> <dir>.
        var runner = PhaseRunner.Of(RunnerDll);

        var child = runner.Run(BenchPhases.Parse, Sample);

        Assert.True(child.ExitCode == 0, child.Stderr);
        var result = PhaseResult.Parse(child.Stdout);
        Assert.NotNull(result);
        Assert.Equal((BenchPhases.Parse, PhaseResult.Ok), (result.Phase, result.Status));
        Assert.Equal(new TrialCounts(7, 590, 1700, result.Counts!.Bytes), result.Counts);
        Assert.True(result.InputBytes > 0);
        Assert.Equal(result.InputBytes, result.Counts.Bytes);
        Assert.True(result.PeakRssBytes > 0);
    }

    [Fact]
    public void PhasesRunner_EngagementChild_GivesCoresPerSiteNumbers()
    {
        // The per-site numbers cross a process boundary as JSON: the sample's golden S1 is 48 engaged of 60 offered.
        var child = PhaseRunner.Of(RunnerDll).Run(BenchPhases.Engagement, Sample);

        Assert.True(child.ExitCode == 0, child.Stderr);
        var result = PhaseResult.Parse(child.Stdout);
        Assert.NotNull(result);
        Assert.Equal(7, result.Sites!.Count);
        Assert.Contains(new SiteCount("S1", 60, 48), result.Sites);
    }

    [Theory]
    [InlineData("nonsense", "samples/peer-support-synthetic")] // not a phase: usage, no result
    [InlineData("parse", "samples/no-such-folder")] // no export there: one line, no stack trace
    public void PhasesRunner_BadArguments_ExitTwoWithoutAResult(string phase, string folder)
    {
        var child = PhaseRunner.Of(RunnerDll).Run(phase, new DirectoryInfo(RepoPaths.Of(folder.Split('/'))));

        Assert.Equal(2, child.ExitCode);
        Assert.Null(PhaseResult.Parse(child.Stdout));
        Assert.Single(child.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void PhaseRunner_Kinds_NativeOnlyForAnExecutableWithoutItsAssembly()
    {
        // The fallback and a .dll run on the JIT; the tables say "JIT" for them (BenchRun.PhaseKind).
        Assert.False(PhaseRunner.Self.Native);
        Assert.False(PhaseRunner.Of(RunnerDll).Native);

        var dir = Directory.CreateTempSubdirectory("bench-tests-");
        try
        {
            var native = new FileInfo(Path.Combine(dir.FullName, "reporting-bench-phases"));
            File.WriteAllBytes(native.FullName, [0x7f]);
            Assert.True(PhaseRunner.Of(native).Native);

            // An apphost with its assembly beside it is a JIT build.
            File.WriteAllBytes(Path.ChangeExtension(native.FullName, ".dll"), [0]);
            Assert.False(PhaseRunner.Of(native).Native);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void PhaseResultJson_RoundTrip_KeepsEveryField()
    {
        var sites = new[] { new SiteCount("S1", 60, 48), new SiteCount("S2", 41, 21) };
        var written = new PhaseResult(BenchPhases.Engagement, PhaseResult.Ok, 12.25, 3L << 30, false, 165_595, "a note", sites, new TrialCounts(7, 590, 1700, 165_595));

        var line = written.ToJsonLine();
        var read = PhaseResult.Parse(line);

        Assert.NotNull(read);
        Assert.Equal(written with { Sites = null }, read with { Sites = null });
        Assert.Equal(sites, read.Sites);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void PhaseResultJson_CamelCaseAndNullsLeftOut()
    {
        // The line is read by another process, possibly another build: the names and the missing fields are the contract.
        var line = new PhaseResult(BenchPhases.Render, PhaseResult.Failed, 0, 1024, true, null, null, null, null).ToJsonLine();

        Assert.Equal("""{"phase":"render","status":"failed","wallMs":0,"peakRssBytes":1024,"peakExcludesSetUp":true}""", line);
    }
}
