using System.Text;
using Reporting.Core.Export;
using Reporting.Core.Validation;

namespace Reporting.Core.Tests;

/// <summary>The validation rules of declared site characteristics, roles, frameworks and interviews.csv: each fault is
/// planted and found at its file, line, column and code, and no message repeats the planted value.</summary>
public class ContextValidationTests
{
    private const string Secret = "ZZSECRET";

    private const string Trial = """
        {
          "trialId": "t1",
          "title": "Test trial",
          "dataCutOff": "2019-06-30",
          "siteCharacteristics": [
            { "name": "organisational_context", "label": "Organisational context", "values": ["nhs_only", "voluntary_only", "partnership"] },
            { "name": "beds", "kind": "number" }
          ],
          "roles": ["pw", "clinician", "commissioner"],
          "interviewItems": [ { "itemId": "q1", "text": "My role is clearly defined", "min": 1, "max": 5 } ],
          "comparison": { "framework": "parihs-enrich" }
        }
        """;

    private const string Sites = """
        site_id,site_name,organisational_context,beds
        S1,North,nhs_only,12
        S2,South,partnership,
        """;

    private static ExportBundle Read(string trial = Trial, string sites = Sites, string? codings = null, string? interviews = null)
    {
        var files = new List<(string, string)> { ("trial.json", trial), ("sites.csv", sites) };
        if (codings is not null)
        {
            files.Add(("codings.csv", "site_id,source,role,domain,construct,code,valence,excerpt\n" + codings));
        }

        if (interviews is not null)
        {
            files.Add(("interviews.csv", "site_id,source,role,item_id,score\n" + interviews));
        }

        return Exports.Read([.. files]);
    }

