using Reporting.Core.Qca;

namespace Reporting.Core.Tests.Qca;

/// <summary>
/// The reference datasets without R results in expected/ (HC, Krook, NF; CVR raw), and invariants every analysis
/// must keep. The models below were checked against R QCA 3.25.1 run locally (truthTable + minimize, default
/// settings unless stated); they are not in the reference files.
/// </summary>
public class QcaDatasetTests
{
    private static QcaResult Run(string dataset, string outcome, double inclCut = 1) =>
        QcaAnalysis.Run(QcaReference.Table(dataset), new QcaOptions(outcome, inclCut: inclCut));

    private static HashSet<string> Model(string expression) => [.. expression.Split(" + ")];

    [Theory]
    // Hicks (HC), outcome VOTE, incl.cut 1: R gives one conservative and one parsimonious model.
    [InlineData("HC", "VOTE", 1, "conservative", "FOREIGN*PRES80 + FOREIGN*UNEMP*CONV + UNEMP*CONV*PRES80")]
    [InlineData("HC", "VOTE", 1, "parsimonious", "CONV + PRES80")]
    // Krook, outcome WNP: R gives two equally minimal parsimonious models.
    [InlineData("Krook", "WNP", 1, "conservative", "~ES*~WS*WM*LP + ES*QU*~WS*LP + ES*QU*~WS*WM + ES*WS*~WM*~LP + ES*WS*WM*LP")]
    [InlineData("Krook", "WNP", 1, "parsimonious", "~ES*LP + ES*WM + QU*LP + WS | ES*WM + QU*LP + WM*LP + WS")]
    // NF (fuzzy), outcome W at incl.cut 0.8, and its negation.
    [InlineData("NF", "W", 0.8, "conservative", "~A*I*M*U + A*~M*~U + A*I*~M")]
    [InlineData("NF", "W", 0.8, "parsimonious", "~A*M + ~U + A*I*~M")]
    [InlineData("NF", "~W", 0.8, "conservative", "~A*I*~M*U + A*M*U")]
    [InlineData("NF", "~W", 0.8, "parsimonious", "~A*~M + A*M")]
    public void Solution_DatasetWithoutReferenceFile_MatchesLocalR(string dataset, string outcome, double inclCut, string kind, string models)
    {
        var result = Run(dataset, outcome, inclCut);

        var solution = kind == "conservative" ? result.Conservative! : result.Parsimonious!;
        var expected = models.Split(" | ").Select(Model).ToList();
        Assert.Equal(expected.Count, solution.Models.Count);
        Assert.All(solution.Models, m => Assert.Contains(expected, e => e.SetEquals(m.Terms)));
    }

    [Theory]
    // every dataset of the reference, with its outcome (the last column; CVR's raw PROTEST is calibrated first)
    [InlineData("LC", "SURV")]
    [InlineData("LF", "SURV")]
    [InlineData("LM", "SURV")]
    [InlineData("HC", "VOTE")]
    [InlineData("Krook", "WNP")]
    [InlineData("NF", "W")]
    [InlineData("CVF", "PROTEST")]
    [InlineData("CVF", "~PROTEST")]
    public void Solutions_AnyDataset_CoverEveryPositiveRowAndNoNegative(string dataset, string outcome)
    {
        var result = Run(dataset, outcome, inclCut: 0.8);

        var positive = result.TruthTable.Rows.Where(r => r.Out == RowOutput.Positive).ToList();
        var negative = result.TruthTable.Rows.Where(r => r.Out is RowOutput.Negative or RowOutput.Contradiction).ToList();
        foreach (var solution in new[] { result.Conservative, result.Parsimonious }.OfType<QcaSolution>())
        {
            Assert.True(solution.ModelsComplete);
            foreach (var model in solution.Models)
            {
                // every positive row is covered; no term covers a negative row; the conservative terms cover positive rows only
                Assert.All(positive, row => Assert.Contains(model.Terms, t => Covers(result, t, row)));
                Assert.All(model.Terms, t => Assert.DoesNotContain(negative, row => Covers(result, t, row)));
                if (solution.Type == SolutionType.Conservative)
                {
                    Assert.Empty(model.SimplifyingAssumptions);
                }

                // a minimal model has no redundant term
                Assert.All(model.Terms, t => Assert.Contains(positive, row => model.Terms.Where(o => o != t).All(o => !Covers(result, o, row))));
            }
        }
    }

