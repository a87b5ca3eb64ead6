using System.Globalization;
using System.Text;
using Reporting.Core.Analysis;
using Reporting.Core.Export;

namespace Reporting.Core.Tests;

/// <summary>
/// Comparison by context and stakeholder group on a hand-built trial shaped like Gillard et al. 2014: ten cases that are
/// NHS only, voluntary only or partnerships, in inpatient, community or BME-specific services, with interviewees from
/// six stakeholder groups. Every expected code below is worked out by hand from the codings table.
/// </summary>
public class ContextComparisonTests
{
    // Site: organisational context, service setting, employer, peer workers (a number characteristic).
    // peer_workers sorted: 2 3 4 5 6 6 8 9 10 12 → median (type 7) = x[4] + 0.5·(x[5] − x[4]) = 6 + 0.5·0 = 6,
    // so C5 and C6 (exactly 6) sit on the boundary and belong to "at or above median".
    private const string Sites = """
        site_id,site_name,employer,organisational_context,service_setting,peer_workers
        C1,Case one,nhs,nhs_only,inpatient,2
        C2,Case two,nhs,nhs_only,inpatient,3
        C3,Case three,nhs,nhs_only,community,4
        C4,Case four,voluntary,voluntary_only,community,5
        C5,Case five,voluntary,voluntary_only,community,6
        C6,Case six,voluntary,voluntary_only,bme_specific,6
        C7,Case seven,nhs,partnership,inpatient,8
        C8,Case eight,voluntary,partnership,community,9
        C9,Case nine,voluntary,partnership,bme_specific,10
        C10,Case ten,nhs,nhs_only,bme_specific,12
        """;

    private const string Trial = """
        {
          "trialId": "t2014",
          "title": "Ten contrasting cases",
          "dataCutOff": "2013-06-30",
          "siteCharacteristics": [
            { "name": "organisational_context", "label": "Organisational context", "values": ["nhs_only", "voluntary_only", "partnership"] },
            { "name": "service_setting", "label": "Service setting", "values": ["inpatient", "community", "bme_specific"] },
            { "name": "peer_workers", "label": "Peer workers employed", "kind": "number" }
          ],
          "roles": ["service_user", "pw", "coworker", "line_manager", "strategic_manager", "commissioner"],
          "interviewItems": [ { "itemId": "q1", "text": "My role is clearly defined", "min": 1, "max": 5 } ],
          "comparison": { "minSourcesPerCode": 1, "framework": "parihs-enrich",
            "axes": ["employer", "organisational_context", "service_setting", "peer_workers", "role"] }
        }
        """;

    private const string K1 = "Peer workers valued by service users";
    private const string K2 = "NHS HR processes slow recruitment";
    private const string K3 = "Voluntary sector independence";
    private const string K4 = "Culturally matched peer workers";
    private const string K5 = "Joint governance board";
    private const string K6 = "Commissioning contracts too short";
    private const string K7 = "Clinical team understand the peer role";
    private const string K8 = "Supervision from an experienced peer";

