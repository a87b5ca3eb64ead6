using System.Globalization;
using System.Text.Json;
using Reporting.Core.Qca;

namespace Reporting.Core.Tests.Qca;

/// <summary>
/// Every analysis in the R QCA 3.25.1 reference (tests/Reporting.Core.Tests/Data/qca-reference) reproduced: truth
/// tables, solutions (models compared as sets of terms, terms as sets of literals), every parameter of fit to 1e-6,
/// necessity and calibration.
/// </summary>
public class QcaReferenceTests
{
    private const double Tol = 1e-6;

    /// <summary>One row per analysis in expected/*.json: dataset and analysis id.</summary>
    public static TheoryData<string, string> Analyses()
    {
        var data = new TheoryData<string, string>();
        foreach (var (dataset, id) in AnalysisIds())
        {
            data.Add(dataset, id);
        }

        return data;
    }

    private static List<(string Dataset, string Id)> AnalysisIds()
    {
        var list = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(QcaReference.Expected, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            if (!doc.RootElement.TryGetProperty("analyses", out var analyses))
            {
                continue;
            }

            foreach (var a in analyses.EnumerateArray())
            {
                list.Add((Path.GetFileNameWithoutExtension(file), a.GetProperty("id").GetString()!));
            }
        }

        return list;
    }

    [Theory]
    [MemberData(nameof(Analyses))]
    public void TruthTable_ReferenceAnalysis_MatchesR(string dataset, string id)
    {
        var (analysis, result) = Run(dataset, id, rowDominance: false);
        var expected = analysis.GetProperty("truth_table");
        var rows = expected.GetProperty("rows").EnumerateArray().ToList();

        Assert.Equal(rows.Count, result.TruthTable.Rows.Count);
        var conditions = expected.GetProperty("options").GetProperty("conditions").EnumerateArray().Select(c => c.GetString()!).ToList();
        var levels = expected.GetProperty("options").GetProperty("noflevels").EnumerateArray().Select(e => e.GetInt32()).ToList();
        var fuzzy = expected.GetProperty("options").GetProperty("fuzzy_conditions").EnumerateArray().Select(e => e.GetBoolean()).ToList();
        Assert.Equal(conditions, result.Conditions.Select(c => c.Name));
        Assert.Equal(levels, result.Conditions.Select(c => c.Levels));
        Assert.Equal(fuzzy, result.Conditions.Select(c => c.Fuzzy));
        foreach (var row in rows)
        {
            var rowId = row.GetProperty("row_id").GetInt32();
            var actual = result.TruthTable.Rows[rowId - 1];
            var where = $"{dataset} {id} row {rowId}";
            Assert.Equal(rowId, actual.RowId);
            Assert.Equal(conditions.Select(c => row.GetProperty("values").GetProperty(c).GetInt32()), actual.Values);
            Assert.True(row.GetProperty("OUT").GetString() == QcaJson.OutCode(actual.Out), where + " OUT");
            Assert.Equal(row.GetProperty("n").GetInt32(), actual.N);
            Near(Nullable(row.GetProperty("incl")), actual.Incl, where + " incl");
            Near(Nullable(row.GetProperty("PRI")), actual.Pri, where + " PRI");
            Assert.Equal(row.GetProperty("cases").EnumerateArray().Select(c => c.GetString()!), actual.Cases);
        }
    }

