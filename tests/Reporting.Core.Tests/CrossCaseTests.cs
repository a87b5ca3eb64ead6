using Reporting.Core.Analysis;
using Reporting.Core.Export;

namespace Reporting.Core.Tests;

public class CrossCaseTests
{
    private static Coding C(string site, string source, string code, Valence? valence = Valence.Facilitator, string? excerpt = null, string construct = "Culture") =>
        new(site, source, "pw", "context", construct, code, valence, excerpt);

    private static readonly Dictionary<string, CaseRole> Roles = new()
    {
        ["H1"] = CaseRole.HighHigh, ["H2"] = CaseRole.HighHigh, ["L1"] = CaseRole.LowLow, ["L2"] = CaseRole.LowLow, ["O1"] = CaseRole.Outlier,
    };

    private static Patterns Find(IReadOnlyList<Coding> codings, IReadOnlyDictionary<string, CaseRole>? roles = null, int minSources = 1)
    {
        roles ??= Roles;
        var matrix = Comparison.Matrix(roles.Keys.ToList(), codings, minSources);
        return Comparison.Find(matrix, roles);
    }

    [Fact]
    public void CodeAtAllSites_IsPatternA_AndNotBOrC()
    {
        // Case and spacing differ between sites: codes are compared case-insensitively after trimming.
        var codings = new[] { "H1", "H2", "L1", "L2", "O1" }.Select(s => C(s, s + "PW1", s == "L2" ? "  shared LIVED experience " : "Shared lived experience")).ToList();

        var p = Find(codings);

        var a = Assert.Single(p.A.Codes);
        Assert.Equal("Shared lived experience", a.Code.Code);
        Assert.Equal(5, a.Sites.Count);
        Assert.Empty(p.B.Codes);
        Assert.Empty(p.C.Codes);
    }

    [Fact]
    public void PatternsBCD_FollowTheDefinitions()
    {
        var codings = new List<Coding>
        {
            C("H1", "H1PW1", "Protected time", excerpt: "We had time."),
            C("H2", "H2PW1", "Protected time", excerpt: "Time was protected."),
            C("O1", "O1PW1", "Protected time"),
            C("H1", "H1PW1", "Only at H1"),
            C("L1", "L1PW1", "Drawn into clinical tasks", Valence.Barrier),
            C("L2", "L2PW1", "Drawn into clinical tasks", Valence.Barrier),
            C("O1", "O1PW2", "Drawn into clinical tasks", Valence.Barrier),
            C("L1", "L1PW1", "Low and high", Valence.Barrier),
            C("L2", "L2PW1", "Low and high", Valence.Barrier),
            C("H1", "H1PW1", "Low and high", Valence.Barrier),
            C("O1", "O1PW1", "Outlier only"),
        };

        var p = Find(codings);

        Assert.Equal(["Protected time"], p.B.Codes.Select(c => c.Code.Code));
        Assert.Equal(["Drawn into clinical tasks"], p.C.Codes.Select(c => c.Code.Code));
        Assert.Equal(new ValenceCounts(0, 2, 0, 0), p.C.Codes[0].Valence);
        Assert.Equal(["We had time.", "Time was protected."], p.B.Codes[0].Excerpts.Select(e => e.Text));
        var d = Assert.Single(p.D);
        Assert.Equal("O1", d.SiteId);
        Assert.Equal(["Protected time"], d.SharedWithHighHigh.Select(c => c.Code.Code));
        Assert.Equal(["Drawn into clinical tasks"], d.SharedWithLowLow.Select(c => c.Code.Code));
        Assert.Equal(["Outlier only"], d.Unique.Select(c => c.Code.Code));
    }

    [Fact]
    public void NoLowLowSite_BAndCUnavailableWithReason()
    {
        var roles = new Dictionary<string, CaseRole> { ["H1"] = CaseRole.HighHigh, ["H2"] = CaseRole.HighHigh, ["O1"] = CaseRole.Outlier };
        var p = Find([C("H1", "a", "x"), C("H2", "b", "x")], roles);

        Assert.False(p.B.Available);
        Assert.False(p.C.Available);
        Assert.Contains("No site is low–low", p.B.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("No site is low–low", p.C.UnavailableReason, StringComparison.Ordinal);
        Assert.True(p.A.Available);
    }

    [Fact]
    public void MinSourcesPerCode_SiteNeedsEnoughDistinctSources()
    {
        // With minSourcesPerCode = 2, one source coded twice is still one source: H2 does not have the code.
        var codings = new List<Coding>
        {
            C("H1", "H1PW1", "Protected time"), C("H1", "H1MGR1", "Protected time"),
            C("H2", "H2PW1", "Protected time"), C("H2", "H2PW1", "Protected time"),
        };

        var p = Find(codings, minSources: 2);

        Assert.Empty(p.B.Codes);
        Assert.Empty(p.A.Codes);
    }

    [Fact]
    public void Excerpts_AtMostThree_TakenInTurnFromEachSite()
    {
        var codings = new List<Coding>();
        foreach (var site in new[] { "H1", "H2" })
        {
            for (var i = 0; i < 3; i++)
            {
                codings.Add(C(site, $"{site}PW{i}", "Protected time", excerpt: $"{site} says {i}"));
            }
        }

        var p = Find(codings);

        Assert.Equal(["H1 says 0", "H2 says 0", "H1 says 1"], p.B.Codes[0].Excerpts.Select(e => e.Text));
        Assert.Equal(6, p.B.Codes[0].Sources.Count);
    }
}