    [Fact]
    public void Read_RawCvr_CalibratedColumnsAreMemberships()
    {
        using var stream = File.OpenRead(QcaReference.DataFile("CVR"));
        var calibrations = new Dictionary<string, CalibrationSpec>
        {
            ["PROTEST"] = Spec("e=0.5, c=1.5, i=2.5"),
            ["DEMOC"] = Spec("e=2, c=5, i=8"),
        };

        var read = QcaTableReader.Read("CVR.csv", stream, calibrations, "PROTEST", ["DEMOC"]);

        Assert.Empty(read.Issues);
        Assert.All(read.Table!.Column("PROTEST")!.Values, v => Assert.InRange(v, 0, 1));
        Assert.All(read.Table.Column("DEMOC")!.Values, v => Assert.InRange(v, 0, 1));

        static CalibrationSpec Spec(string text) => CalibrationSpec.TryParse(text, out var spec, out _) ? spec! : throw new InvalidOperationException(text);
    }

    [Fact]
    public void Read_RawCvrWithoutCalibration_OutcomeRefusedAtItsFirstRow()
    {
        using var stream = File.OpenRead(QcaReference.DataFile("CVR"));

        var read = QcaTableReader.Read("CVR.csv", stream, new Dictionary<string, CalibrationSpec>(), "PROTEST", ["GEOCON"]);

        // GEOCON holds categories 1–3 (multi-value) and is accepted; PROTEST is raw and is not a membership.
        var issue = Assert.Single(read.Issues);
        Assert.Equal(("CVR.csv", (int?)2, "PROTEST", Validation.IssueCodes.MembershipOutOfRange), (issue.File, issue.Line, issue.Column, issue.Code));
    }

    private static bool Covers(QcaResult result, string term, TruthTableRow row)
    {
        foreach (var literal in term.Split('*'))
        {
            var negated = literal.StartsWith('~');
            var name = literal.TrimStart('~');
            var value = 1;
            var open = name.IndexOf('[', StringComparison.Ordinal);
            if (open > 0)
            {
                value = int.Parse(name[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
                name = name[..open];
            }
            else if (negated)
            {
                value = 0;
            }

            var c = result.Conditions.ToList().FindIndex(x => x.Name == name);
            if (row.Values[c] != value)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Hand-worked prime implicant charts for the minimal-cover search.</summary>
public class MinimalCoverTests
{
    private static ulong[] Bits(params int[] columns)
    {
        var b = new ulong[1];
        foreach (var c in columns)
        {
            b[0] |= 1UL << c;
        }

        return b;
    }

    [Fact]
    public void MinimalCovers_TwoWaysToCoverWithTwo_BothReturnedInOrder()
    {
        // PI0 {0,1}, PI1 {2}, PI2 {1,2}, PI3 {0}: the two-PI covers are {0,1} and {0,2}; {3,2} also covers 0,1,2.
        var chart = new[] { Bits(0, 1), Bits(2), Bits(1, 2), Bits(0) };

        var covers = Minimizer.MinimalCovers(chart, 3, out var complete);

        Assert.True(complete);
        Assert.Equal(["0,1", "0,2", "2,3"], covers.Select(c => string.Join(",", c)));
    }

    [Fact]
    public void MinimalCovers_EssentialPrimeImplicant_InEveryCover()
    {
        // Column 3 is covered only by PI2, so PI2 is in every cover; columns 0 and 1 then need PI0 (or PI1 + PI3).
        var chart = new[] { Bits(0, 1), Bits(0), Bits(2, 3), Bits(1) };

        var covers = Minimizer.MinimalCovers(chart, 4, out _);

        Assert.Equal(["0,2"], covers.Select(c => string.Join(",", c)));
    }

    [Fact]
    public void RowDominance_StrictSubset_Dropped()
    {
        // PI1 covers {0} ⊂ PI0's {0,1}: dropped; PI2 and PI3 cover the same {2} and both stay.
        var chart = new[] { Bits(0, 1), Bits(0), Bits(2), Bits(2) };

        Assert.Equal([0, 2, 3], Minimizer.RowDominance(chart));
    }
}
