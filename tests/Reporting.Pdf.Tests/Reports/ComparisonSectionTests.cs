using System.Globalization;
using System.Text.RegularExpressions;
using Reporting.Core.Analysis;
using S = Reporting.Pdf.TrialReportDocument.Sections;

namespace Reporting.Pdf.Tests.Reports;

/// <summary>
/// The sample trial report's comparison by context and stakeholder group, framework coverage and QCA, read back from
/// the PDF's text (samples/peer-support-synthetic: four axes, the parihs-enrich framework, a QCA in trial.json).
/// </summary>
public sealed class ComparisonSectionTests(RenderedSampleReports sample) : IClassFixture<RenderedSampleReports>
{
    private RunModel Run => sample.Run;

    /// <summary>The text of the comparison along <paramref name="axis"/>, up to the next section's heading.</summary>
    private string Axis(string axis)
    {
        var comparisons = Run.Comparisons;
        var i = comparisons.ToList().FindIndex(c => c.Axis == axis);
        var next = i + 1 < comparisons.Count ? S.Comparison(comparisons[i + 1].Label) : S.FrameworkCoverage;
        return Sections.Between(sample.TrialText, S.Comparison(comparisons[i].Label), next);
    }

    private static string Fold(string text) => Regex.Replace(text, @"\s+", " ");

