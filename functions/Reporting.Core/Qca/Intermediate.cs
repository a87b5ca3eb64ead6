using System.Globalization;

namespace Reporting.Core.Qca;

/// <summary>
/// The intermediate solution as R QCA's <c>minimize(…, dir.exp = …)</c> computes it: for each pair of a conservative
/// model and a parsimonious model, every conservative term that a parsimonious term contains loses the literals that
/// contradict a directional expectation (and are not in the parsimonious term); the simplifying assumptions of the
/// parsimonious model inside those reduced terms are the easy counterfactuals; the positive rows plus the easy
/// counterfactuals are minimised again (Quine–McCluskey) and the positive rows covered minimally.
/// </summary>
internal static class Intermediate
{
    public static IReadOnlyList<IntermediateSolution> Solve(
        QcaAnalysis.Data data, TruthTable tt, Minimizer minimizer, QcaSolution conservative, QcaSolution parsimonious,
        QcaOptions options, List<int> positives)
    {
        var n = data.Names.Length;
        var expected = new List<int>[n];
        for (var c = 0; c < n; c++)
        {
            expected[c] = [];
        }

        foreach (var e in options.DirectionalExpectations)
        {
            var c = Array.FindIndex(data.Names, name => string.Equals(name, e.Condition, StringComparison.OrdinalIgnoreCase));
            expected[c].Add(e.Value + 1);
        }

        var results = new List<IntermediateSolution>();
        for (var cs = 0; cs < conservative.Models.Count; cs++)
        {
            for (var ps = 0; ps < parsimonious.Models.Count; ps++)
            {
                var cTerms = conservative.Models[cs].Terms.Select(t => Parse(data, t)).ToList();
                var pTerms = parsimonious.Models[ps].Terms.Select(t => Parse(data, t)).ToList();
                var assumptions = parsimonious.Models[ps].SimplifyingAssumptions;
                var easy = new SortedSet<int>();
                foreach (var comp in cTerms)
                {
                    foreach (var pars in pTerms.Where(p => Minimizer.Subsumes(p, comp)))
                    {
                        var selection = (int[])comp.Clone();
                        for (var c = 0; c < n; c++)
                        {
                            if (comp[c] > 0 && pars[c] == 0 && expected[c].Count > 0 && !expected[c].Contains(comp[c]))
                            {
                                selection[c] = 0;
                            }
                        }

                        foreach (var row in assumptions)
                        {
                            if (Minimizer.Covers(selection, minimizer.Values(row - 1)))
                            {
                                easy.Add(row);
                            }
                        }
                    }
                }

                var allowed = positives.Concat(easy.Select(r => r - 1)).Distinct().Order().ToList();
                var primes = Minimizer.Sort(minimizer.ConservativePrimes(allowed));
                var posValues = positives.Select(minimizer.Values).ToArray();
                var chart = QcaAnalysis.Chart(primes, posValues);
                var used = Enumerable.Range(0, primes.Count).Where(p => chart[p].Any(w => w != 0)).ToList();
                var pis = used.Select(p => primes[p]).ToList();
                var covers = Minimizer.MinimalCovers([.. used.Select(p => chart[p])], positives.Count, out var complete);
                var solution = QcaAnalysis.Describe(data, tt, minimizer, SolutionType.Intermediate, pis, covers, positives, [.. easy]) with { ModelsComplete = complete };

                // The intermediate models assume only the easy counterfactuals they cover.
                solution = solution with
                {
                    Models = [.. solution.Models.Select(m => m with { SimplifyingAssumptions = [.. m.SimplifyingAssumptions.Where(easy.Contains)] })],
                };
                var label = "C" + (cs + 1).ToString(CultureInfo.InvariantCulture) + "P" + (ps + 1).ToString(CultureInfo.InvariantCulture);
                results.Add(new IntermediateSolution(label, cs + 1, ps + 1, solution));
            }
        }

        return results;
    }

    private static int[] Parse(QcaAnalysis.Data data, string term)
    {
        var implicant = new int[data.Names.Length];
        foreach (var literal in term.Split('*'))
        {
            for (var c = 0; c < data.Names.Length; c++)
            {
                for (var v = 0; v < data.Levels[c]; v++)
                {
                    if (string.Equals(data.Literal(c, v), literal, StringComparison.Ordinal))
                    {
                        implicant[c] = v + 1;
                    }
                }
            }
        }

        return implicant;
    }
}