    // Who said what (one row per source and code):
    //   K1 every service user, at all ten sites         K5 strategic managers at C7, C8, C9 (the partnerships)
    //   K2 line managers at C1, C2, C3, C7, C10 (NHS)   K6 commissioners at C3, C8
    //   K3 peer workers at C4, C5                       K7 co-workers at C1, C2
    //   K4 service users at C6, C10; a peer worker C9   K8 one source of every role at C5
    private static string Codings()
    {
        var rows = new StringBuilder("site_id,source,role,domain,construct,code,valence,excerpt\n");
        void Add(string site, string source, string role, string domain, string construct, string code, string valence) =>
            rows.Append(CultureInfo.InvariantCulture, $"{site},{site}{source},{role},{domain},{construct},{code},{valence},\n");

        for (var i = 1; i <= 10; i++)
        {
            Add($"C{i}", "SU1", "service_user", "evidence", "Service user experience", K1, "facilitator");
        }

        foreach (var site in new[] { "C1", "C2", "C3", "C7", "C10" })
        {
            Add(site, "LM1", "line_manager", "context", "Leadership (access and authority)", K2, "barrier");
        }

        Add("C4", "PW1", "pw", "context", "Culture", K3, "facilitator");
        Add("C5", "PW1", "pw", "context", "Culture", K3, "facilitator");
        Add("C6", "SU1", "service_user", "facilitation", "Experiential knowledge", K4, "facilitator");
        Add("C9", "PW1", "pw", "facilitation", "Experiential knowledge", K4, "facilitator");
        Add("C10", "SU1", "service_user", "facilitation", "Experiential knowledge", K4, "facilitator");
        foreach (var site in new[] { "C7", "C8", "C9" })
        {
            Add(site, "SM1", "strategic_manager", "context", "Monitoring and feedback", K5, "facilitator");
        }

        Add("C3", "COM1", "commissioner", "context", "Leadership", K6, "barrier");
        Add("C8", "COM1", "commissioner", "context", "Leadership", K6, "barrier");
        Add("C1", "CW1", "coworker", "facilitation", "Role characterisation", K7, "facilitator");
        Add("C2", "CW1", "coworker", "facilitation", "Role characterisation", K7, "facilitator");
        foreach (var (source, role) in new[] { ("SU1", "service_user"), ("PW1", "pw"), ("CW1", "coworker"), ("LM1", "line_manager"), ("SM1", "strategic_manager"), ("COM1", "commissioner") })
        {
            Add("C5", source, role, "facilitation", "Flexibility vs consistency", K8, "facilitator");
        }

        return rows.ToString();
    }

    // q1 by role: peer workers 2, 4, 4, 5; service users 1, 3, 5 (with no role given here: their role comes from codings.csv).
    private const string Interviews = """
        site_id,source,role,item_id,score
        C4,C4PW1,pw,q1,2
        C5,C5PW1,pw,q1,4
        C9,C9PW1,pw,q1,4
        C1,C1PW9,pw,q1,5
        C1,C1SU1,,q1,1
        C2,C2SU1,,q1,3
        C3,C3SU1,,q1,5
        """;

    private static readonly Lazy<RunModel> Run = new(() => RunOf(Trial, Codings(), Interviews));

    private static RunModel RunOf(string trial, string codings, string? interviews = null, string sites = Sites)
    {
        var participants = new StringBuilder("participant_id,site_id,arm,randomised_on\n");
        foreach (var site in sites.Split('\n').Skip(1).Select(l => l.Split(',')[0].Trim()).Where(s => s.Length > 0))
        {
            participants.Append(CultureInfo.InvariantCulture, $"{site}P1,{site},peer_support,2012-01-01\n");
        }

        var files = new List<ExportFile>
        {
            ExportFile.FromBytes("trial.json", Encoding.UTF8.GetBytes(trial)),
            ExportFile.FromBytes("sites.csv", Encoding.UTF8.GetBytes(sites.ReplaceLineEndings("\n") + "\n")),
            ExportFile.FromBytes("participants.csv", Encoding.UTF8.GetBytes(participants.ToString())),
            ExportFile.FromBytes("codings.csv", Encoding.UTF8.GetBytes(codings)),
        };
        if (interviews is not null)
        {
            files.Add(ExportFile.FromBytes("interviews.csv", Encoding.UTF8.GetBytes(interviews.ReplaceLineEndings("\n") + "\n")));
        }

        var result = TrialPipeline.Run(files);
        Assert.True(result.Run is not null, result.NotRunReason + string.Join("\n", result.AllIssues));
        Assert.DoesNotContain(result.AllIssues, i => i.Severity == Validation.Severity.Error);
        return result.Run!;
    }

    private static AxisComparison Axis(string name) => Run.Value.Comparison(name) ?? throw new InvalidOperationException("no axis " + name);

    private static string[] Codes(IEnumerable<CodeKey> keys) => keys.Select(k => k.Code).Order(StringComparer.Ordinal).ToArray();

    private static string[] Distinctive(AxisComparison axis, string value) => Codes(axis.DistinctiveOf(value).Select(c => c.Code));