    /// <summary>One row per solution in expected/*.json: dataset, analysis id and solution key.</summary>
    public static TheoryData<string, string, string> Solutions()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (dataset, id) in AnalysisIds())
        {
            var analysis = QcaReference.Analysis(dataset, id);
            foreach (var key in new[] { "conservative", "parsimonious", "parsimonious_row_dominance" })
            {
                if (analysis.TryGetProperty(key, out _))
                {
                    data.Add(dataset, id, key);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Solutions))]
    public void Solution_ReferenceAnalysis_MatchesR(string dataset, string id, string key)
    {
        var (analysis, result) = Run(dataset, id, rowDominance: key == "parsimonious_row_dominance");
        var expected = analysis.GetProperty(key);
        var solution = key == "conservative" ? result.Conservative : result.Parsimonious;
        Assert.NotNull(solution);
        CompareSolution(expected, solution, result, $"{dataset} {id} {key}");
    }

    /// <summary>The analyses of the reference that have an intermediate solution (directional expectations).</summary>
    public static TheoryData<string, string> IntermediateAnalyses()
    {
        var data = new TheoryData<string, string>();
        foreach (var (dataset, id) in AnalysisIds())
        {
            if (QcaReference.Analysis(dataset, id).TryGetProperty("intermediate", out _))
            {
                data.Add(dataset, id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(IntermediateAnalyses))]
    public void Intermediate_ReferenceAnalysis_MatchesR(string dataset, string id)
    {
        var analysis = QcaReference.Analysis(dataset, id);
        var expected = analysis.GetProperty("intermediate");
        var call = expected.GetProperty("call").GetString()!;

        // dir.exp = c("A", "B", …): each condition is expected to contribute when present.
        var dirExp = call[(call.IndexOf("dir.exp = c(", StringComparison.Ordinal) + 12)..];
        dirExp = dirExp[..dirExp.IndexOf(')', StringComparison.Ordinal)];
        var expectations = dirExp.Split(',').Select(s => new DirectionalExpectation(s.Trim().Trim('"'), 1)).ToList();
        var (_, result) = Run(dataset, id, rowDominance: false, expectations);

        var solutions = expected.GetProperty("intermediate").EnumerateArray().ToList();
        Assert.Equal(solutions.Count, result.Intermediate.Count);
        foreach (var (exp, actual) in solutions.Zip(result.Intermediate))
        {
            Assert.Equal(exp.GetProperty("label").GetString(), actual.Label);
            var ec = exp.GetProperty("easy_counterfactuals").EnumerateArray().Select(r => r.GetProperty("row_id").GetInt32()).Order().ToList();
            Assert.Equal(ec, actual.Solution.EasyCounterfactuals);
            CompareModels(exp, actual.Solution, $"{dataset} {id} intermediate {actual.Label}", simplifyingAssumptions: false);
        }
    }

    [Theory]
    [MemberData(nameof(Analyses))]
    public void Necessity_ReferenceDataset_MatchesR(string dataset, string id)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(QcaReference.Expected, dataset + ".json")));
        if (!doc.RootElement.TryGetProperty("necessity", out var necessity))
        {
            // LM (multi-value) has no necessity results in the reference.
            Assert.Equal("LM", dataset);
            return;
        }

        var outcome = necessity.GetProperty("outcome").GetString()!;
        if (!string.Equals(outcome, QcaReference.Analysis(dataset, id).GetProperty("parameters").GetProperty("outcome").GetString(), StringComparison.Ordinal))
        {
            // The reference gives necessity for the plain outcome; the negated-outcome analysis has none to compare.
            Assert.StartsWith("~", id, StringComparison.Ordinal);
            return;
        }

        var (_, result) = Run(dataset, id, rowDominance: false);
        var expected = necessity.GetProperty("single_conditions").EnumerateArray()
            .Concat(necessity.GetProperty("negated_conditions").EnumerateArray()).ToList();
        Assert.Equal(expected.Select(e => e.GetProperty("set").GetString()), result.Necessity.Select(n => n.Set));
        foreach (var (e, a) in expected.Zip(result.Necessity))
        {
            Near(e.GetProperty("inclN").GetDouble(), a.InclN, a.Set + " inclN");
            Near(e.GetProperty("RoN").GetDouble(), a.RoN, a.Set + " RoN");
            Near(e.GetProperty("covN").GetDouble(), a.CovN, a.Set + " covN");
        }

        // pof(conditions, outcome) for sufficiency of each single condition.
        var table = QcaReference.Table(dataset);
        var y = table.Column(outcome)!.Values;
        foreach (var e in necessity.GetProperty("sufficiency_single_conditions").EnumerateArray())
        {
            var fit = QcaAnalysis.SufficiencyOf(table.Column(e.GetProperty("set").GetString()!)!.Values, y);
            Near(e.GetProperty("inclS").GetDouble(), fit.InclS, "inclS");
            Near(e.GetProperty("PRI").GetDouble(), fit.Pri, "PRI");
            Near(e.GetProperty("covS").GetDouble(), fit.CovS, "covS");
        }
    }

    /// <summary>One row per calibrate() call in LR.json.</summary>
    public static TheoryData<int> Calibrations()
    {
        var data = new TheoryData<int>();
        var count = QcaReference.Document("LR").GetProperty("calibration").GetArrayLength();
        for (var i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Calibrations))]
    public void Calibrate_ReferenceCall_MatchesR(int index)
    {
        var call = QcaReference.Document("LR").GetProperty("calibration")[index];
        var args = call.GetProperty("arguments");
        var thresholds = call.GetProperty("thresholds");
        CalibrationSpec spec;
        if (args.GetProperty("type").GetString() == "crisp")
        {
            var cuts = thresholds.ValueKind == JsonValueKind.Array ? thresholds.EnumerateArray().Select(t => t.GetDouble()).ToList() : [thresholds.GetDouble()];
            spec = CalibrationSpec.Crisp(cuts);
        }
        else
        {
            var text = thresholds.GetString()!
                + (args.GetProperty("logistic").GetBoolean() ? "" : ", logistic=false")
                + ", idm=" + args.GetProperty("idm").GetDouble().ToString(CultureInfo.InvariantCulture)
                + ", below=" + args.GetProperty("below").GetDouble().ToString(CultureInfo.InvariantCulture)
                + ", above=" + args.GetProperty("above").GetDouble().ToString(CultureInfo.InvariantCulture);
            Assert.True(CalibrationSpec.TryParse(text, out var parsed, out var error), error);
            spec = parsed!;
        }

        var raw = call.GetProperty("raw").EnumerateArray().Select(v => v.GetDouble()).ToList();
        var expected = call.GetProperty("calibrated").EnumerateArray().Select(v => v.GetDouble()).ToList();

        Assert.Null(Calibration.Problem(raw, spec));
        var actual = Calibration.Apply(raw, spec);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Near(expected[i], actual[i], $"{call.GetProperty("call").GetString()} case {i + 1}");
        }
    }

    private static (JsonElement Analysis, QcaResult Result) Run(string dataset, string id, bool rowDominance, IReadOnlyList<DirectionalExpectation>? expectations = null)
    {
        var analysis = QcaReference.Analysis(dataset, id);
        var p = analysis.GetProperty("parameters");
        var inclCut = p.GetProperty("incl_cut").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var options = new QcaOptions(
            p.GetProperty("outcome").GetString()!,
            [.. p.GetProperty("conditions").EnumerateArray().Select(c => c.GetString()!)],
            inclCut[0],
            inclCut.Count > 1 ? inclCut[1] : null,
            p.GetProperty("n_cut").GetInt32(),
            p.GetProperty("pri_cut").GetDouble(),
            rowDominance,
            expectations);
        var table = QcaReference.Table(dataset);
        Assert.Null(QcaAnalysis.Problem(table, options));
        return (analysis, QcaAnalysis.Run(table, options));
    }

    private static void CompareSolution(JsonElement expected, QcaSolution actual, QcaResult result, string where)
    {
        Assert.True(Terms(expected.GetProperty("prime_implicants")).SetEquals(actual.PrimeImplicants.Select(Literals)), where + " prime implicants");
        Assert.True(Terms(expected.GetProperty("essential")).SetEquals(actual.Essential.Select(Literals)), where + " essential");
        CompareModels(expected, actual, where, simplifyingAssumptions: true);

        if (expected.GetProperty("overall_term_stats") is { ValueKind: JsonValueKind.Array } overall)
        {
            Assert.NotNull(actual.OverallTermStats);
            CompareTerms(overall, actual.OverallTermStats, where + " overall");
        }
        else
        {
            Assert.Null(actual.OverallTermStats);
        }

        _ = result;
    }

    private static void CompareModels(JsonElement expected, QcaSolution actual, string where, bool simplifyingAssumptions)
    {
        var models = expected.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(expected.GetProperty("n_models").GetInt32(), actual.Models.Count);
        Assert.Equal(models.Count, actual.Models.Count);
        var unmatched = actual.Models.ToList();
        foreach (var model in models)
        {
            var terms = Terms(model.GetProperty("terms"));
            var match = unmatched.SingleOrDefault(m => terms.SetEquals(m.Terms.Select(Literals)));
            Assert.True(match is not null, $"{where}: no model equals {model.GetProperty("expression").GetString()}; got {string.Join(" | ", actual.Models.Select(m => m.Expression))}");
            unmatched.Remove(match);
            var name = where + " " + model.GetProperty("name").GetString();
            CompareTerms(model.GetProperty("term_stats"), match.TermStats, name);
            var sol = model.GetProperty("solution_stats");
            Near(sol.GetProperty("inclS").GetDouble(), match.SolutionStats.InclS, name + " solution inclS");
            Near(sol.GetProperty("PRI").GetDouble(), match.SolutionStats.Pri, name + " solution PRI");
            Near(sol.GetProperty("covS").GetDouble(), match.SolutionStats.CovS, name + " solution covS");
            if (simplifyingAssumptions)
            {
                var sa = model.GetProperty("simplifying_assumptions").EnumerateArray().Select(r => r.GetProperty("row_id").GetInt32()).Order().ToList();
                Assert.Equal(sa, match.SimplifyingAssumptions);
            }
        }
    }

    private static void CompareTerms(JsonElement expected, IReadOnlyList<TermFit> actual, string where)
    {
        var list = expected.EnumerateArray().ToList();
        Assert.Equal(list.Count, actual.Count);
        foreach (var e in list)
        {
            var literals = Literals(e.GetProperty("term").GetString()!);
            var a = actual.Single(t => literals.SetEquals(Literals(t.Term)));
            var name = where + " " + a.Term;
            Near(e.GetProperty("inclS").GetDouble(), a.InclS, name + " inclS");
            Near(e.GetProperty("PRI").GetDouble(), a.Pri, name + " PRI");
            Near(e.GetProperty("covS").GetDouble(), a.CovS, name + " covS");
            Near(e.TryGetProperty("covU", out var covU) ? covU.GetDouble() : null, a.CovU, name + " covU");
            if (e.TryGetProperty("cases", out var cases))
            {
                var expectedCases = cases.EnumerateArray().Select(g => string.Join(",", g.EnumerateArray().Select(c => c.GetString()))).ToList();
                Assert.Equal(expectedCases, a.Cases.Select(g => string.Join(",", g)));
            }
        }
    }

    private static HashSet<string> Literals(string term) => [.. term.Split('*', StringSplitOptions.TrimEntries)];

    private static List<HashSet<string>> Terms(JsonElement array) => [.. array.EnumerateArray().Select(t => Literals(t.GetString()!))];

    private static double? Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    private static void Near(double? expected, double? actual, string what)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: expected none, got {actual}");
            return;
        }

        Assert.True(actual is not null, $"{what}: expected {expected}, got none");
        Assert.True(Math.Abs(expected.Value - actual.Value) <= Tol, $"{what}: expected {expected}, got {actual}");
    }
}

internal static class SetExtensions
{
    public static bool SetEquals(this List<HashSet<string>> expected, IEnumerable<HashSet<string>> actual)
    {
        var a = actual.ToList();
        return expected.Count == a.Count && expected.All(e => a.Any(x => x.SetEquals(e))) && a.All(x => expected.Any(e => e.SetEquals(x)));
    }
}

/// <summary>The R QCA reference files.</summary>
internal static class QcaReference
{
    public static string Folder => RepoPaths.Data("qca-reference");

    public static string Expected => Path.Combine(Folder, "expected");

    public static JsonElement Document(string dataset) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Expected, dataset + ".json"))).RootElement.Clone();

    public static JsonElement Analysis(string dataset, string id) =>
        Document(dataset).GetProperty("analyses").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);

    public static string DataFile(string dataset) => Path.Combine(Folder, "data", dataset + ".csv");

    /// <summary>Reads a reference dataset through the same reader as <c>reporting qca</c>.</summary>
    public static QcaTable Table(string dataset)
    {
        using var stream = File.OpenRead(DataFile(dataset));
        var read = QcaTableReader.Read(dataset + ".csv", stream, new Dictionary<string, CalibrationSpec>());
        Assert.Empty(read.Issues);
        return read.Table!;
    }
}
