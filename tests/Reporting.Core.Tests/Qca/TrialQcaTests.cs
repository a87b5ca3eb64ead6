using System.Text;
using System.Text.Json.Nodes;
using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Core.Qca;
using Reporting.Core.Validation;

namespace Reporting.Core.Tests.Qca;

/// <summary>trial.json <c>qca</c>, the sites as QCA cases, and run.json <c>qca</c>.</summary>
public class TrialQcaTests
{
    private const string Example = """
        { "outcome": "engagement", "conditions": ["employer=nhs", "supervisor_days_per_week>=1", "code:Clear written role distinct from clinical roles"], "inclCut": 0.8 }
        """;

    private static TrialSettingsReader.Result ReadTrial(string qca)
    {
        var json = Exports.Trial.TrimEnd().TrimEnd('}') + ", \"qca\": " + qca + " }";
        return TrialSettingsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), ExportLimits.Default);
    }

    [Fact]
    public void TrialSettingsReader_ContractExample_ReadsOutcomeConditionsAndCut()
    {
        var result = ReadTrial(Example);

        Assert.Empty(result.Issues);
        var qca = result.Settings!.Qca!;
        Assert.Equal(QcaSetSource.EngagementHigh, qca.Outcome.Source);
        Assert.Equal([QcaSetSource.CharacteristicEquals, QcaSetSource.CharacteristicThreshold, QcaSetSource.Code], qca.Conditions.Select(c => c.Source));
        Assert.Equal(("employer", "nhs"), (qca.Conditions[0].Characteristic, qca.Conditions[0].Value));
        Assert.Equal((ThresholdOperator.AtLeast, 1.0), (qca.Conditions[1].Operator!.Value, qca.Conditions[1].Threshold!.Value));
        Assert.Equal("Clear written role distinct from clinical roles", qca.Conditions[2].Code);
        Assert.Equal((0.8, (double?)null, 1, 0.0), (qca.InclCut, qca.ContradictionCut, qca.NCut, qca.PriCut));
    }

    [Fact]
    public void TrialSettingsReader_NoQca_SettingsHaveNone()
    {
        var result = TrialSettingsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(Exports.Trial)), ExportLimits.Default);

        Assert.Null(result.Settings!.Qca);
    }

    [Theory]
    // conditions missing altogether
    [InlineData("""{ "outcome": "engagement" }""", "qca.conditions", IssueCodes.MissingSetting)]
    // outcome missing
    [InlineData("""{ "conditions": ["employer=nhs"] }""", "qca.outcome", IssueCodes.MissingSetting)]
    // a condition with no operator is neither a value nor a threshold
    [InlineData("""{ "outcome": "engagement", "conditions": ["employer"] }""", "qca.conditions[0]", IssueCodes.InvalidSetting)]
    // the notation's own characters cannot be in a set name
    [InlineData("""{ "outcome": "engagement", "conditions": ["employer=nhs", "a*b=1"] }""", "qca.conditions[1]", IssueCodes.InvalidSetting)]
    // engagement is an outcome, not a condition
    [InlineData("""{ "outcome": "fidelity", "conditions": ["engagement"] }""", "qca.conditions[0]", IssueCodes.InvalidSetting)]
    // a threshold that is not a number
    [InlineData("""{ "outcome": "engagement", "conditions": ["beds>=many"] }""", "qca.conditions[0]", IssueCodes.InvalidSetting)]
    // the same condition twice
    [InlineData("""{ "outcome": "engagement", "conditions": ["employer=nhs", "EMPLOYER=nhs"] }""", "qca.conditions[1]", IssueCodes.InvalidSetting)]
    // a consistency cut-off above 1
    [InlineData("""{ "outcome": "engagement", "conditions": ["employer=nhs"], "inclCut": 1.5 }""", "qca.inclCut", IssueCodes.InvalidSetting)]
    // the contradiction cut-off above the inclusion cut-off
    [InlineData("""{ "outcome": "engagement", "conditions": ["employer=nhs"], "inclCut": [0.6, 0.8] }""", "qca.inclCut", IssueCodes.InvalidSetting)]
    // n.cut below 1
    [InlineData("""{ "outcome": "engagement", "conditions": ["employer=nhs"], "nCut": 0 }""", "qca.nCut", IssueCodes.InvalidSetting)]
    // not an object
    [InlineData("""["engagement"]""", "qca", IssueCodes.InvalidSetting)]
    public void TrialSettingsReader_BadQca_IssueNamesThePath(string qca, string path, string code)
    {
        var result = ReadTrial(qca);

        Assert.Null(result.Settings);
        var issue = Assert.Single(result.Issues);
        Assert.Equal((TrialSettingsReader.FileName, path, code), (issue.File, issue.Column, issue.Code));
    }

    [Fact]
    public void TrialSettingsReader_TwoCutOffs_ReadAsInclusionAndContradiction()
    {
        var result = ReadTrial("""{ "outcome": "locality=urban", "conditions": ["employer=nhs"], "inclCut": [0.8, 0.6], "nCut": 2, "priCut": 0.5 }""");

        var qca = result.Settings!.Qca!;
        Assert.Equal(QcaSetSource.CharacteristicEquals, qca.Outcome.Source);
        Assert.Equal((0.8, (double?)0.6, 2, 0.5), (qca.InclCut, qca.ContradictionCut, qca.NCut, qca.PriCut));
    }

    private static SiteResult Site(string id, Employer? employer, double? days, Level? engagement) =>
        new(id, id, null, employer, null, days, null, null,
            engagement is { } l ? new AxisClass(l, "by hand") : null, null, CaseRole.NotSelected, "", null, null, null);

    private static Coding Code(string site, string source, string code) =>
        new(site, source, null, "other", "c", code, null, null);

    [Fact]
    public void Build_HandWorkedSites_CasesAndSolutionsAsWorkedOut()
    {
        // S1: NHS, 2 days, engagement high, has the code → outcome 1, conditions 1 1 1.
        // S2: NHS, 0.5 days, engagement low, no code    → outcome 0, conditions 1 0 0.
        // S3: voluntary, 1 day, high, has the code (by 2 sources, case and spacing differ) → 1, conditions 0 1 1.
        // S4: voluntary, no supervision recorded → left out.
        var sites = new[]
        {
            Site("S1", Employer.Nhs, 2, Level.High),
            Site("S2", Employer.Nhs, 0.5, Level.Low),
            Site("S3", Employer.Voluntary, 1, Level.High),
            Site("S4", Employer.Voluntary, null, Level.Mid),
        };
        var codings = new[] { Code("S1", "S1PW1", "Clear role"), Code("S3", "S3PW1", " clear ROLE "), Code("S3", "S3PW2", "Clear role"), Code("S2", "S2PW1", "Other") };
        var settings = ReadTrial("""{ "outcome": "engagement", "conditions": ["employer=nhs", "supervisor_days_per_week>=1", "code:Clear role"] }""").Settings!.Qca!;

        var qca = TrialQca.Build(settings, sites, codings, minSourcesPerCode: 1);

        Assert.Equal(["S1 1 111", "S2 0 100", "S3 1 011"], qca.Cases.Select(c => $"{c.SiteId} {c.Outcome} {string.Concat(c.Conditions)}"));
        var excluded = Assert.Single(qca.Excluded);
        Assert.Equal("S4", excluded.SiteId);
        Assert.Contains("supervisor_days_per_week", excluded.Reason, StringComparison.Ordinal);
        var result = qca.Result!;

        // Rows 8 (111) and 4 (011) are positive, row 5 (100) negative.
        Assert.Equal([4, 8], result.TruthTable.Rows.Where(r => r.Out == RowOutput.Positive).Select(r => r.RowId));
        Assert.Equal([5], result.TruthTable.Rows.Where(r => r.Out == RowOutput.Negative).Select(r => r.RowId));

        // Conservative: 011 + 111 merge on the first condition.
        Assert.Equal(["supervisor_days_per_week>=1*code:Clear role"], Assert.Single(result.Conservative!.Models).Terms);

        // Parsimonious: the negative row 100 rules out employer=nhs; either of the other two conditions alone covers
        // both positive rows, so there are two one-term models.
        Assert.Equal([["supervisor_days_per_week>=1"], ["code:Clear role"]], result.Parsimonious!.Models.Select(m => m.Terms.ToArray()));
        Assert.Contains("3 site(s)", qca.Caution, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TwoSourcesNeeded_OneSourceIsNotTheCode()
    {
        // With minSourcesPerCode 2, S1's single source does not give it the code; S3's two sources do.
        var sites = new[] { Site("S1", Employer.Nhs, 2, Level.High), Site("S3", Employer.Voluntary, 1, Level.High) };
        var codings = new[] { Code("S1", "S1PW1", "Clear role"), Code("S3", "S3PW1", "Clear role"), Code("S3", "S3PW2", "Clear role") };
        var settings = ReadTrial("""{ "outcome": "engagement", "conditions": ["code:Clear role"] }""").Settings!.Qca!;

        var qca = TrialQca.Build(settings, sites, codings, minSourcesPerCode: 2);

        Assert.Equal([0, 1], qca.Cases.Select(c => c.Conditions[0]));
    }

    [Theory]
    // a characteristic the sites do not have
    [InlineData("""{ "outcome": "engagement", "conditions": ["beds>=20"] }""", "beds")]
    // a code condition without codings
    [InlineData("""{ "outcome": "engagement", "conditions": ["code:Clear role"] }""", "codings.csv")]
    public void Build_SetCannotBeEvaluated_UnavailableWithReason(string qcaJson, string named)
    {
        var settings = ReadTrial(qcaJson).Settings!.Qca!;

        var qca = TrialQca.Build(settings, [Site("S1", Employer.Nhs, 2, Level.High)], codings: null, minSourcesPerCode: 1);

        Assert.Null(qca.Result);
        Assert.Contains(named, qca.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void RunBuilder_SampleTrialWithQca_RunJsonCarriesQca()
    {
        var run = TrialPipeline.Run(SampleWithTrial(trial => trial["qca"] = JsonNode.Parse(
            """{ "outcome": "engagement", "conditions": ["employer=nhs", "locality=urban"], "inclCut": 0.8 }"""))).Run!;

        var qca = run.Qca!;
        Assert.Null(qca.UnavailableReason);
        Assert.Equal(["employer=nhs", "locality=urban"], qca.Conditions);
        Assert.Equal(run.Sites.Count, qca.Cases.Count + qca.Excluded.Count);
        var json = RunModelJson.Serialize(run);
        Assert.Contains("\"qca\": {", json, StringComparison.Ordinal);
        Assert.Equal(json, RunModelJson.Serialize(RunModelJson.Deserialize(json)));
    }

    [Fact]
    public void RunBuilder_SampleTrialWithoutQca_RunJsonHasNoQcaField()
    {
        // The committed sample configures a QCA; without it, run.json has no qca field at all.
        var run = TrialPipeline.Run(SampleWithTrial(trial => trial.Remove("qca"))).Run!;

        Assert.Null(run.Qca);
        Assert.DoesNotContain("\"qca\"", RunModelJson.Serialize(run), StringComparison.Ordinal);
    }

    /// <summary>The committed sample's files, its trial.json changed by <paramref name="change"/>.</summary>
    private static List<ExportFile> SampleWithTrial(Action<JsonObject> change) =>
        Directory.EnumerateFiles(RepoPaths.Sample)
            .Where(f => ExportFiles.Recognise(f) is not null)
            .Select(f =>
            {
                if (Path.GetFileName(f) != "trial.json")
                {
                    return new ExportFile(Path.GetFileName(f), () => File.OpenRead(f));
                }

                var trial = JsonNode.Parse(File.ReadAllText(f))!.AsObject();
                change(trial);
                return ExportFile.FromBytes("trial.json", Encoding.UTF8.GetBytes(trial.ToJsonString()));
            })
            .ToList();
}
