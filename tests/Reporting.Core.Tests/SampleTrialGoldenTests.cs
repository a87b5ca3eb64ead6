using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Reporting.Core.Analysis;
using Reporting.Core.Export;

namespace Reporting.Core.Tests;

/// <summary>The committed synthetic sample trial against reviewed expected files.</summary>
public class SampleTrialGoldenTests
{
    private static readonly Lazy<PipelineResult> Result = new(() =>
    {
        var files = Directory.EnumerateFiles(RepoPaths.Sample)
            .Where(f => ExportFiles.Recognise(f) is not null)
            .Select(f => new ExportFile(Path.GetFileName(f), () => File.OpenRead(f)))
            .ToList();
        return TrialPipeline.Run(files);
    });

    [Fact]
    public void SampleTrial_ValidatesWithoutErrors()
    {
        var result = Result.Value;

        Assert.DoesNotContain(result.AllIssues, i => i.Severity == Validation.Severity.Error);
        Assert.NotNull(result.Run);
    }

    [Fact]
    public void SampleTrial_Metrics_MatchGolden()
    {
        var metrics = MetricsDocument.From(Result.Value.Run!);

        Golden.Check(RepoPaths.Data("peer-support-synthetic.metrics.expected.json"), RunModelJson.SerializeValue(metrics));
    }

    [Fact]
    public void SampleTrial_MetricsFromBundle_MatchGolden()
    {
        // What `reporting metrics` computes: the metrics alone, from the bundle, without building the rest of the run.
        var files = Directory.EnumerateFiles(RepoPaths.Sample)
            .Where(f => ExportFiles.Recognise(f) is not null)
            .Select(f => new ExportFile(Path.GetFileName(f), () => File.OpenRead(f)))
            .ToList();
        var bundle = ExportBundleReader.Read(files);

        Assert.Null(TrialPipeline.NotRunReason(bundle));
        var metrics = MetricsDocument.From(bundle, TrialPipeline.Version);

        Golden.Check(RepoPaths.Data("peer-support-synthetic.metrics.expected.json"), RunModelJson.SerializeValue(metrics));
    }

    [Fact]
    public void SampleTrial_Comparison_MatchGolden()
    {
        var run = Result.Value.Run!;
        var comparison = new { run.Classification, run.Spearman, run.CrossCase.Cases, run.CrossCase.Patterns };

        Golden.Check(RepoPaths.Data("peer-support-synthetic.comparison.expected.json"), JsonSerializer.Serialize(comparison, WithReflection) + "\n");
    }

    // The comparison golden's shape is this test's own (an anonymous type), which the pipeline's build-time serialisers
    // do not know: its members are still serialised by them, the anonymous type around them by reflection.
    private static readonly JsonSerializerOptions WithReflection = new(RunModelJson.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(RunModelJson.Options.TypeInfoResolver, new DefaultJsonTypeInfoResolver()),
    };

    [Fact]
    public void SampleTrial_HasTheDesignedCases()
    {
        var run = Result.Value.Run!;

        var roles = run.CrossCase.Cases.ToDictionary(c => c.SiteId, c => c.Role);
        Assert.Equal(CaseRole.HighHigh, roles["S1"]);
        Assert.Equal(CaseRole.HighHigh, roles["S3"]);
        Assert.Equal(CaseRole.LowLow, roles["S4"]);
        Assert.Equal(CaseRole.LowLow, roles["S6"]);
        Assert.Equal(CaseRole.Outlier, roles["S2"]);
        Assert.Equal(5, roles.Count);
        var p = run.CrossCase.Patterns!;
        Assert.NotEmpty(p.A.Codes);
        Assert.NotEmpty(p.B.Codes);
        Assert.NotEmpty(p.C.Codes);
        var d = Assert.Single(p.D);
        Assert.NotEmpty(d.SharedWithHighHigh);
        Assert.NotEmpty(d.SharedWithLowLow);
        Assert.NotEmpty(d.Unique);
        Assert.All(p.B.Codes, c => Assert.NotEmpty(c.Excerpts));
        Assert.InRange(run.Pooled.Engagement!.Proportion.Value!.Value, 0.60, 0.64);
    }
}