    [Fact]
    public void Comparisons_EveryAxis_HasItsSectionWithItsCautionsAndGroups()
    {
        Assert.Equal(["employer", "organisational_context", "service_setting", "role"], Run.Comparisons.Select(c => c.Axis));
        foreach (var axis in Run.Comparisons)
        {
            var text = Fold(Axis(axis.Axis));

            // The small-number caution is printed in full with each axis.
            Assert.All(axis.Cautions, c => Assert.Contains(Fold(c), text, StringComparison.Ordinal));
            Assert.All(axis.Groups, g => Assert.Contains(g.Label, text, StringComparison.Ordinal));
            Assert.Contains("Codes by group", text, StringComparison.Ordinal);
            Assert.Contains("Structured interview answers", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EmployerGroups_EachGroup_ShowsItsSitesSourcesAndCodes()
    {
        var axis = Run.Comparison("employer")!;
        var lines = Axis("employer").Split('\n');

        for (var i = 0; i < axis.Groups.Count; i++)
        {
            var g = axis.Groups[i];
            var held = axis.Matrix.Count(r => r.Cells[i].Has);
            Assert.Contains(lines, l => Regex.IsMatch(l,
                $@"^\s*{Regex.Escape(g.Label)}\s+{g.Sites.Count}: {Regex.Escape(string.Join(", ", g.Sites))}\s+{g.Sources.Count}\s+{held}\s+{g.FacilitatorCodes}\s+{g.BarrierCodes}\s"));
        }

        // The sample's design: S3 and S5 employ their peer workers through the voluntary sector.
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s*voluntary\s+2: S3, S5\s"));
    }

    [Fact]
    public void EmployerMatrix_EachCode_ShowsSourcesAndSitesPerGroupOnItsRow()
    {
        var axis = Run.Comparison("employer")!;
        var matrix = Sections.Between(Axis("employer"), "Codes by group", "Shared codes").Split('\n');

        foreach (var row in axis.Matrix)
        {
            // The code's first words are on the row's first line, with the cells (top-aligned) after them.
            var start = string.Join(' ', row.Code.Code.Split(' ').Take(4));
            var line = Assert.Single(matrix, l => l.Contains(start, StringComparison.Ordinal) && !l.TrimStart().StartsWith('•'));
            var at = line.IndexOf(start, StringComparison.Ordinal);
            foreach (var cell in row.Cells.Where(c => c.Sources.Count > 0))
            {
                var text = $"{cell.Sources.Count} · {cell.SitesWithCode}/{cell.Sites}";
                var found = line.IndexOf(text, at, StringComparison.Ordinal);
                Assert.True(found > at, $"'{text}' is not on the row of '{row.Code.Code}': {line}");
                at = found;
            }
        }

        // By hand: the trust code is coded at every site, 12 sources at the five NHS sites and 5 at the two voluntary ones.
        Assert.Contains(matrix, l => Regex.IsMatch(l, @"Shared lived experience builds trust quickly\s+12 · 5/5\s+5 · 2/2\s*$"));
    }

    [Fact]
    public void EmployerDistinctive_CodeAtSomeSites_SaysHowManyOfTheGroupsSites()
    {
        var axis = Run.Comparison("employer")!;
        var text = Fold(Sections.Between(Axis("employer"), "Distinctive codes", "Structured interview answers"));

        foreach (var (value, codes) in axis.Distinctive.Select(d => (d.Value, d.Codes)))
        {
            var label = axis.Groups.Single(g => g.Value == value).Label;
            foreach (var code in codes)
            {
                Assert.Contains($"{code.Code.Code} (", text, StringComparison.Ordinal);
                Assert.Equal(code.HeldBySomeSites, text.Contains($"{code.Code.Code} ({Group(code)}): {code.Sources.Count} sources ({string.Join(", ", code.Sources)}); {code.SitesWithCode} of {code.Sites} {label} sites;", StringComparison.Ordinal));
            }
        }

        // By hand: drawn into clinical tasks is coded at S2, S4, S6 and S7, four of the five NHS sites; the voluntary host's
        // independence at both voluntary sites (S3, S5), so no count is given for it.
        Assert.Contains("Peer worker drawn into clinical tasks (Facilitation · Role characterisation): 8 sources", text, StringComparison.Ordinal);
        Assert.Contains("4 of 5 NHS sites; coded segments: 0 facilitator, 11 barrier, 0 neutral.", text, StringComparison.Ordinal);
        Assert.Contains("Voluntary sector host gives independence from the clinical team (Context · Culture): 4 sources (S3MGR1, S3PW3, S5PW1, S5PW2); coded segments:", text, StringComparison.Ordinal);

        static string Group(GroupCode c) => $"{char.ToUpperInvariant(c.Code.DomainName[0])}{c.Code.DomainName[1..]} · {c.Code.Construct}";
    }

    [Fact]
    public void StructuredAnswers_EachItemAndGroup_ShowsSourcesMedianQuartilesAndMean()
    {
        foreach (var axis in Run.Comparisons)
        {
            var text = Axis(axis.Axis);
            var lines = text[text.IndexOf("\nStructured interview answers", StringComparison.Ordinal)..].Split('\n');
            foreach (var item in axis.InterviewItems)
            {
                Assert.Contains(lines, l => l.Contains($"{item.ItemId}. {item.Text} (scores 1–5)", StringComparison.Ordinal));
                foreach (var (label, stats) in item.Groups.Select(s => (axis.Groups.Single(g => g.Value == s.Value).Label, s)).Append(("All sources", item.All)))
                {
                    var row = stats.N == 0
                        ? $@"^\s*{Regex.Escape(label)}\s+0\s+—\s+—\s+—\s*$"
                        : $@"^\s*{Regex.Escape(label)}\s+{stats.N}\s+{Stat(stats.Median)}\s+{Stat(stats.LowerQuartile)}–{Stat(stats.UpperQuartile)}\s+{Stat(stats.Mean)}\s*$";
                    Assert.Contains(lines, l => Regex.IsMatch(l, row));
                }
            }
        }

        static string Stat(double? v) => Regex.Escape(v!.Value.ToString("0.0#", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void RoleAxis_SevenGroups_NumbersTheMatrixColumnsWithTheGroupsTableAsLegend()
    {
        var axis = Run.Comparison("role")!;
        var text = Axis("role");

        Assert.Equal(7, axis.Groups.Count);
        for (var i = 0; i < axis.Groups.Count; i++)
        {
            Assert.Matches($@"(?m)^\s*G{i + 1} {Regex.Escape(axis.Groups[i].Label.Split(' ')[0])}", text);
        }

        var matrix = Sections.Between(text, "Codes by group", "Shared codes");
        Assert.Matches(@"Code\s+G1\s+G2\s+G3\s+G4\s+G5\s+G6\s+G7", matrix);
        // Sources are grouped by role across sites, so no cell counts sites.
        Assert.DoesNotMatch(@"\d+/\d+", matrix);
        // By hand: the commissioners (at S5 and S7) are the only ones coded with the one-year funding.
        Assert.Matches(@"Peer support funded one year at a time\s+2\s*$", matrix.Split('\n').Single(l => l.Contains("funded one year", StringComparison.Ordinal)));
    }

    [Fact]
    public void FrameworkCoverage_EveryConstruct_ShowsItsCodesSourcesSitesAndSegments()
    {
        var text = Sections.Between(sample.TrialText, S.FrameworkCoverage, S.Qca);
        var lines = text.Split('\n');

        Assert.Equal(7, Run.Framework.Coverage.Count);
        foreach (var row in Run.Framework.Coverage)
        {
            var domain = char.ToUpperInvariant(row.Domain[0]) + row.Domain[1..];
            Assert.Contains(lines, l => Regex.IsMatch(l, $@"^\s*{domain}\s+{Regex.Escape(row.Construct)}\s+{row.Codes}\s+{row.Sources}\s+{row.Sites}\s+{row.Segments}\s*$"));
        }

        Assert.Contains("Codings were filed under the adapted PARIHS framework", Fold(text), StringComparison.Ordinal);
        // Every listed construct has codes in the sample (codings alias "Monitoring and feedback" to the evaluation construct).
        Assert.Contains("Every construct the framework names was coded.", text, StringComparison.Ordinal);
        Assert.Matches(@"Context\s+Evaluation \(monitoring and feedback\)\s+4\s", text);
    }

    [Fact]
    public void Qca_TruthTable_ShowsTheObservedConfigurationsWithTheirSites()
    {
        var text = Sections.Between(sample.TrialText, "Truth table", "Conservative solution");
        var lines = text.Split('\n');

        // By hand from sites.csv and the classes: A employer=nhs, B supervisor days >= 1, C the clear-role code (S1, S3);
        // engagement is high at S1 and S3 only.
        Assert.Contains("The 4 configurations of the conditions that sites fall into; the other 4 have no site", Fold(text), StringComparison.Ordinal);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s*3\s+0\s+1\s+0\s+0\s+1\s+0\.000\s+0\.000\s+S5\s*$")); // S5: voluntary, 1 day, no clear role, mid engagement
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s*4\s+0\s+1\s+1\s+1\s+1\s+1\.000\s+1\.000\s+S3\s*$")); // S3: voluntary, 1 day, clear role, high
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s*5\s+1\s+0\s+0\s+0\s+4\s+0\.000\s+0\.000\s+S2, S4, S6, S7\s*$")); // the other NHS sites, half a day, none high
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s*8\s+1\s+1\s+1\s+1\s+1\s+1\.000\s+1\.000\s+S1\s*$")); // S1: NHS, 1 day, clear role, high
    }

    [Fact]
    public void Qca_Solutions_ListEachTermWithTheSitesItCovers()
    {
        var text = Sections.Between(sample.TrialText, "Conservative solution", "Necessity");
        var folded = Fold(text);

        // Positive rows 4 and 8 share B and C: the conservative solution is B*C.
        Assert.Contains("M1: supervisor_days_per_week>=1*code:Clear written role distinct from clinical roles → engagement", folded, StringComparison.Ordinal);
        // With the remainders, C alone covers both and no negative row: the parsimonious solution, assuming rows 2 and 6.
        Assert.Contains("M1: code:Clear written role distinct from clinical roles → engagement", folded, StringComparison.Ordinal);
        Assert.Matches(@"code:Clear written role distinct from clinical roles\s+1\.000\s+1\.000\s+1\.000\s+—\s+S3; S1", text);
        Assert.Contains("Simplifying assumptions of M1 (remainders treated as if they had the outcome): row 2 (A = 0, B = 0, C = 1); row 6 (A = 1, B = 0, C = 1).", folded, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(text, @"M1 \(solution\)\s+1\.000\s+1\.000\s+1\.000").Count);
    }

    [Fact]
    public void Qca_NecessityAndCaution_ArePrinted()
    {
        var text = Sections.Between(sample.TrialText, S.Qca, S.Provenance);

        Assert.Contains(Fold(Run.Qca!.Caution), Fold(text), StringComparison.Ordinal);
        // employer=nhs: one of the two high sites is NHS (inclN 1/2); five sites are NHS, one of them high (covN 1/5);
        // RoN = Σ(1 − X) / Σ(1 − min(X, Y)) = 2 / 6.
        Assert.Matches(@"(?m)^\s*employer=nhs\s+0\.500\s+0\.333\s+0\.200\s*$", text);
        // Both high sites have the clear role, and only they do.
        Assert.Matches(@"(?m)^\s*code:Clear written role distinct from clinical roles\s+1\.000\s+1\.000\s+1\.000\s*$", text);
    }
}