    private static string[] Sorted(params string[] codes) => codes.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Employer_SharedAndDistinctive_AsWorkedByHand()
    {
        var axis = Axis("employer");

        Assert.Equal(["nhs", "voluntary"], axis.Groups.Select(g => g.Value));
        Assert.Equal(["C1", "C2", "C3", "C7", "C10"], axis.Groups[0].Sites);
        // K1 is at every site; K4 (C10 | C6, C9), K5 (C7 | C8, C9) and K6 (C3 | C8) each reach an NHS and a voluntary site.
        Assert.Equal(Sorted(K1, K4, K5, K6), Codes(axis.Shared));
        // K2 is coded only by line managers at the five NHS-employed sites; K7 only at C1 and C2, both NHS.
        Assert.Equal(Sorted(K2, K7), Distinctive(axis, "nhs"));
        // K3 is at C4 and C5, K8 only at C5: all voluntary employers.
        Assert.Equal(Sorted(K3, K8), Distinctive(axis, "voluntary"));
    }

    [Fact]
    public void Employer_DistinctiveCodesSayHowManyOfTheGroupsSites()
    {
        var axis = Axis("employer");

        var nhs = axis.DistinctiveOf("nhs").ToDictionary(c => c.Code.Code);
        // K2 was coded at every one of the five NHS sites: held by all, so no "k of n" is needed.
        Assert.Equal((5, 5, false), (nhs[K2].SitesWithCode!.Value, nhs[K2].Sites!.Value, nhs[K2].HeldBySomeSites));
        // K7 only at C1 and C2: "2 of 5 NHS sites".
        Assert.Equal((2, 5, true), (nhs[K7].SitesWithCode!.Value, nhs[K7].Sites!.Value, nhs[K7].HeldBySomeSites));
        // K3 at C4 and C5 of the five voluntary sites.
        Assert.Equal((2, 5), (axis.DistinctiveOf("voluntary").Single(c => c.Code.Code == K3).SitesWithCode, axis.DistinctiveOf("voluntary").Single(c => c.Code.Code == K3).Sites));
    }

    [Fact]
    public void Employer_FacilitatorAndBarrierCountsPerGroup()
    {
        var nhs = Axis("employer").Groups[0];

        // NHS sites' segments: K1 ×5, K4 ×1 (C10), K5 ×1 (C7), K7 ×2 are facilitators; K2 ×5 and K6 ×1 (C3) barriers.
        Assert.Equal(new ValenceCounts(9, 6, 0, 0), nhs.Valence);
        // Codes the group has: K1, K4, K5, K7 lean facilitator; K2 and K6 lean barrier.
        Assert.Equal((4, 2), (nhs.FacilitatorCodes, nhs.BarrierCodes));
        // Sources: five service users, five line managers, a commissioner (C3) and two co-workers (C1, C2), one strategic manager (C7).
        Assert.Equal(14, nhs.Sources.Count);
    }

    [Fact]
    public void OrganisationalContext_SharedAndDistinctive_AsWorkedByHand()
    {
        var axis = Axis("organisational_context");

        Assert.Equal(["nhs_only", "voluntary_only", "partnership"], axis.Groups.Select(g => g.Value));
        Assert.Equal(["NHS only", "voluntary only", "partnership"], axis.Groups.Select(g => g.Label));
        // K1 everywhere; K4 at C10 (NHS only), C6 (voluntary only) and C9 (partnership). Nothing else reaches all three.
        Assert.Equal(Sorted(K1, K4), Codes(axis.Shared));
        // K2 is also at C7, a partnership, and K6 at C8, a partnership: neither is distinctive. K7 (C1, C2) is.
        Assert.Equal([K7], Distinctive(axis, "nhs_only"));
        // K3 (C4, C5) and K8 (C5) are only at voluntary-only sites.
        Assert.Equal(Sorted(K3, K8), Distinctive(axis, "voluntary_only"));
        // K5: the strategic managers of all three partnerships, and nobody else.
        Assert.Equal([K5], Distinctive(axis, "partnership"));
        var k3 = axis.DistinctiveOf("voluntary_only").Single(c => c.Code.Code == K3);
        // "2 of 3 voluntary-only sites": C4 and C5 but not C6.
        Assert.Equal((2, 3), (k3.SitesWithCode, k3.Sites));
    }

