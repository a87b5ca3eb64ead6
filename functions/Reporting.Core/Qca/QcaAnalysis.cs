using System.Globalization;

namespace Reporting.Core.Qca;

/// <summary>
/// Crisp, multi-value and fuzzy-set QCA computed as R's QCA package (3.25) computes it: truth table, conservative and
/// parsimonious solutions (intermediate with directional expectations), parameters of fit and necessity (docs/qca.md).
/// Pure: a table and options in, a result out.
/// </summary>
public static class QcaAnalysis
{
    /// <summary>The largest configuration space analysed (16 binary conditions); every configuration is a truth table row.</summary>
    public const int MaxConfigurations = 65536;

    // admisc's tolerance for "approximately greater or equal" and "approximately equal".
    private const double Tolerance = 1e-9;

    /// <summary>
    /// Why <paramref name="table"/> cannot be analysed with <paramref name="options"/> (a missing column, a membership
    /// outside 0–1, too many configurations…), or null. Messages name columns, never values.
    /// </summary>
    public static string? Problem(QcaTable table, QcaOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        if (table.Cases.Count == 0)
        {
            return "The table has no cases.";
        }

        var outcome = table.Column(options.Outcome);
        if (outcome is null)
        {
            return $"There is no outcome column {options.Outcome}.";
        }

        if (!outcome.IsMembership)
        {
            return $"The outcome {outcome.Name} has values outside 0–1; calibrate it (a multi-value outcome is not supported).";
        }

        var conditions = ConditionNames(table, options);
        if (conditions.Count == 0)
        {
            return "There are no conditions: name them, or give the table columns besides the outcome.";
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long configurations = 1;
        foreach (var name in conditions)
        {
            var column = table.Column(name);
            if (column is null)
            {
                return $"There is no condition column {name}.";
            }

            if (!seen.Add(column.Name))
            {
                return $"The condition {column.Name} is named twice.";
            }

            if (string.Equals(column.Name, outcome.Name, StringComparison.OrdinalIgnoreCase))
            {
                return $"{column.Name} is the outcome; it cannot also be a condition.";
            }

            if (!column.IsMembership && !column.IsCategories)
            {
                return $"The condition {column.Name} has values outside 0–1 that are not multi-value categories (0, 1, 2, … up to 9); calibrate it.";
            }

            configurations *= column.IsMembership ? 2 : (long)column.Values.Max() + 1;
            if (configurations > MaxConfigurations)
            {
                return $"The conditions have more than {MaxConfigurations.ToString(CultureInfo.InvariantCulture)} configurations; use fewer conditions.";
            }
        }

        foreach (var e in options.DirectionalExpectations)
        {
            if (!conditions.Any(c => string.Equals(c, e.Condition, StringComparison.OrdinalIgnoreCase)))
            {
                return $"The directional expectation names {e.Condition}, which is not a condition.";
            }
        }

        return null;
    }

    /// <summary>Runs the analysis. Throws <see cref="ArgumentException"/> when <see cref="Problem"/> is not null.</summary>
    public static QcaResult Run(QcaTable table, QcaOptions options)
    {
        if (Problem(table, options) is { } problem)
        {
            throw new ArgumentException(problem, nameof(table));
        }

        var data = Prepare(table, options);
        var truthTable = BuildTruthTable(data, options);
        var necessity = Necessity(data);
        var cutOffs = new QcaCutOffs(options.InclCut, options.ContradictionCut, options.NCut, options.PriCut, options.RowDominance);
        var conditions = data.Names.Select((n, c) => new QcaCondition(n, data.Levels[c], data.Fuzzy[c])).ToList();

        var positives = truthTable.Rows.Where(r => r.Out == RowOutput.Positive).Select(r => r.RowId - 1).ToList();
        var negatives = truthTable.Rows.Where(r => r.Out is RowOutput.Negative or RowOutput.Contradiction).Select(r => r.RowId - 1).ToList();
        if (positives.Count == 0)
        {
            return new QcaResult(options.Outcome, options.NegateOutcome, conditions, data.MultiValue, cutOffs, truthTable, null, null, [],
                "No truth table row is positive with these cut-offs, so there is nothing to explain.", null, necessity);
        }

        var minimizer = new Minimizer(data.Levels);
        var conservative = Solve(data, truthTable, minimizer, SolutionType.Conservative, minimizer.ConservativePrimes(positives), positives, options.RowDominance);
        QcaSolution? parsimonious = null;
        IReadOnlyList<IntermediateSolution> intermediate = [];
        string? parsimoniousReason = null;
        if (negatives.Count == 0)
        {
            parsimoniousReason = "No truth table row is negative, so every configuration could be used and all conditions would be minimised away.";
        }
        else
        {
            parsimonious = Solve(data, truthTable, minimizer, SolutionType.Parsimonious, minimizer.ParsimoniousPrimes(positives, negatives), positives, options.RowDominance);
            if (options.DirectionalExpectations.Count > 0)
            {
                intermediate = Intermediate.Solve(data, truthTable, minimizer, conservative, parsimonious, options, positives);
            }
        }

        return new QcaResult(options.Outcome, options.NegateOutcome, conditions, data.MultiValue, cutOffs, truthTable, conservative, parsimonious, intermediate,
            null, parsimoniousReason, necessity);
    }

    private static List<string> ConditionNames(QcaTable table, QcaOptions options) =>
        options.Conditions.Count > 0
            ? [.. options.Conditions]
            : [.. table.Columns.Where(c => !string.Equals(c.Name, options.Outcome, StringComparison.OrdinalIgnoreCase)).Select(c => c.Name)];

    /// <summary>The analysis' data: memberships per condition and case, the outcome, and the notation.</summary>
    internal sealed class Data
    {
        public required string[] Names { get; init; }
        public required int[] Levels { get; init; }
        public required bool[] Fuzzy { get; init; }
        public required double[][] X { get; init; }
        public required double[] Y { get; init; }
        public required IReadOnlyList<string> Cases { get; init; }
        public bool MultiValue => Levels.Any(l => l > 2);

        /// <summary>Membership of case <paramref name="k"/> in condition <paramref name="c"/> at value <paramref name="v"/>.</summary>
        public double Membership(int c, int k, int v) =>
            Fuzzy[c] ? (v == 1 ? X[c][k] : 1 - X[c][k]) : (X[c][k] == v ? 1 : 0);

        /// <summary>Membership of case <paramref name="k"/> in an implicant (minimum over its literals).</summary>
        public double Membership(int[] implicant, int k)
        {
            var m = 1.0;
            for (var c = 0; c < implicant.Length; c++)
            {
                if (implicant[c] != 0)
                {
                    m = Math.Min(m, Membership(c, k, implicant[c] - 1));
                }
            }

            return m;
        }

        public string Literal(int c, int v) =>
            MultiValue ? $"{Names[c]}[{v.ToString(CultureInfo.InvariantCulture)}]" : (v == 1 ? Names[c] : "~" + Names[c]);

        public string Term(int[] implicant) =>
            string.Join("*", implicant.Select((v, c) => (v, c)).Where(t => t.v != 0).Select(t => Literal(t.c, t.v - 1)));
    }

    private static Data Prepare(QcaTable table, QcaOptions options)
    {
        var names = ConditionNames(table, options).Select(n => table.Column(n)!.Name).ToArray();
        var columns = names.Select(n => table.Column(n)!).ToArray();
        var fuzzy = columns.Select(c => c.IsMembership && !c.IsCrispBinary).ToArray();
        var levels = columns.Select(c => c.IsMembership ? 2 : (int)c.Values.Max() + 1).ToArray();
        var y = table.Column(options.Outcome)!.Values.ToArray();
        if (options.NegateOutcome)
        {
            y = [.. y.Select(v => 1 - v)];
        }

        return new Data
        {
            Names = names,
            Levels = levels,
            Fuzzy = fuzzy,
            X = [.. columns.Select(c => c.Values.ToArray())],
            Y = y,
            Cases = table.Cases,
        };
    }

    private static TruthTable BuildTruthTable(Data data, QcaOptions options)
    {
        var n = data.Names.Length;
        var minimizer = new Minimizer(data.Levels);
        var cases = data.Cases.Count;
        var line = new int[cases];
        var zeroFive = new bool[cases];
        for (var k = 0; k < cases; k++)
        {
            var values = new int[n];
            for (var c = 0; c < n; c++)
            {
                var x = data.X[c][k];
                values[c] = data.Fuzzy[c] ? (x > 0.5 ? 1 : 0) : (int)x;
                zeroFive[k] |= Math.Abs(x - 0.5) < Tolerance;
            }

            line[k] = minimizer.Row(values);
        }

        var observed = new SortedSet<int>(line);
        var total = data.Levels.Aggregate(1, (a, l) => a * l);
        var rows = new List<TruthTableRow>(total);
        int positive = 0, negative = 0, contradictions = 0, remainders = 0;
        var ic0 = options.ContradictionCut ?? 1.0;
        for (var r = 0; r < total; r++)
        {
            var values = minimizer.Values(r);
            if (!observed.Contains(r))
            {
                rows.Add(new TruthTableRow(r + 1, values, RowOutput.Remainder, 0, null, null, []));
                remainders++;
                continue;
            }

            double sumX = 0, sumMin = 0, sumPri = 0;
            var count = 0;
            var implicant = values.Select(v => v + 1).ToArray();
            for (var k = 0; k < cases; k++)
            {
                var m = data.Membership(implicant, k);
                var both = Math.Min(m, data.Y[k]);
                sumX += m;
                sumMin += both;
                sumPri += Math.Min(both, 1 - data.Y[k]);
                count += m > 0.5 ? 1 : 0;
            }

            var incl = sumMin / sumX;
            var pri = (sumMin - sumPri) / (sumX - sumPri);
            RowOutput output;
            if (count < options.NCut)
            {
                output = RowOutput.Remainder;
            }
            else if (incl < options.InclCut && incl + Tolerance > ic0)
            {
                output = RowOutput.Contradiction;
            }
            else if (incl + Tolerance > options.InclCut && pri + Tolerance > options.PriCut)
            {
                output = RowOutput.Positive;
            }
            else
            {
                output = RowOutput.Negative;
            }

            switch (output)
            {
                case RowOutput.Positive: positive++; break;
                case RowOutput.Negative: negative++; break;
                case RowOutput.Contradiction: contradictions++; break;
                default: remainders++; break;
            }

            var rowCases = Enumerable.Range(0, cases).Where(k => line[k] == r && !zeroFive[k]).Select(k => data.Cases[k]).ToList();
            rows.Add(new TruthTableRow(r + 1, values, output, count, Clean(incl), Clean(pri), rowCases));
        }

        return new TruthTable(rows, positive, negative, contradictions, remainders);
    }

    // A 0/0 consistency (no membership at all) has no value.
    private static double? Clean(double v) => double.IsFinite(v) ? v : null;

    private static QcaSolution Solve(Data data, TruthTable tt, Minimizer minimizer, SolutionType type, List<int[]> primes, List<int> positives, bool rowDominance)
    {
        var sorted = Minimizer.Sort(primes);
        var posValues = positives.Select(minimizer.Values).ToArray();
        var chart = Chart(sorted, posValues);

        // A prime implicant that covers no positive row plays no part (getSolution drops it).
        var used = Enumerable.Range(0, sorted.Count).Where(p => chart[p].Any(w => w != 0)).ToList();
        if (rowDominance)
        {
            var kept = Minimizer.RowDominance([.. used.Select(p => chart[p])]);
            used = [.. kept.Select(i => used[i])];
        }

        var pis = used.Select(p => sorted[p]).ToList();
        var piChart = used.Select(p => chart[p]).ToList();
        var covers = Minimizer.MinimalCovers(piChart, positives.Count, out var complete);
        return Describe(data, tt, minimizer, type, pis, covers, positives, null) with { ModelsComplete = complete };
    }

    internal static ulong[][] Chart(IReadOnlyList<int[]> implicants, int[][] positiveValues)
    {
        var words = (positiveValues.Length + 63) / 64;
        var chart = new ulong[implicants.Count][];
        for (var p = 0; p < implicants.Count; p++)
        {
            chart[p] = new ulong[words];
            for (var r = 0; r < positiveValues.Length; r++)
            {
                if (Minimizer.Covers(implicants[p], positiveValues[r]))
                {
                    chart[p][r / 64] |= 1UL << (r % 64);
                }
            }
        }

        return chart;
    }

    /// <summary>Turns prime implicants and the chosen covers into models with their fit.</summary>
    internal static QcaSolution Describe(Data data, TruthTable tt, Minimizer minimizer, SolutionType type, List<int[]> pis, List<int[]> covers,
        List<int> positives, IReadOnlyList<int>? easyCounterfactuals)
    {
        var terms = pis.Select(data.Term).ToList();
        var posValues = positives.Select(minimizer.Values).ToArray();
        var caseGroups = positives.Select(r => tt.Rows[r].Cases).ToArray();
        var isRemainder = tt.Rows.Select(r => r.Out == RowOutput.Remainder).ToArray();
        var memberships = new double[pis.Count][];
        var casesOf = new IReadOnlyList<IReadOnlyList<string>>[pis.Count];
        var remaindersOf = new int[pis.Count][];
        var inModel = covers.SelectMany(c => c).Distinct();
        foreach (var p in inModel)
        {
            memberships[p] = [.. Enumerable.Range(0, data.Cases.Count).Select(k => data.Membership(pis[p], k))];
            casesOf[p] = [.. posValues.Select((v, r) => (v, r)).Where(t => Minimizer.Covers(pis[p], t.v)).Select(t => caseGroups[t.r])];
            remaindersOf[p] = type == SolutionType.Conservative ? [] : [.. minimizer.RowsOf(pis[p]).Where(r => isRemainder[r]).Select(r => r + 1)];
        }

        IReadOnlyList<IReadOnlyList<string>> CasesOf(int p) => casesOf[p];

        var multiple = covers.Count > 1;
        var models = new List<QcaModel>();
        var width = covers.Count.ToString(CultureInfo.InvariantCulture).Length;
        for (var m = 0; m < covers.Count; m++)
        {
            var cover = covers[m];
            var fits = Sufficiency([.. cover.Select(p => memberships[p])], data.Y, multiple ? 0.0001 : 0.00001);
            var termStats = cover.Select((p, i) => new TermFit(terms[p], fits.Terms[i].InclS, fits.Terms[i].Pri, fits.Terms[i].CovS,
                cover.Length > 1 ? fits.Terms[i].CovU : null, CasesOf(p))).ToList();
            var assumptions = cover.SelectMany(p => remaindersOf[p]).Distinct().Order().ToList();
            var name = "M" + (m + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            models.Add(new QcaModel(name, [.. cover.Select(p => terms[p])], termStats, fits.Solution, assumptions));
        }

        var inModels = covers.SelectMany(c => c).Distinct().Order().ToList();
        var essential = inModels.Where(p => covers.All(c => c.Contains(p))).Select(p => terms[p]).ToList();
        List<TermFit>? overall = null;
        if (multiple)
        {
            var fits = Sufficiency([.. inModels.Select(p => memberships[p])], data.Y, 0.00001);
            overall = [.. inModels.Select((p, i) => new TermFit(terms[p], fits.Terms[i].InclS, fits.Terms[i].Pri, fits.Terms[i].CovS,
                inModels.Count > 1 ? fits.Terms[i].CovU : null, CasesOf(p)))];
        }

        return new QcaSolution(type, terms, essential, models, overall, easyCounterfactuals);
    }

    internal sealed record Fits(List<(double InclS, double? Pri, double CovS, double CovU)> Terms, SolutionFit Solution);

    /// <summary>R QCA's <c>pof(…, relation = "sufficiency")</c> for several sets and their union: values below
    /// <paramref name="zero"/> are written as 0, as R does.</summary>
    internal static Fits Sufficiency(double[][] sets, double[] y, double zero)
    {
        var cases = y.Length;
        var union = new double[cases];
        for (var k = 0; k < cases; k++)
        {
            union[k] = sets.Length == 0 ? 0 : sets.Max(s => s[k]);
        }

        var sumY = y.Sum();

        // For unique coverage, per case the largest and second-largest min(set, outcome) over all sets: the largest
        // over the sets other than s is the second one when s itself holds the largest.
        var first = new double[cases];
        var second = new double[cases];
        var argFirst = new int[cases];
        for (var k = 0; k < cases; k++)
        {
            argFirst[k] = -1;
            for (var o = 0; o < sets.Length; o++)
            {
                var v = Math.Min(sets[o][k], y[k]);
                if (argFirst[k] < 0 || v > first[k])
                {
                    second[k] = argFirst[k] < 0 ? 0 : first[k];
                    first[k] = v;
                    argFirst[k] = o;
                }
                else if (v > second[k])
                {
                    second[k] = v;
                }
            }
        }

        var terms = new List<(double, double?, double, double)>();
        for (var s = 0; s < sets.Length; s++)
        {
            var (incl, pri, cov) = Fit(sets[s], y);
            double sumUnique = 0;
            for (var k = 0; k < cases; k++)
            {
                var mine = Math.Min(sets[s][k], y[k]);
                var others = sets.Length == 1 ? 0 : argFirst[k] == s ? second[k] : first[k];
                sumUnique += Math.Min(mine, others);
            }

            var covU = cov - (sumUnique / sumY);
            terms.Add((Z(incl), N(pri), Z(cov), Z(covU)));
        }

        var (si, sp, sc) = Fit(union, y);
        return new Fits(terms, new SolutionFit(Z(si), N(sp), Z(sc)));

        double Z(double v) => v < zero ? 0 : v;
        double? N(double v) => double.IsFinite(v) ? Z(v) : null;
    }

    private static (double Incl, double Pri, double Cov) Fit(double[] x, double[] y)
    {
        double sumX = 0, sumY = 0, sumMin = 0, sumPri = 0;
        for (var k = 0; k < y.Length; k++)
        {
            var both = Math.Min(x[k], y[k]);
            sumX += x[k];
            sumY += y[k];
            sumMin += both;
            sumPri += Math.Min(both, 1 - y[k]);
        }

        return (sumMin / sumX, (sumMin - sumPri) / (sumX - sumPri), sumMin / sumY);
    }

    /// <summary>R QCA's <c>pof(…, relation = "necessity")</c> for each condition and its negation (each value of a
    /// multi-value condition).</summary>
    private static List<NecessityFit> Necessity(Data data)
    {
        var list = new List<NecessityFit>();
        var cases = data.Cases.Count;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var c = 0; c < data.Names.Length; c++)
            {
                IEnumerable<int> values = data.Levels[c] > 2 ? (pass == 0 ? Enumerable.Range(0, data.Levels[c]) : []) : [pass == 0 ? 1 : 0];
                foreach (var v in values)
                {
                    var x = Enumerable.Range(0, cases).Select(k => data.Membership(c, k, v)).ToArray();
                    list.Add(NecessityOf(data.Literal(c, v), x, data.Y));
                }
            }
        }

        return list;
    }

    internal static NecessityFit NecessityOf(string set, double[] x, double[] y)
    {
        double sumX = 0, sumY = 0, sumMin = 0, sumNegX = 0, sumNegMin = 0;
        for (var k = 0; k < y.Length; k++)
        {
            var both = Math.Min(x[k], y[k]);
            sumX += x[k];
            sumY += y[k];
            sumMin += both;
            sumNegX += 1 - x[k];
            sumNegMin += 1 - both;
        }

        static double? Z(double v) => !double.IsFinite(v) ? null : v < 0.00001 ? 0 : v;
        return new NecessityFit(set, Z(sumMin / sumY), Z(sumNegX / sumNegMin), Z(sumMin / sumX));
    }

    /// <summary>Sufficiency of single sets (a condition or a term) for the outcome, as <c>pof()</c> gives it.</summary>
    public static SolutionFit SufficiencyOf(IReadOnlyList<double> set, IReadOnlyList<double> outcome)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(outcome);
        var fits = Sufficiency([[.. set]], [.. outcome], 0.00001);
        return fits.Solution;
    }
}
