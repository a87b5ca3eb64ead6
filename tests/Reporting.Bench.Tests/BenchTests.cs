using Reporting.TestSupport;

namespace Reporting.Bench.Tests;

public sealed class BenchTests
{
    private static readonly DirectoryInfo Sample = new(RepoPaths.Sample);

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
        // The same path the benchmark takes: a fresh process running its hidden phase command.
        var child = ChildProcess.RunSelf(["phase", BenchPhases.Parse, Sample.FullName]);

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

    [Fact]
    public void ChildProcess_Run_MeasuresCpuAndPeakOfThatChild()
    {
        // A shell that burns CPU for a while: its CPU time comes from the kernel's accounting of reaped children.
        var child = ChildProcess.Run("/bin/sh", ["-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; echo done"]);

        Assert.Equal(0, child.ExitCode);
        Assert.Equal("done", child.Stdout.Trim());
        Assert.True(child.CpuMs > 0, $"CPU {child.CpuMs}");
        Assert.True(child.CpuMs <= child.ProcessMs * 2.5, $"CPU {child.CpuMs} wall {child.ProcessMs}: one single-threaded child cannot use much more CPU than wall time");
        Assert.True(child.PeakRssBytes > 0, $"peak {child.PeakRssBytes}");
    }

    [Fact]
    public void MetricsSites_ReadsTheCliMetricsJson()
    {
        // The shape MetricsDocument is written in (camelCase); a site without contacts has null counts, read as 0.
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """
            { "trialId": "t", "runId": "r", "dataCutOff": "2020-01-01",
              "sites": [ { "siteId": "S1", "offered": 60, "engaged": 48 }, { "siteId": "S2", "offered": null, "engaged": null } ],
              "pooled": { "siteId": "pooled", "offered": 60, "engaged": 48 } }
            """);
        try
        {
            Assert.Equal([new SiteCount("S1", 60, 48), new SiteCount("S2", 0, 0)], BenchCommand.MetricsSites(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PeerSummary_ProcessRatio_IsMetricsOverR()
    {
        var peer = new PeerSummary("large", MetricsProcessMs: 450, RProcessMs: 1000, CSharpMs: 300, RMs: 600, RThreads: 2, [], [], null);

        Assert.Equal(0.45, peer.ProcessRatio);
        Assert.Equal(2.0, peer.Ratio);
        Assert.False(peer.Mismatch);
    }

    [Fact]
    public void PeerSummary_MetricsDisagreeWithR_IsAMismatch()
    {
        var differences = EngagementCheck.Compare([new SiteCount("S1", 60, 48)], [new SiteCount("S1", 60, 47)]);
        var peer = new PeerSummary("large", 450, 1000, 300, 600, 2, [], differences, null);

        Assert.True(peer.Mismatch);
    }

    [Fact]
    public void ProcessSummary_From_TakesMediansOfWallCpuAndPeak()
    {
        ChildOutput Run(double ms, double cpu, long mb) => new(0, "", "", ms, cpu, mb * 1048576);

        var summary = ProcessSummary.From("t", "reporting metrics", [Run(300, 200, 100), Run(100, 90, 80), Run(200, 150, 90)], null);

        Assert.Equal((200.0, 100.0, 300.0, 150.0, 90.0), (summary.MedianMs!.Value, summary.MinMs!.Value, summary.MaxMs!.Value, summary.MedianCpuMs!.Value, summary.MedianPeakMb!.Value));
        Assert.False(summary.Failed);
        Assert.True(ProcessSummary.From("t", "x", [Run(1, 1, 1)], "exited with 1").Failed);
    }

    [Fact]
    public void AppLoadSummary_RatesAndNearestRankPercentiles()
    {
        // 20 latencies 100, 200, ..., 2000 ms: nearest rank p50 is the 10th (1000), p95 the 19th (1900).
        var latencies = Enumerable.Range(1, 20).Select(i => i * 100.0).ToList();
        var summary = new AppLoadSummary(Trials: 20, Ran: 20, UploadSeconds: 10, TotalSeconds: 60, Reports: 160, latencies, null);

        Assert.Equal((1000.0, 1900.0), (summary.P50Ms!.Value, summary.P95Ms!.Value));
        Assert.Equal((120.0, 20.0, 160.0), (summary.UploadsPerMinute, summary.RunsPerMinute, summary.ReportsPerMinute));
        Assert.True(summary.AllRan);
        Assert.False((summary with { Ran = 19 }).AllRan);
    }

    [Theory]
    [InlineData(true, "Phases, native (medians of 3 runs, each in a fresh native process of artifacts/bench/phases/reporting-bench-phases)")] // --phases with the native publish
    [InlineData(false, "Phases, JIT (medians of 3 runs, each in a fresh JIT process of artifacts/bench/phases/reporting-bench-phases)")] // the fallback or a .dll: the table must not pass for native
    public void Markdown_PhaseHeading_SaysNativeOrJit(bool native, string heading)
    {
        var phase = PhaseSummary.From("sample", BenchPhases.Render, [(new PhaseResult(BenchPhases.Render, PhaseResult.Ok, 400, 1 << 26, true, null, null, null, null), 500.0)]);
        var identity = IdentitySummary.Compared("sample", "native CLI", new OutputComparison(9, []));
        var run = new BenchRun("Machine.", 3, "artifacts/bench/cli/reporting", [new TrialSummary("sample", "samples/x", null)], [phase], [], [], null)
        {
            PhaseRunner = "artifacts/bench/phases/reporting-bench-phases",
            NativePhases = native,
            Identity = [identity],
        };

        var markdown = BenchReport.Markdown(run);

        Assert.Contains(heading + ":\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n- output (sample): native CLI and JIT build identical (9 files)\n", markdown, StringComparison.Ordinal);
        Assert.Contains(native ? "\n- Phases: native, " : "\n- Phases: JIT, ", markdown, StringComparison.Ordinal);
    }
}
