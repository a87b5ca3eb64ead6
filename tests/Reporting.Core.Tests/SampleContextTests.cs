using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Core.Validation;

namespace Reporting.Core.Tests;

/// <summary>The committed samples through the pipeline: the comparison by context, the frameworks, the structured answers.</summary>
public class SampleContextTests
{
    private static readonly Lazy<PipelineResult> PeerSupport = new(() => Run(RepoPaths.Sample));

    private static readonly Lazy<PipelineResult> Upsides = new(() => Run(Path.Combine(RepoPaths.Root, "samples", "upsides-synthetic")));

    private static PipelineResult Run(string folder) => TrialPipeline.Run(Directory.EnumerateFiles(folder)
        .Where(f => ExportFiles.Recognise(f) is not null)
        .Order(StringComparer.Ordinal)
        .Select(f => new ExportFile(Path.GetFileName(f), () => File.OpenRead(f)))
        .ToList());

    [Fact]
    public void PeerSupportSample_ParihsEnrich_NoConstructOutsideTheFramework()
    {
        var result = PeerSupport.Value;

        Assert.DoesNotContain(result.AllIssues, i => i.Code is IssueCodes.UnknownConstruct or IssueCodes.UnknownDomain or IssueCodes.UnknownRole or IssueCodes.RoleConflict);
        Assert.Equal("parihs-enrich", result.Run!.Framework.Name);
        Assert.Empty(result.Run.Framework.Uncoded);
        Assert.Equal(DatasetKind.Interviews, result.Run.Provenance.Files[^1].Kind);
    }

    [Fact]
    public void PeerSupportSample_EveryDeclaredAxisCompared_WithStructuredAnswers()
    {
        var run = PeerSupport.Value.Run!;

        Assert.Equal(["employer", "organisational_context", "service_setting", "role"], run.Comparisons.Select(c => c.Axis));
        Assert.All(run.Comparisons, c => Assert.Equal(3, c.InterviewItems.Count));
        // Commissioners were interviewed only at S5 and S7; their two codes are theirs alone.
        Assert.Equal(2, run.Comparison("role")!.DistinctiveOf("commissioner").Count);
        var voluntary = run.Comparison("employer")!.DistinctiveOf("voluntary");
        Assert.Equal(["Voluntary sector host gives independence from the clinical team"], voluntary.Select(c => c.Code.Code));
    }

    [Fact]
    public void UpsidesSample_ValidatesCleanly_AndComparesByIncomeLevel()
    {
        var result = Upsides.Value;
        var run = result.Run!;

        Assert.Empty(result.AllIssues);
        var income = run.Comparison("income_level")!;
        Assert.Equal(["high", "low"], income.Groups.Select(g => g.Value));
        Assert.Equal(7, income.Shared.Count);
        Assert.Equal(4, income.DistinctiveOf("high").Count);
        Assert.Equal(5, income.DistinctiveOf("low").Count);
        // "Service users choose their own peer worker" was said at U1 only: 1 of the 2 high-income sites.
        var choose = income.DistinctiveOf("high").Single(c => c.Code.Code == "Service users choose their own peer worker");
        Assert.Equal((1, 2, true), (choose.SitesWithCode!.Value, choose.Sites!.Value, choose.HeldBySomeSites));
    }

    [Fact]
    public void UpsidesSample_Coverage_ProgressiveIsTheOnlyUncodedConstruct()
    {
        var framework = Upsides.Value.Run!.Framework;

        Assert.Equal("upsides", framework.Name);
        Assert.Equal([new ConstructRef("principles", "Progressive")], framework.Uncoded);
        // The coverage follows the framework: the eight principles, the five influences, then other.
        Assert.Equal(
            ["Mutual", "Reciprocal", "Non-directive", "Recovery-focused", "Strengths-based", "Inclusive", "Progressive", "Safe"],
            framework.Coverage.Where(r => r.Domain == "principles").Select(r => r.Construct));
        Assert.Equal("other", framework.Coverage[^1].Domain);
    }
}
