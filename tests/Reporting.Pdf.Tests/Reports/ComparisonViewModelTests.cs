using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Core.Qca;
using Reporting.Pdf.SiteSections;
using Reporting.Pdf.TrialSections;

namespace Reporting.Pdf.Tests.Reports;

/// <summary>The view-models of the comparison, framework coverage and QCA sections, built without rendering a PDF.</summary>
public sealed class ComparisonViewModelTests
{
    private static RunModel Run => Runs.Sample;

    /// <summary>The role axis with its groups repeated up to <paramref name="count"/> groups (each copy a new value), cells alike.</summary>
    private static AxisComparison Widened(int count)
    {
        var role = Run.Comparison("role")!;
        var groups = Enumerable.Range(0, count)
            .Select(i => role.Groups[i % role.Groups.Count] with { Value = $"g{i + 1}", Label = $"Group {i + 1}" })
            .ToList();
        var matrix = role.Matrix
            .Select(r => r with { Cells = Enumerable.Range(0, count).Select(i => r.Cells[i % r.Cells.Count] with { Value = $"g{i + 1}" }).ToList() })
            .ToList();
        return role with { Groups = groups, Matrix = matrix, Distinctive = groups.Select(g => new DistinctiveCodes(g.Value, [])).ToList(), InterviewItems = [] };
    }

    [Fact]
    public void Comparisons_Sample_OneAxisPerComparisonWithTheCodesEachGroupHas()
    {
        var m = ComparisonsModel.From(Run);

        Assert.Equal(Run.Comparisons.Select(c => c.Axis), m.Axes.Select(a => a.Axis.Axis));
        var employer = m.Axes[0];
        Assert.Equal([1, 2], employer.Groups.Select(g => g.Number));
        // A group has a code when a cell says so: the NHS column has 23 of the 24 codes, the voluntary one 16.
        Assert.Equal([23, 16], employer.Groups.Select(g => g.CodesHeld));
        Assert.Equal(employer.Groups.Select((_, i) => Run.Comparisons[0].Matrix.Count(r => r.Cells[i].Has)), employer.Groups.Select(g => g.CodesHeld));
        Assert.False(employer.NumberedColumns);
        Assert.True(employer.SiteAxis);
        var role = m.Axes[^1];
        Assert.False(role.SiteAxis);
        Assert.True(role.NumberedColumns);
        Assert.Equal(Enumerable.Range(0, 7), Assert.Single(role.MatrixParts));
    }

    [Theory]
    [InlineData(2, false, new[] { 2 })] // two groups: labelled columns, one table
    [InlineData(4, false, new[] { 4 })] // the most groups whose labels head the columns
    [InlineData(5, true, new[] { 5 })] // one more: numbered columns G1–G5
    [InlineData(8, true, new[] { 8 })] // the most group columns in one table
    [InlineData(9, true, new[] { 8, 1 })] // one more splits the matrix into two tables
    [InlineData(17, true, new[] { 8, 8, 1 })] // three tables, each with at most eight groups
    public void AxisModel_GroupCount_DecidesColumnHeadsAndTables(int groups, bool numbered, int[] tables)
    {
        var m = AxisModel.From(Widened(groups), FrameworkLabels.Open);

        Assert.Equal(numbered, m.NumberedColumns);
        Assert.Equal(tables, m.MatrixParts.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(0, groups), m.MatrixParts.SelectMany(p => p));
    }

    [Fact]
    public void AxisModel_TwelveGroups_PrintsTwoMatrixTablesRepeatingTheCodeColumns()
    {
        var run = Run with { Comparisons = [Widened(12)] };

        var tables = TrialReportDocument.Build(run).Blocks.OfType<Table>()
            .Where(t => t.HeaderRows[0].Cells[0].Text == "Domain · construct" && t.HeaderRows[0].Cells[1].Text == "Code")
            .ToList();

        // The patterns' framework matrix has the selected cases as columns; the axis' has G1–G8, then G9–G12.
        var axisTables = tables.Where(t => t.HeaderRows[0].Cells[2].Text.StartsWith('G')).ToList();
        Assert.Equal(2, axisTables.Count);
        Assert.Equal(["G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8"], axisTables[0].HeaderRows[0].Cells.Skip(2).Select(c => c.Text));
        Assert.Equal(["G9", "G10", "G11", "G12"], axisTables[1].HeaderRows[0].Cells.Skip(2).Select(c => c.Text));
        Assert.All(axisTables, t => Assert.Equal(Run.Comparison("role")!.Matrix.Count, t.Rows.Count));
    }

