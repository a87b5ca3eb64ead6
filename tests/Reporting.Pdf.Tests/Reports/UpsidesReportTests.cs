using System.Text.RegularExpressions;
using Reporting.Core.Analysis;
using S = Reporting.Pdf.TrialReportDocument.Sections;

namespace Reporting.Pdf.Tests.Reports;

/// <summary>The UPSIDES-shaped sample's trial report and U1's site report, rendered once for a test class.</summary>
public sealed class RenderedUpsidesReports() : RenderedReports(Runs.Upsides, SiteId, "upsides-")
{
    public const string SiteId = "U1";
}

/// <summary>
/// The new sections on the second sample (samples/upsides-synthetic): the upsides framework's domains, two axes
/// (country income level and role), an uncoded construct, no structured answers and no QCA.
/// </summary>
public sealed class UpsidesReportTests(RenderedUpsidesReports sample) : IClassFixture<RenderedUpsidesReports>
{
    private RunModel Run => sample.Run;

    private static string Fold(string text) => Regex.Replace(text, @"\s+", " ");

    [Fact]
    public void TrialReport_Codes_ReadUnderTheUpsidesDomainLabels()
    {
        var patterns = Sections.Between(sample.TrialText, S.Patterns, S.Outcome);

        // UPSIDES' principles and influences are not PARIHS domains: they print with the framework's own labels.
        Assert.Contains("Principles · Mutual", patterns, StringComparison.Ordinal);
        Assert.Contains("Codes by group", sample.TrialText, StringComparison.Ordinal);
        Assert.Contains("grouped by domain and construct of the UPSIDES framework", Fold(sample.TrialText), StringComparison.Ordinal);
        Assert.Matches(@"Implementation influences ·\s", sample.TrialText);
        Assert.DoesNotContain("Other · Mutual", sample.TrialText, StringComparison.Ordinal);
        Assert.DoesNotContain("Other · Non-directive", sample.TrialText, StringComparison.Ordinal);
    }

    [Fact]
    public void TrialReport_Headings_HaveBothAxesAndCoverageButNoQca()
    {
        var lines = sample.TrialText.Split('\n').Select(l => l.Trim()).ToList();
        string[] order = [S.Outcome, S.Comparison("Country income level"), S.Comparison("Stakeholder group"), S.FrameworkCoverage, S.Provenance];

        Assert.All(order, h => Assert.Single(lines, l => l == h));
        Assert.Equal(order.Select(h => lines.IndexOf(h)).Order(), order.Select(h => lines.IndexOf(h)));
        // trial.json configures no QCA and declares no interview items: neither section is printed.
        Assert.DoesNotContain(S.Qca, lines);
        Assert.DoesNotContain("Structured interview answers", lines);
    }

    [Fact]
    public void IncomeLevel_GroupsAndDistinctiveCodes_AreReadBack()
    {
        var text = Sections.Between(sample.TrialText, S.Comparison("Country income level"), S.Comparison("Stakeholder group"));
        var folded = Fold(text);

        // samples/upsides-synthetic/sites.csv: U1 and U2 are high-income, U3–U5 low-income.
        Assert.Matches(@"(?m)^\s*high\s+2: U1, U2\s", text);
        Assert.Matches(@"(?m)^\s*low\s+3: U3, U4, U5\s", text);
        var axis = Run.Comparison("income_level")!;
        Assert.All(axis.Cautions, c => Assert.Contains(Fold(c), folded, StringComparison.Ordinal));
        Assert.All(axis.Shared, c => Assert.Contains(c.Code, folded, StringComparison.Ordinal));
        // Choosing one's own peer worker was coded at U1 only: one of the two high-income sites.
        Assert.Contains("Service users choose their own peer worker (Implementation influences · Extent both parties choose the relationship): 1 source (U1FGPW); 1 of 2 high sites;", folded, StringComparison.Ordinal);
        Assert.Matches(@"Shared experience of mental illness creates a bond\s+4 · 2/2\s+4 · 3/3", text);
    }

    [Fact]
    public void FrameworkCoverage_UncodedConstruct_IsHighlightedAndNamed()
    {
        var text = Sections.Between(sample.TrialText, S.FrameworkCoverage, S.Provenance);

        // No focus group was coded under "Progressive", the one UPSIDES principle left out of the sample's codings.
        Assert.Equal([new ConstructRef("principles", "Progressive")], Run.Framework.Uncoded);
        Assert.Matches(@"(?m)^\s*Principles\s+Progressive\s+0\s+0\s+0\s+0\s*$", text);
        Assert.Contains("Not coded (1 construct, highlighted): Principles · Progressive.", Fold(text), StringComparison.Ordinal);
        Assert.Contains("Codings were filed under the UPSIDES framework, whose domains are Principles (8 constructs), Implementation influences (5 constructs) and Other (any construct).", Fold(text), StringComparison.Ordinal);
        Assert.Equal(Run.Framework.Coverage.Count, text.Split('\n').Count(l => Regex.IsMatch(l, @"^\s*(Principles|Implementation|Other)\s.*\s\d+\s+\d+\s+\d+\s+\d+\s*$")));
    }

    [Fact]
    public void SiteReport_Groups_NameTheSitesGroupsAndNoOtherSite()
    {
        var text = Fold(Sections.Between(sample.SiteText, SiteReportDocument.Sections.Groups, SiteReportDocument.Sections.Methods));

        Assert.Contains("This site is in the group high (2 sites, this one included, and 7 coded sources).", text, StringComparison.Ordinal);
        Assert.Contains("Service users choose their own peer worker (at 1 of the group’s 2 sites)", text, StringComparison.Ordinal);
        Assert.Contains("Distinctive of Policy-makers (1 code): Other · Policy context • Peer support work not yet recognised in national policy", text, StringComparison.Ordinal);
        Assert.All(Run.Sites.Where(s => s.SiteId != RenderedUpsidesReports.SiteId), s => Assert.False(Sections.HasToken(sample.SiteText, s.SiteId), $"{s.SiteId} is named"));
    }
}
