using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Reporting.Core.Tests.Fuzz;

/// <summary>
/// Volume fuzzing of the export contract (docs/testing.md): generated hostile inputs through Core in-process, each
/// with markers planted in its cells. No exception may escape, no marker may appear in any message, every issue keeps
/// the contract's shape, and no input may allocate beyond a bound proportional to its size. The suite runs a few
/// hundred cases; <c>scripts/fuzz.sh</c> runs ten thousand and prints the summary. A failure names the seed and
/// the case, and <c>FUZZ_SEED=… FUZZ_CASE=…</c> reruns exactly that case.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ContractFuzzTests(ITestOutputHelper output)
{
    /// <summary>The seed of the committed case list; any other seed gives another list.</summary>
    public const int DefaultSeed = 15;

    /// <summary>Cases in the suite's short run.</summary>
    public const int DefaultCases = 300;

    /// <summary>
    /// Allocation allowed for one case: a fixed part for the analysis of a sample trial, plus a multiple of the bytes
    /// handed over (for a zip, what its limits let it inflate to). Reading streams the files, so allocation grows with
    /// the data, never with a size some header claims or a record that never ends. Measured: contacts and participants
    /// allocate under 10 bytes per input byte, codings about 60, sites about 170 (each site gets its own results,
    /// characteristics and comparisons); the multiple leaves room above the largest.
    /// </summary>
    private const long FixedAllowance = 192L << 20;

    private const int AllowancePerInputByte = 256;

    [Fact]
    public async Task Fuzz_GeneratedHostileInputs_NoCrashNoLeakAndBoundedAllocation()
    {
        var seed = Env("FUZZ_SEED", DefaultSeed);
        var single = Environment.GetEnvironmentVariable("FUZZ_CASE") is { Length: > 0 } one ? int.Parse(one, CultureInfo.InvariantCulture) : (int?)null;
        var count = Env("FUZZ_CASES", DefaultCases);
        // Only the full command sets a hang guard: a case that does not finish in this many seconds fails the run
        // (it detects a hang, not a slow machine, so it is far above the slowest case ever seen).
        var hangSeconds = Env("FUZZ_HANG_SECONDS", 0);
        var indexes = single is { } s ? [s] : Enumerable.Range(0, count).ToArray();

        var outcomes = new List<FuzzOutcome>(indexes.Length);
        var heavy = new List<string>();
        var hung = new List<string>();
        var total = Stopwatch.StartNew();
        foreach (var index in indexes)
        {
            var c = CaseGenerator.Generate(seed, index);
            var determinism = index % 8 == 0;
            var allowance = Allowance(c);
            if (hangSeconds > 0)
            {
                try
                {
                    outcomes.Add(await Task.Run(() => FuzzRunner.Run(c, determinism)).WaitAsync(TimeSpan.FromSeconds(hangSeconds)));
                }
                catch (TimeoutException)
                {
                    hung.Add(c.ToString());
                    break;
                }
            }
            else
            {
                outcomes.Add(FuzzRunner.Run(c, determinism));
            }

            if (outcomes[^1].AllocatedBytes > allowance)
            {
                heavy.Add(Invariant($"{c}\n{outcomes[^1].AllocatedBytes} bytes allocated, allowance {allowance}"));
            }
        }

        total.Stop();
        var summary = Summary(seed, outcomes, total.Elapsed);
        output.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("FUZZ_REPORT") is { Length: > 0 } reportPath)
        {
            File.WriteAllText(reportPath, summary);
        }

        var crashes = outcomes.Where(o => o.Crash is not null).ToList();
        var leaks = outcomes.Where(o => o.Leaks.Count > 0).ToList();
        var problems = outcomes.Where(o => o.Problems.Count > 0).ToList();
        var failures = new StringBuilder();
        foreach (var o in crashes.Take(10))
        {
            failures.Append("CRASH ").Append(o.Case).Append('\n').Append(o.Crash).Append("\n\n");
        }

        foreach (var o in leaks.Take(10))
        {
            failures.Append("LEAK ").Append(o.Case).Append('\n').AppendJoin('\n', o.Leaks.Take(5)).Append("\n\n");
        }

        foreach (var o in problems.Take(10))
        {
            failures.Append("ISSUE SHAPE ").Append(o.Case).Append('\n').AppendJoin('\n', o.Problems.Distinct().Take(5)).Append("\n\n");
        }

        foreach (var h in heavy.Take(10))
        {
            failures.Append("ALLOCATION ").Append(h).Append("\n\n");
        }

        foreach (var h in hung)
        {
            failures.Append("HANG (over ").Append(hangSeconds).Append(" s) ").Append(h).Append("\n\n");
        }

        Assert.True(failures.Length == 0, Invariant($"{crashes.Count} crashes, {leaks.Count} cases leaking markers, {problems.Count} with malformed issues, {heavy.Count} over the allocation allowance, {hung.Count} hung (rerun one with FUZZ_SEED={seed} FUZZ_CASE=<case>):\n\n") + failures);
        Assert.Equal(indexes.Length, outcomes.Count);
    }

    /// <summary>The generator is deterministic: the same seed and index give the same bytes, so a failure reported
    /// by the full run is reproduced from its two numbers.</summary>
    [Fact]
    public void CaseGenerator_SameSeedAndIndex_SameInput()
    {
        for (var index = 0; index < CaseGenerator.Categories.Count * 2; index++)
        {
            var a = CaseGenerator.Generate(DefaultSeed, index);
            var b = CaseGenerator.Generate(DefaultSeed, index);

            Assert.Equal(a.ToString(), b.ToString());
            Assert.Equal(Fingerprint(a), Fingerprint(b));
            Assert.True(a.MarkersPlanted > 0, a.ToString());
        }

        Assert.NotEqual(Fingerprint(CaseGenerator.Generate(DefaultSeed, 0)), Fingerprint(CaseGenerator.Generate(DefaultSeed + 1, 0)));
    }

    /// <summary>A zip the generator builds with ZipArchive carries a fixed entry time, not the clock's: otherwise the
    /// same case gave other bytes whenever its two generations fell on either side of a two-second DOS time step.</summary>
    [Fact]
    public void ZipBuilder_Standard_EntryTimeIsFixedNotTheClock()
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(ZipBuilder.Standard([("sites.csv", [1, 2, 3])])));

        Assert.Equal(new DateTime(2020, 1, 1), Assert.Single(zip.Entries).LastWriteTime.DateTime);
    }

    /// <summary>The bases, once marked, are valid exports that build a run: the fuzzer starts from inputs the
    /// contract accepts, so what it finds is caused by its mutations, and markers stand in every cell the analysis reads.</summary>
    [Fact]
    public void FuzzExport_MarkedBases_ValidateWithoutErrorsAndBuildARun()
    {
        foreach (var b in FuzzExport.Bases)
        {
            var marked = b.Marked(new Markers(1, 1));
            var result = TrialPipeline.Run([.. marked.Files().Select(f => Export.ExportFile.FromBytes(f.Name, f.Content))]);

            Assert.False(result.HasErrors, b.Name + ": " + string.Join("\n", result.AllIssues.Take(5)));
            Assert.NotNull(result.Run);
            Assert.All(result.Run.Sites, s => Assert.Matches(Markers.Pattern(), s.SiteId));
            Assert.All(result.Run.Sites, s => Assert.Matches(Markers.Pattern(), s.SiteName));
        }
    }

    /// <summary>The leak check itself finds a marker in an issue's text, whatever its letter case.</summary>
    [Theory]
    [InlineData("participants.csv:3:site_id: error unknown-site: MKfi12x3 is not in sites.csv.", 1)] // a message that echoes a cell
    [InlineData("role is not one of mk1i2x3, MK1I2X4", 2)] // echoed in another letter case
    [InlineData("site_id is not in sites.csv. Add the site or correct the id.", 0)] // the contract's own wording
    public void Markers_Find_FindsEchoedMarkersOnly(string text, int expected)
    {
        Assert.Equal(expected, Markers.Find(text).Count());
    }

    private static long Allowance(FuzzCase c)
    {
        var input = c.InputBytes;
        if (c.Kind == FuzzInputKind.Zip)
        {
            // A zip inflates its entries: allow for what the zip limits let it inflate to, never what it merely declares.
            var limits = c.ZipLimits ?? Export.ZipLimits.Default;
            input = Math.Max(input, Math.Min(limits.MaxUnpackedBytes, (long)(c.Zip!.LongLength * limits.MaxRatio)));
        }

        return FixedAllowance + (AllowancePerInputByte * input);
    }

    private static string Fingerprint(FuzzCase c)
    {
        var sb = new StringBuilder(c.ToString());
        foreach (var (name, content) in c.Files)
        {
            sb.Append(name).Append(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content)));
        }

        if (c.Zip is { } zip)
        {
            sb.Append(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(zip)));
        }

        if (c.Qca is { } q)
        {
            sb.Append(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(q.Content)));
        }

        return sb.ToString();
    }

    private static string Summary(int seed, List<FuzzOutcome> outcomes, TimeSpan elapsed)
    {
        var sb = new StringBuilder();
        sb.Append(Invariant($"Contract fuzz, seed {seed}: {outcomes.Count} inputs in {elapsed.TotalSeconds:F1} s; "))
            .Append(Invariant($"{outcomes.Count(o => o.Crash is not null)} crashes, {outcomes.Count(o => o.Leaks.Count > 0)} leaking markers, "))
            .Append(Invariant($"{outcomes.Count(o => o.Problems.Count > 0)} with malformed issues; {outcomes.Count(o => o.Analysed)} analysed; "))
            .Append(Invariant($"{outcomes.Sum(o => (long)o.MarkersPlanted)} markers planted, {outcomes.Sum(o => (long)o.Issues)} issue texts scanned.\n"));
        foreach (var group in outcomes.GroupBy(o => o.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.Append(Invariant($"  {group.Key,-11} {group.Count(),6} inputs, slowest {group.Max(o => o.Milliseconds),8:F0} ms, most allocated {group.Max(o => o.AllocatedBytes) / (1 << 20),5} MiB\n"));
        }

        sb.Append("  slowest:\n");
        foreach (var o in outcomes.OrderByDescending(o => o.Milliseconds).Take(5))
        {
            sb.Append(Invariant($"    {o.Milliseconds,8:F0} ms  {o.AllocatedBytes / (1 << 20),5} MiB  {o.Case}\n"));
        }

        sb.Append(Invariant($"  peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB\n"));
        return sb.ToString();
    }

    private static int Env(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