    [Fact]
    public void ServiceSetting_SharedAndDistinctive_AsWorkedByHand()
    {
        var axis = Axis("service_setting");

        Assert.Equal(["inpatient", "community", "bme_specific"], axis.Groups.Select(g => g.Value));
        // K2 reaches C1 (inpatient), C3 (community), C10 (BME-specific); K5 reaches C7, C8, C9, one of each setting.
        Assert.Equal(Sorted(K1, K2, K5), Codes(axis.Shared));
        // K7 at C1, C2: both inpatient.
        Assert.Equal([K7], Distinctive(axis, "inpatient"));
        // K3 (C4, C5), K6 (C3, C8) and K8 (C5) are all community sites.
        Assert.Equal(Sorted(K3, K6, K8), Distinctive(axis, "community"));
        // K4 at C6, C9, C10: every BME-specific service and no other.
        Assert.Equal([K4], Distinctive(axis, "bme_specific"));
        Assert.False(axis.DistinctiveOf("bme_specific").Single().HeldBySomeSites);
    }

    [Fact]
    public void NumberCharacteristic_SplitAtTheMedian_BoundarySitesAtOrAbove()
    {
        var axis = Axis("peer_workers");

        Assert.Equal(6, axis.Median);
        Assert.Contains("median of the 10 sites' values, 6", axis.Split, StringComparison.Ordinal);
        Assert.Equal([AxisComparisons.BelowMedian, AxisComparisons.AtOrAboveMedian], axis.Groups.Select(g => g.Value));
        // 2, 3, 4, 5 are below 6; C5 and C6 have exactly 6 and go with the sites above it.
        Assert.Equal(["C1", "C2", "C3", "C4"], axis.Groups[0].Sites);
        Assert.Equal(["C5", "C6", "C7", "C8", "C9", "C10"], axis.Groups[1].Sites);
        // K2 (C1–C3 | C7, C10), K3 (C4 | C5) and K6 (C3 | C8) reach both halves; K7 only C1, C2.
        Assert.Equal(Sorted(K1, K2, K3, K6), Codes(axis.Shared));
        Assert.Equal([K7], Distinctive(axis, AxisComparisons.BelowMedian));
        Assert.Equal(Sorted(K4, K5, K8), Distinctive(axis, AxisComparisons.AtOrAboveMedian));
    }

    [Theory]
    [InlineData("1,2,3,4", 2.5, 2)] // an even count: the median interpolates between 2 and 3, so two sites fall below it
    [InlineData("1,2,2,4", 2, 1)] // the median equals two sites' value: both count as at or above, one site below
    [InlineData("5,5,5", 5, 0)] // every site at the median: one group only, nothing below
    public void NumberCharacteristic_MedianSplit_Boundary(string values, double median, int below)
    {
        var numbers = values.Split(',');
        var sites = new StringBuilder("site_id,site_name,beds\n");
        var codings = new StringBuilder("site_id,source,role,domain,construct,code,valence,excerpt\n");
        for (var i = 0; i < numbers.Length; i++)
        {
            sites.Append(CultureInfo.InvariantCulture, $"S{i},Site {i},{numbers[i]}\n");
            codings.Append(CultureInfo.InvariantCulture, $"S{i},S{i}PW1,pw,context,Culture,Something,facilitator,\n");
        }

        var trial = """
            { "trialId": "t", "title": "t", "dataCutOff": "2013-06-30",
              "siteCharacteristics": [ { "name": "beds", "kind": "number" } ], "comparison": { "axes": ["beds"] } }
            """;
        var axis = RunOf(trial, codings.ToString(), sites: sites.ToString()).Comparison("beds")!;

        Assert.Equal(median, axis.Median);
        Assert.Equal(below, axis.Groups.Where(g => g.Value == AxisComparisons.BelowMedian).Sum(g => g.Sites.Count));
        Assert.Equal(numbers.Length - below, axis.Groups.Single(g => g.Value == AxisComparisons.AtOrAboveMedian).Sites.Count);
    }