    private static void AssertFound(ExportBundle bundle, string file, int line, string? column, string code, Severity severity = Severity.Error)
    {
        var issues = bundle.File(file).Issues;
        Assert.Contains(issues, i => i.Line == line && i.Column == column && i.Code == code && i.Severity == severity);
        Assert.All(issues, i => Assert.DoesNotContain(Secret, i.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Sites_DeclaredCharacteristics_ReadInTheirDeclaredSpelling()
    {
        var bundle = Read(sites: "site_id,site_name,Organisational_Context,beds\nS1,North,NHS_Only,12.5\nS2,South,,\n");

        Assert.Empty(bundle.File("sites.csv").Issues);
        var s1 = bundle.Sites![0].Characteristics;
        Assert.Equal(("nhs_only", (double?)12.5), (s1[0].Category, s1[1].Number));
        // A blank cell is "not provided": a value with neither a category nor a number.
        Assert.False(bundle.Sites[1].Characteristics[0].HasValue);
    }

    [Theory]
    [InlineData("S1,North,ZZSECRET,12", 2, "organisational_context", IssueCodes.InvalidEnum)] // a category value outside the declared values
    [InlineData("S1,North,nhs_only,ZZSECRET", 2, "beds", IssueCodes.InvalidNumber)] // a number characteristic must parse
    [InlineData("S1,North,nhs_only,1e999", 2, "beds", IssueCodes.InvalidNumber)] // and be finite
    public void Sites_DeclaredCharacteristic_BadValue_FoundAtLineAndColumn(string row, int line, string column, string code)
    {
        var bundle = Read(sites: "site_id,site_name,organisational_context,beds\n" + row + "\n");

        AssertFound(bundle, "sites.csv", line, column, code);
        Assert.Null(bundle.Sites);
    }

    [Fact]
    public void Sites_DeclaredColumnMissing_IsMissingColumn()
    {
        var bundle = Read(sites: "site_id,site_name,organisational_context\nS1,North,nhs_only\n");

        AssertFound(bundle, "sites.csv", 1, "beds", IssueCodes.MissingColumn);
    }

    [Fact]
    public void Sites_UndeclaredExtraColumn_StaysAWarning()
    {
        var bundle = Read(sites: "site_id,site_name,organisational_context,beds,income_level\nS1,North,nhs_only,3,high\n");

        AssertFound(bundle, "sites.csv", 1, "#5", IssueCodes.UnknownColumn, Severity.Warning);
        Assert.False(bundle.File("sites.csv").HasErrors);
    }

    [Fact]
    public void Sites_WithoutDeclarations_ExtraColumnsAreUnknownAsBefore()
    {
        // An export whose trial.json declares nothing reads sites.csv exactly as before: the extra columns are warnings.
        var bundle = Read(trial: Exports.Trial);

        Assert.Equal([IssueCodes.UnknownColumn, IssueCodes.UnknownColumn], bundle.File("sites.csv").Issues.Select(i => i.Code));
        Assert.Empty(bundle.Sites![0].Characteristics);
    }

    [Theory]
    [InlineData("S1,S1PW1,ZZSECRET,context,Culture,Open door,facilitator,", 2, "role", IssueCodes.UnknownRole)] // role outside the trial's roles
    [InlineData("S1,S1PW1,manager,context,Culture,Open door,facilitator,", 2, "role", IssueCodes.UnknownRole)] // a default role the trial's own list leaves out
    [InlineData("S1,S1PW1,pw,ZZSECRET,Culture,Open door,facilitator,", 2, "domain", IssueCodes.UnknownDomain)] // a domain parihs-enrich does not have
    public void Codings_BadRoleOrDomain_FoundAtLineAndColumn(string row, int line, string column, string code)
    {
        var bundle = Read(codings: row + "\n");

        AssertFound(bundle, "codings.csv", line, column, code);
        Assert.Null(bundle.Codings);
    }

    [Fact]
    public void Codings_ConstructOutsideTheFramework_IsAWarningAndTheCodingIsKept()
    {
        var bundle = Read(codings: "S1,S1PW1,pw,context,Culture,Open door,facilitator,\nS1,S1PW1,pw,context,ZZSECRET weather,Rain,barrier,\nS1,S1PW1,pw,other,ZZSECRET,Inductive,neutral,\n");

        AssertFound(bundle, "codings.csv", 3, "construct", IssueCodes.UnknownConstruct, Severity.Warning);
        // The domain other takes any construct: line 4 is not warned about.
        Assert.Single(bundle.File("codings.csv").Issues);
        Assert.Equal(3, bundle.Codings!.Count);
    }

    [Fact]
    public void Codings_AliasAndCaseOfAListedConstruct_AreNotWarned()
    {
        var bundle = Read(codings: "S1,S1PW1,pw,Context,monitoring and feedback,Spreadsheet,neutral,\nS1,S1PW1,PW,FACILITATION,Flexibility vs consistency,Flexible places,facilitator,\n");

        Assert.Empty(bundle.File("codings.csv").Issues);
        // Domains and roles take the framework's and the trial's spelling.
        Assert.Equal([("context", "pw"), ("facilitation", "pw")], bundle.Codings!.Select(c => (c.Domain, c.Role!)));
    }

    [Fact]
    public void Codings_SourceWithTwoRoles_IsRoleConflictOnTheLaterLine()
    {
        var bundle = Read(codings: "S1,S1X1,pw,context,Culture,A,facilitator,\nS1,S1X1,,context,Culture,B,facilitator,\nS1,S1X1,clinician,context,Culture,C,facilitator,\n");

        // A blank role on line 3 is no conflict; clinician on line 4 is.
        AssertFound(bundle, "codings.csv", 4, "role", IssueCodes.RoleConflict);
        Assert.Single(bundle.File("codings.csv").Issues);
    }

    [Theory]
    [InlineData("S9,S9PW1,pw,q1,3", 2, "site_id", IssueCodes.UnknownSite)] // the site must be in sites.csv
    [InlineData("S1,S1PW1,pw,q9,3", 2, "item_id", IssueCodes.UnknownItem)] // the item must be one of interviewItems
    [InlineData("S1,S1PW1,pw,q1,6", 2, "score", IssueCodes.ScoreOutOfRange)] // q1 is scored 1–5
    [InlineData("S1,S1PW1,pw,q1,ZZSECRET", 2, "score", IssueCodes.InvalidNumber)] // a score must be a number
    [InlineData("S1,S1PW1,ZZSECRET,q1,3", 2, "role", IssueCodes.UnknownRole)] // the role must be one of the trial's roles
    [InlineData("S1,ZZ SECRET,pw,q1,3", 2, "source", IssueCodes.InvalidIdentifier)] // sources are identifiers
    [InlineData("S1,,pw,q1,3", 2, "source", IssueCodes.Required)] // and required
    public void Interviews_BadRow_FoundAtLineAndColumn(string row, int line, string column, string code)
    {
        var bundle = Read(interviews: row + "\n");

        AssertFound(bundle, "interviews.csv", line, column, code);
        Assert.Null(bundle.Interviews);
    }

    [Fact]
    public void Interviews_SecondScoreForSourceAndItem_IsDuplicateScore()
    {
        var bundle = Read(interviews: "S1,S1PW1,pw,q1,3\nS2,S2PW1,pw,q1,4\nS1,S1PW1,pw,Q1,5\n");

        AssertFound(bundle, "interviews.csv", 4, null, IssueCodes.DuplicateScore);
    }

    [Fact]
    public void Interviews_RoleDiffersFromCodings_IsRoleConflict()
    {
        var bundle = Read(codings: "S1,S1PW1,pw,context,Culture,A,facilitator,\n", interviews: "S1,S1PW1,clinician,q1,3\nS1,S1CL1,clinician,q1,3\n");

        AssertFound(bundle, "interviews.csv", 2, "role", IssueCodes.RoleConflict);
        Assert.Single(bundle.File("interviews.csv").Issues);
    }

    [Fact]
    public void Interviews_Valid_ReadWithTheTrialsSpelling()
    {
        var bundle = Read(interviews: "S1,S1PW1,PW,Q1,2.5\nS2,S2CO1,,q1,5\n");

        Assert.Empty(bundle.File("interviews.csv").Issues);
        Assert.Equal([("S1PW1", "pw", "q1", 2.5), ("S2CO1", null, "q1", 5.0)], bundle.Interviews!.Select(a => (a.Source, a.Role, a.ItemId, a.Score)));
    }

    [Fact]
    public void Interviews_WithoutDeclaredItems_IsMissingSetting()
    {
        var bundle = Read(trial: Exports.Trial, sites: Exports.Sites, interviews: "S1,S1PW1,pw,q1,3\n");

        AssertFound(bundle, "interviews.csv", 2, "item_id", IssueCodes.MissingSetting);
    }

    [Fact]
    public void Interviews_Absent_WarnedOnlyWhenItemsAreDeclared()
    {
        // Declared items without the file: a warning, like any optional dataset.
        Assert.Contains(Read().BundleIssues, i => i.File == "interviews.csv" && i.Code == IssueCodes.DatasetMissing && i.Severity == Severity.Warning);
        // No items declared (every export made before structured answers existed): nothing is said about the file.
        Assert.DoesNotContain(Read(trial: Exports.Trial, sites: Exports.Sites).BundleIssues, i => i.File == "interviews.csv");
    }

    [Fact]
    public void ExportFiles_InterviewsIsAKnownFile()
    {
        Assert.Equal(DatasetKind.Interviews, ExportFiles.Recognise("exports/t1/Interviews.CSV"));
        Assert.Contains("interviews.csv", ExportFiles.Listed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "siteCharacteristics": [ { "name": "employer", "values": ["a"] } ] }""", IssueCodes.InvalidSetting, "siteCharacteristics[0].name")] // a column sites.csv already defines
    [InlineData("""{ "siteCharacteristics": [ { "name": "role", "values": ["a"] } ] }""", IssueCodes.InvalidSetting, "siteCharacteristics[0].name")] // the role axis' name
    [InlineData("""{ "siteCharacteristics": [ { "name": "2beds", "kind": "number" } ] }""", IssueCodes.InvalidIdentifier, "siteCharacteristics[0].name")] // a column name starts with a letter
    [InlineData("""{ "siteCharacteristics": [ { "name": "beds", "kind": "number", "values": ["a"] } ] }""", IssueCodes.InvalidSetting, "siteCharacteristics[0].values")] // a number has no values
    [InlineData("""{ "siteCharacteristics": [ { "name": "size" } ] }""", IssueCodes.MissingSetting, "siteCharacteristics[0].values")] // a category lists its values
    [InlineData("""{ "siteCharacteristics": [ { "name": "size", "values": ["big", "BIG"] } ] }""", IssueCodes.DuplicateId, "siteCharacteristics[0].values")] // values are case-insensitive
    [InlineData("""{ "siteCharacteristics": [ { "name": "size", "kind": "ordinal", "values": ["a"] } ] }""", IssueCodes.InvalidSetting, "siteCharacteristics[0].kind")] // category or number only
    [InlineData("""{ "siteCharacteristics": [ { "name": "a", "values": ["x"] }, { "name": "A", "values": ["y"] } ] }""", IssueCodes.DuplicateId, "siteCharacteristics[1].name")] // names are case-insensitive
    [InlineData("""{ "roles": ["pw", "PW"] }""", IssueCodes.DuplicateId, "roles")] // roles are case-insensitive
    [InlineData("""{ "roles": ["peer worker"] }""", IssueCodes.InvalidIdentifier, "roles[0]")] // roles are identifiers
    [InlineData("""{ "interviewItems": [ { "itemId": "q1", "min": 5, "max": 1 } ] }""", IssueCodes.InvalidSetting, "interviewItems[0]")] // an inverted range
    [InlineData("""{ "comparison": { "framework": "parihs" } }""", IssueCodes.InvalidSetting, "comparison.framework")] // not a built-in name
    [InlineData("""{ "comparison": { "framework": { "domains": [] } } }""", IssueCodes.MissingSetting, "comparison.framework.domains")] // an inline framework needs domains
    [InlineData("""{ "comparison": { "framework": { "domains": [ { "domain": "a" }, { "domain": "A" } ] } } }""", IssueCodes.DuplicateId, "comparison.framework.domains[1].domain")] // domains are case-insensitive
    [InlineData("""{ "comparison": { "framework": { "domains": [ { "domain": "a", "constructs": ["x", "X"] } ] } } }""", IssueCodes.DuplicateId, "comparison.framework.domains[0].constructs[1]")] // so are constructs
    [InlineData("""{ "comparison": { "axes": ["region"] } }""", IssueCodes.InvalidSetting, "comparison.axes[0]")] // region is free text, not a characteristic
    [InlineData("""{ "comparison": { "axes": ["role", "ROLE"] } }""", IssueCodes.DuplicateId, "comparison.axes[1]")] // each axis once
    public void TrialSettings_BadContextSetting_ReportsPath(string json, string code, string column)
    {
        var full = json.Insert(1, """ "trialId": "t1", "title": "x", """);

        var result = TrialSettingsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(full)), ExportLimits.Default);

        Assert.Null(result.Settings);
        Assert.Contains(result.Issues, i => i.Code == code && i.Column == column && i.File == "trial.json");
    }

    [Fact]
    public void TrialSettings_Defaults_OpenFrameworkDefaultRolesNoAxes()
    {
        var settings = TrialSettingsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(Exports.Trial)), ExportLimits.Default).Settings!;

        Assert.Same(CodingFrameworks.Open, settings.Comparison.Framework);
        Assert.Equal(StakeholderRoles.Default, settings.Roles);
        Assert.Contains("policy_maker", settings.Roles);
        Assert.Contains("commissioner", settings.Roles);
        Assert.Null(settings.Comparison.Axes);
        Assert.Empty(settings.SiteCharacteristics);
        Assert.Empty(settings.InterviewItems);
    }

    [Fact]
    public void TrialSettings_InlineFramework_DomainsInOrderWithOtherAdded()
    {
        var json = """
            { "trialId": "t1", "title": "x", "comparison": { "framework": { "name": "local", "domains": [
              { "domain": "Context", "label": "Context", "constructs": ["culture", { "construct": "Leadership", "aliases": ["leaders"] }] },
              { "domain": "outcomes" } ] }, "axes": ["Role"] } }
            """;

        var settings = TrialSettingsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), ExportLimits.Default).Settings!;

        var framework = settings.Comparison.Framework;
        Assert.Equal("local", framework.Name);
        Assert.Equal(["context", "outcomes", "other"], framework.Domains.Select(d => d.Domain));
        Assert.Null(framework.Domains[1].Constructs);
        Assert.Equal("Leadership", framework.FindConstruct("context", "LEADERS")!.Name);
        Assert.True(framework.IsUnlistedConstruct("context", "weather"));
        Assert.False(framework.IsUnlistedConstruct("outcomes", "anything"));
        Assert.False(framework.AcceptsDomain("evidence"));
        Assert.Equal(["role"], settings.Comparison.Axes);
    }

    [Fact]
    public void TrialSettings_BuiltInFrameworks_ByName()
    {
        Assert.Equal(["evidence", "context", "facilitation", "other"], CodingFrameworks.Named("PARIHS-ENRICH")!.Domains.Select(d => d.Domain));
        var upsides = CodingFrameworks.Named("upsides")!;
        // UPSIDES: eight principles, five implementation influences, and other.
        Assert.Equal((8, 5), (upsides.Domains[0].Constructs!.Count, upsides.Domains[1].Constructs!.Count));
        Assert.Equal("other", upsides.Domains[^1].Domain);
        Assert.True(CodingFrameworks.Open.AcceptsDomain("anything at all"));
    }
}
