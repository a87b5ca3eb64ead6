namespace Reporting.Samples.Tests;

/// <summary>The UPSIDES-shaped sample: five sites, income level, focus groups, the upsides framework.</summary>
public sealed class UpsidesSampleTests(UpsidesSampleFixture fixture) : IClassFixture<UpsidesSampleFixture>
{
    private static readonly string[] High = ["U1", "U2"];
    private static readonly string[] Low = ["U3", "U4", "U5"];

    private Export Export => fixture.Export;

    [Fact]
    public void Export_AllFiles_SatisfyTheContract() => ExportChecks.AssertValid(Export);

    [Fact]
    public void Trial_UpsidesFrameworkIncomeLevelAndFourStakeholderGroups()
    {
        Assert.Equal("upsides", Export.Framework);
        Assert.Equal(["pw", "clinician", "manager", "policy_maker"], Export.Roles);
        Assert.Equal(["high", "low"], Export.Characteristics.Single(c => c.Name == "income_level").Values!);
        Assert.Equal(High, Export.SitesBy("income_level")["high"]);
        Assert.Equal(Low, Export.SitesBy("income_level")["low"]);
        // No fixed thresholds: sites are classified by the trial's tertiles.
        Assert.False(Export.Trial.RootElement.TryGetProperty("classification", out _));
        Assert.Null(Export.Interviews);
    }

    [Fact]
    public void Codings_FocusGroupsAsSources_OneRoleEach()
    {
        var sources = Export.Codings.Records().Select(r => (r["source"], r["role"])).Distinct().ToList();

        Assert.All(sources, s => Assert.Matches("^U[1-5]FG(PW|CL|MG|PM)$", s.Item1));
        Assert.Equal(sources.Count, sources.Select(s => s.Item1).Distinct().Count());
        Assert.Equal(["U1", "U3", "U5"], Export.Codings.Records().Where(r => r["role"] == "policy_maker").Select(r => r["site_id"]).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IncomeLevel_SharedAndDistinctive_ComputedFromTheCsv_MeetTheDesign()
    {
        var codes = Export.CodesBySite();
        bool Any(IEnumerable<string> sites, string code) => sites.Any(s => codes[s].Contains(code));
        var all = codes.Values.SelectMany(c => c).ToHashSet(StringComparer.Ordinal);

        var shared = all.Where(c => Any(High, c) && Any(Low, c)).Count();
        var high = all.Where(c => Any(High, c) && !Any(Low, c)).Select(c => c.Split(" | ")[2]).Order(StringComparer.Ordinal).ToList();
        var low = all.Where(c => Any(Low, c) && !Any(High, c)).Select(c => c.Split(" | ")[2]).Order(StringComparer.Ordinal).ToList();

        // The README lists these; a change here needs it updated too.
        Assert.Equal(7, shared);
        Assert.Equal(["clear rules for crisis situations make peer workers feel safe", "employment rules limit contact outside working hours",
            "peer workers offer options rather than advice", "service users choose their own peer worker"], high);
        Assert.Equal(5, low.Count);
        Assert.Contains("family members are welcome in peer support", low);
    }

    [Fact]
    public void Codings_ProgressiveIsNeverCoded_SoCoverageShowsAnUncodedConstruct()
    {
        var constructs = Export.Codings.Records().Where(r => r["domain"] == "principles").Select(r => r["construct"]).Distinct().ToList();

        Assert.Equal(7, constructs.Count);
        Assert.DoesNotContain("Progressive", constructs);
    }
}