    [Fact]
    public void Role_SharedAndDistinctive_AsWorkedByHand()
    {
        var axis = Axis("role");

        // The groups follow the trial's roles list; every role has sources here.
        Assert.Equal(["service_user", "pw", "coworker", "line_manager", "strategic_manager", "commissioner"], axis.Groups.Select(g => g.Value));
        // K8 was coded by one source of every role at C5; nothing else is said by all six groups.
        Assert.Equal([K8], Codes(axis.Shared));
        // Each other code comes from one role only, except K4 (service users at C6, C10 and a peer worker at C9).
        Assert.Equal([K1], Distinctive(axis, "service_user"));
        Assert.Equal([K3], Distinctive(axis, "pw"));
        Assert.Equal([K7], Distinctive(axis, "coworker"));
        Assert.Equal([K2], Distinctive(axis, "line_manager"));
        Assert.Equal([K5], Distinctive(axis, "strategic_manager"));
        Assert.Equal([K6], Distinctive(axis, "commissioner"));
        // The role axis crosses sites: no "k of n sites".
        Assert.All(axis.Matrix.SelectMany(r => r.Cells), c => Assert.Null(c.SitesWithCode));
        // Service users were coded at all ten sites.
        Assert.Equal(10, axis.Groups[0].Sites.Count);
    }

    [Fact]
    public void Matrix_RowsInTheFrameworksOrder()
    {
        var axis = Axis("employer");

        // parihs-enrich: evidence (K1); context: culture (K3), leadership (K6 "Leadership" sorts before K2's full name),
        // evaluation (K5, coded under its alias "Monitoring and feedback"); facilitation: role characterisation (K7),
        // flexibility and consistency (K8, alias "vs"), experiential knowledge (K4). Alphabetical would put K4 before K8 and K7.
        Assert.Equal([K1, K3, K6, K2, K5, K7, K8, K4], axis.Matrix.Select(r => r.Code.Code));
        var k2 = axis.Matrix.Single(r => r.Code.Code == K2);
        // Cells in group order: five NHS line managers, none at a voluntary site.
        Assert.Equal((5, true, 0, false), (k2.Cells[0].Sources.Count, k2.Cells[0].Has, k2.Cells[1].Sources.Count, k2.Cells[1].Has));
    }

    [Fact]
    public void InterviewItems_PerRole_TypeSevenQuartiles()
    {
        var q1 = Assert.Single(Axis("role").InterviewItems);
        var pw = q1.Groups.Single(g => g.Value == "pw");
        var su = q1.Groups.Single(g => g.Value == "service_user");

        // Peer workers 2, 4, 4, 5: R's quantile(type = 7) gives 3.5, 4, 4.25; mean 15/4.
        Assert.Equal((4, 4.0, 3.5, 4.25, 3.75), (pw.N, pw.Median!.Value, pw.LowerQuartile!.Value, pw.UpperQuartile!.Value, pw.Mean!.Value));
        // Service users 1, 3, 5 (role taken from codings.csv): quartiles 2, 3, 4; mean 3.
        Assert.Equal((3, 3.0, 2.0, 4.0, 3.0), (su.N, su.Median!.Value, su.LowerQuartile!.Value, su.UpperQuartile!.Value, su.Mean!.Value));
        // Co-workers answered nothing: n 0 and no statistics rather than zeros.
        var cw = q1.Groups.Single(g => g.Value == "coworker");
        Assert.Equal((0, (double?)null), (cw.N, cw.Median));
        Assert.Equal(7, q1.All.N);
    }

    [Fact]
    public void InterviewItems_PerSiteGroup_SourcesFollowTheirSite()
    {
        var q1 = Assert.Single(Axis("employer").InterviewItems);

        // NHS sites C1, C2, C3 answered 5, 1, 3, 5; voluntary C4, C5, C9 answered 2, 4, 4.
        Assert.Equal((4, 4.0), (q1.Groups[0].N, q1.Groups[0].Median!.Value));
        Assert.Equal((3, 4.0, 10.0 / 3), (q1.Groups[1].N, q1.Groups[1].Median!.Value, q1.Groups[1].Mean!.Value));
    }

    [Fact]
    public void Coverage_CountsPerConstruct_AndNamesTheUncoded()
    {
        var framework = Run.Value.Framework;

        Assert.Equal("parihs-enrich", framework.Name);
        var rows = framework.Coverage.ToDictionary(r => (r.Domain, r.Construct));
        // K2 under the full name and K6 under the alias "Leadership" are one construct: 2 codes, 7 sources, 6 sites.
        Assert.Equal((2, 7, 6, 7), (rows[("context", "Leadership (access and authority)")].Codes, rows[("context", "Leadership (access and authority)")].Sources,
            rows[("context", "Leadership (access and authority)")].Sites, rows[("context", "Leadership (access and authority)")].Segments));
        // Evidence lists no constructs in parihs-enrich, so its construct is shown as coded, not as listed.
        Assert.False(rows[("evidence", "Service user experience")].Listed);
        // Every listed construct was coded here.
        Assert.Empty(framework.Uncoded);
    }