    [Fact]
    public void AxisModel_OneGroupOnly_HasNoDistinctiveRows()
    {
        var one = Widened(1) with { UnavailableReason = "Only one group (Group 1) is present on this axis, so nothing can be shared or distinctive.", Distinctive = [] };

        var m = AxisModel.From(one, FrameworkLabels.Open);

        Assert.Empty(m.Distinctive);
        Assert.Single(m.Groups);
    }

    [Fact]
    public void AxisModel_Items_EachGroupByItsLabelThenAllSources()
    {
        var m = AxisModel.From(Run.Comparison("employer")!, FrameworkLabels.Open);

        Assert.Equal(["q1", "q2", "q3"], m.Items.Select(i => i.Item.ItemId));
        Assert.All(m.Items, i => Assert.Equal(["NHS", "voluntary", "All sources"], i.Rows.Select(r => r.Label)));
        Assert.All(m.Items, i => Assert.Equal([false, false, true], i.Rows.Select(r => r.All)));
    }

    [Fact]
    public void FrameworkLabels_Upsides_UseTheFrameworksLabelsAndDomainOrder()
    {
        var labels = FrameworkLabels.From(Runs.Upsides.Framework);
        CodeKey[] codes = [new("other", "Policy context", "x"), new("influences", "Rules", "y"), new("principles", "Safe", "z"), new("principles", "Mutual", "w")];

        Assert.Equal("Principles", labels.Label("principles"));
        Assert.Equal("Implementation influences", labels.Label("Influences"));
        Assert.Equal("Principles · Mutual", labels.GroupLabel(codes[3]));
        Assert.Equal("the UPSIDES framework", labels.Name);
        // The framework's domain order (principles, influences, other), constructs by name within a domain.
        Assert.Equal(["w", "z", "y", "x"], labels.Grouped(codes, c => c).SelectMany(g => g).Select(c => c.Code));
    }

    [Fact]
    public void FrameworkLabels_Open_KeepTheParihsNamesAndOrderAndNameOtherDomainsAsWritten()
    {
        var labels = FrameworkLabels.Open;
        CodeKey[] codes = [new("other", "Misc", "a"), new("funding", "Budget", "b"), new("Facilitation", "Role", "c"), new("evidence", "Model", "d")];

        Assert.Equal("Evidence", labels.Label("evidence"));
        Assert.Equal("Funding", labels.Label("funding"));
        Assert.Equal("as coded (the open framework)", labels.Grouping);
        // Evidence, context, facilitation, then other domains by name, and "other" last (the open framework's order).
        Assert.Equal(["d", "c", "b", "a"], labels.Grouped(codes, c => c).SelectMany(g => g).Select(c => c.Code));
    }

    [Fact]
    public void FrameworkCoverage_ConstructNotListedUnderAListingDomain_IsMarkedOutsideTheFramework()
    {
        Coding Coded(string domain, string construct) => new("S1", "S1PW1", "pw", domain, construct, "A code", Valence.Facilitator, null);
        var summary = FrameworkSummary.Build(CodingFrameworks.ParihsEnrich, [Coded("context", "Funding"), Coded("evidence", "Anything"), Coded("context", "Monitoring")]);

        var m = FrameworkCoverageModel.From(Run with { Framework = summary });

        // Context lists its constructs and Funding is none of them; evidence accepts any construct.
        Assert.True(m.Rows.Single(r => r.Row.Construct == "Funding").OutsideFramework);
        Assert.False(m.Rows.Single(r => r.Row.Construct == "Anything").OutsideFramework);
        // "Monitoring" is an alias of the evaluation construct: coded, listed.
        var evaluation = m.Rows.Single(r => r.Row.Construct == "Evaluation (monitoring and feedback)");
        Assert.False(evaluation.OutsideFramework);
        Assert.False(evaluation.Uncoded);
        Assert.True(m.Rows.Single(r => r.Row.Construct == "Culture").Uncoded);
        Assert.Equal(summary.Uncoded.Count, m.Rows.Count(r => r.Uncoded));
    }

    [Fact]
    public void Qca_Sample_LettersTheConditionsAndKeepsTheObservedRows()
    {
        var m = QcaSectionModel.From(Run);

        Assert.Equal(["A", "B", "C"], m.Conditions.Select(c => c.Letter));
        Assert.Equal(Run.Qca!.Conditions, m.Conditions.Select(c => c.Name));
        // Three crisp conditions, eight configurations; the seven sites fall into rows 3, 4, 5 and 8.
        Assert.Equal([3, 4, 5, 8], m.Observed.Select(r => r.RowId));
        Assert.Equal(4, m.Unobserved);
        Assert.Equal([SolutionType.Conservative, SolutionType.Parsimonious], m.Solutions.Select(s => s.Type));
        Assert.Empty(m.Solutions[0].Models[0].Assumptions);
        Assert.Equal([2, 6], m.Solutions[1].Models[0].Assumptions.Select(r => r.RowId));
        Assert.Equal([new[] { 0, 0, 1 }, new[] { 1, 0, 1 }], m.Solutions[1].Models[0].Assumptions.Select(r => r.Values.ToArray()));
    }

    [Fact]
    public void Qca_NotConfigured_ComposesNoBlocks()
    {
        var m = QcaSectionModel.From(Run with { Qca = null });

        Assert.Null(m.Qca);
        Assert.Empty(QcaSection.Compose(m));
        Assert.DoesNotContain(TrialReportDocument.Build(Run with { Qca = null }).Blocks.OfType<Heading>(), h => h.Text == TrialReportDocument.Sections.Qca);
    }

    [Fact]
    public void Qca_Unavailable_SaysWhyAfterTheCases()
    {
        var qca = Run.Qca! with { Result = null, UnavailableReason = "A condition is a code, but no coded interview data (codings.csv) was supplied." };

        var blocks = QcaSection.Compose(QcaSectionModel.From(Run with { Qca = qca })).ToList();

        Assert.Contains(blocks.OfType<Paragraph>(), p => p.Runs[0].Text == "The QCA is not available: " + qca.UnavailableReason);
        Assert.DoesNotContain(blocks.OfType<Heading>(), h => h.Text == "Truth table");
    }

    [Fact]
    public void Qca_MoreModelsThanPrinted_ShowsTheFirstTenAndCountsTheRest()
    {
        var result = Run.Qca!.Result!;
        var m1 = result.Conservative!.Models[0];
        var many = result.Conservative with { Models = Enumerable.Range(1, 12).Select(i => m1 with { Name = $"M{i}" }).ToList() };
        var run = Run with { Qca = Run.Qca with { Result = result with { Conservative = many } } };

        var view = QcaSectionModel.From(run).Solutions[0];

        Assert.Equal(QcaSectionModel.MaxModels, view.Models.Count);
        Assert.Equal("M10", view.Models[^1].Model.Name);
        Assert.Equal(2, view.ModelsNotShown);
    }

    [Fact]
    public void SiteGroups_Sample_TheSitesGroupOnEachSiteAxisAndItsRolesOnTheRoleAxis()
    {
        var m = SiteGroupsModel.From(Run, Run.Sites.Single(s => s.SiteId == "S2"));

        Assert.Equal(Run.Comparisons.Count, m.Axes.Count);
        Assert.Equal(["nhs"], m.Axes[0].Groups.Select(g => g.Group.Value));
        Assert.Equal(["nhs_only"], m.Axes[1].Groups.Select(g => g.Group.Value));
        Assert.Equal(["community"], m.Axes[2].Groups.Select(g => g.Group.Value));
        // S2 interviewed peer workers, a coordinator, a clinician, a strategic manager and service users.
        Assert.Equal(["pw", "pwc", "clinician", "strategic_manager", "service_user"], m.Axes[3].Groups.Select(g => g.Group.Value));
        Assert.Equal(Run.Comparison("employer")!.DistinctiveOf("nhs"), m.Axes[0].Groups[0].Distinctive);
    }

    [Fact]
    public void SiteGroups_SiteWithoutAValue_IsInNoGroupOnThatAxis()
    {
        var employer = Run.Comparison("employer")!;
        var without = employer with { Groups = employer.Groups.Select(g => g with { Sites = g.Sites.Where(s => s != "S2").ToList() }).ToList() };

        var m = SiteGroupsModel.From(Run with { Comparisons = [without] }, Run.Sites.Single(s => s.SiteId == "S2"));

        Assert.Empty(Assert.Single(m.Axes).Groups);
    }

    [Fact]
    public void SiteGroups_NoComparisons_ComposesNoBlocks()
    {
        var m = SiteGroupsModel.From(Run with { Comparisons = [] }, Run.Sites[0]);

        Assert.Empty(SiteGroupsSection.Compose(m));
    }
}