    [Fact]
    public void Coverage_ConstructNobodyCodedUnder_IsListedAsUncoded()
    {
        var codings = "site_id,source,role,domain,construct,code,valence,excerpt\nC1,C1SU1,service_user,context,Culture,Open door,facilitator,\n";
        var run = RunOf(Trial.Replace("\"interviewItems\"", "\"unusedItems\"", StringComparison.Ordinal), codings);

        // Only culture was coded: the other five listed constructs of parihs-enrich are uncoded, in the framework's order.
        Assert.Equal(
            ["Leadership (access and authority)", "Evaluation (monitoring and feedback)", "Role characterisation", "Flexibility and consistency", "Experiential knowledge"],
            run.Framework.Uncoded.Select(u => u.Construct));
        Assert.Equal(6, run.Framework.Coverage.Count);
    }

    [Fact]
    public void DefaultAxes_CategoriesWithTwoValuesPresent_ThenRole()
    {
        var trial = Trial.Replace(",\n    \"axes\": [\"employer\", \"organisational_context\", \"service_setting\", \"peer_workers\", \"role\"]", "", StringComparison.Ordinal);
        Assert.DoesNotContain("axes", trial, StringComparison.Ordinal);

        var run = RunOf(trial, Codings(), Interviews);

        // locality is blank everywhere (no values present) and peer_workers is a number: neither is a default axis.
        Assert.Equal(["employer", "organisational_context", "service_setting", "role"], run.Comparisons.Select(c => c.Axis));
    }

    [Fact]
    public void SiteCharacteristics_ReachableByNameFromTheRunModelsSites()
    {
        var c5 = Run.Value.Sites.Single(s => s.SiteId == "C5");

        Assert.Equal("voluntary_only", c5.Characteristic("Organisational_Context")!.Category);
        Assert.Equal(6, c5.Characteristic("peer_workers")!.Number);
        Assert.Equal("voluntary", c5.Characteristic("employer")!.Category);
        Assert.False(c5.Characteristic("locality")!.HasValue);
        Assert.Null(c5.Characteristic("no_such_thing"));
        Assert.Equal(CharacteristicKind.Number, Run.Value.Trial.FindCharacteristic("peer_workers")!.Kind);
    }

    [Fact]
    public void SiteGroups_ForTheSiteReport_GroupsOfASiteAndWhatIsDistinctive()
    {
        var axis = Axis("organisational_context");

        var group = Assert.Single(axis.GroupsOf("C8"));
        Assert.Equal("partnership", group.Value);
        Assert.Equal([K5], axis.DistinctiveOf(group.Value).Select(c => c.Code.Code));
    }

    [Fact]
    public void OneGroupOnly_SharedAndDistinctiveUnavailableWithReason()
    {
        var trial = Trial.Replace("[\"employer\", \"organisational_context\", \"service_setting\", \"peer_workers\", \"role\"]", "[\"employer\"]", StringComparison.Ordinal);
        var sites = Sites.Replace(",voluntary,", ",nhs,", StringComparison.Ordinal);

        var axis = RunOf(trial, Codings(), sites: sites).Comparison("employer")!;

        Assert.Single(axis.Groups);
        Assert.Contains("Only one group", axis.UnavailableReason, StringComparison.Ordinal);
        Assert.Empty(axis.Shared);
        Assert.Empty(axis.Distinctive);
    }

    [Fact]
    public void RunJson_ComparisonsAndFramework_RoundTrip()
    {
        var json = RunModelJson.Serialize(Run.Value);
        var back = RunModelJson.Deserialize(json);

        Assert.Equal(json, RunModelJson.Serialize(back));
        Assert.Contains("\"comparisons\": [", json, StringComparison.Ordinal);
        Assert.Contains("\"domain\": \"context\"", json, StringComparison.Ordinal);
        Assert.Equal(Run.Value.Comparisons.Count, back.Comparisons.Count);
    }
}
