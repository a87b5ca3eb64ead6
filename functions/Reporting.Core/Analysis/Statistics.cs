namespace Reporting.Core.Analysis;

/// <summary>Small statistics used by the analysis: quantiles, ranks, Spearman's rho with its permutation p-value.</summary>
public static class Statistics
{
    /// <summary>z for the two-sided 95% funnel limits.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>z for the two-sided 99.8% funnel limits.</summary>
    public const double Z998 = 3.090232306167813;

    /// <summary>The largest number of sites for which the permutation p-value enumerates all n! orderings.</summary>
    public const int ExactPermutationMaxN = 10;

    /// <summary>Random orderings drawn for the Monte Carlo p-value above <see cref="ExactPermutationMaxN"/> sites.</summary>
    public const int MonteCarloPermutations = 200_000;

    /// <summary>The <paramref name="p"/> quantile with linear interpolation between order statistics
    /// (R's type 7, NumPy's default): h = (n − 1)p, q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).</summary>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("At least one value is needed.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>Ranks from 1, tied values sharing the mean of their ranks (mid-ranks).</summary>
    public static double[] MidRanks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        var ranks = new double[values.Count];
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            var rank = ((start + 1) + (end + 1)) / 2.0;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }

    /// <summary>
    /// Spearman's rank correlation (Pearson's correlation of the mid-ranks) with a two-sided permutation p-value:
    /// the share of orderings of <paramref name="y"/> against <paramref name="x"/> whose |rho| is at least the
    /// observed one. Exact (all n! orderings) for n ≤ <see cref="ExactPermutationMaxN"/>, otherwise a seeded
    /// Monte Carlo estimate (p = (k + 1) / (N + 1)). Null when fewer than three pairs or an axis is constant.
    /// </summary>
    public static SpearmanResult? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException("x and y must have the same length.", nameof(y));
        }

        var n = x.Count;
        if (n < 3)
        {
            return null;
        }

        // Mid-ranks are multiples of one half: doubled, every sum below is an exact integer, so ties in |rho|
        // between orderings are detected exactly, with no floating-point tolerance.
        var rx = MidRanks(x).Select(r => (long)Math.Round(r * 2)).ToArray();
        var ry = MidRanks(y).Select(r => (long)Math.Round(r * 2)).ToArray();
        long sumX = rx.Sum(), sumY = ry.Sum();
        var sxx = (n * rx.Sum(v => v * v)) - (sumX * sumX);
        var syy = (n * ry.Sum(v => v * v)) - (sumY * sumY);
        if (sxx == 0 || syy == 0)
        {
            return null;
        }

        long Centred(long[] perm)
        {
            long s = 0;
            for (var i = 0; i < n; i++)
            {
                s += rx[i] * perm[i];
            }

            return (n * s) - (sumX * sumY);
        }

        var observed = Centred(ry);
        var rho = observed / Math.Sqrt((double)sxx * syy);
        var target = Math.Abs(observed);
        long extreme = 0, total = 0;
        string method;
        if (n <= ExactPermutationMaxN)
        {
            var perm = (long[])ry.Clone();
            var c = new int[n];
            void Count()
            {
                total++;
                if (Math.Abs(Centred(perm)) >= target)
                {
                    extreme++;
                }
            }

            // Heap's algorithm: every ordering exactly once.
            Count();
            var i = 0;
            while (i < n)
            {
                if (c[i] < i)
                {
                    var j = i % 2 == 0 ? 0 : c[i];
                    (perm[j], perm[i]) = (perm[i], perm[j]);
                    Count();
                    c[i]++;
                    i = 0;
                }
                else
                {
                    c[i] = 0;
                    i++;
                }
            }

            method = "exact";
            return new SpearmanResult(n, rho, (double)extreme / total, method, total);
        }

        var rng = new SplitMix64(0x5EED_0F_5EA4);
        var shuffled = (long[])ry.Clone();
        for (var k = 0; k < MonteCarloPermutations; k++)
        {
            for (var a = n - 1; a > 0; a--)
            {
                var b = (int)rng.NextBelow((ulong)(a + 1));
                (shuffled[a], shuffled[b]) = (shuffled[b], shuffled[a]);
            }

            if (Math.Abs(Centred(shuffled)) >= target)
            {
                extreme++;
            }
        }

        method = "monte-carlo";
        return new SpearmanResult(n, rho, (extreme + 1.0) / (MonteCarloPermutations + 1.0), method, MonteCarloPermutations);
    }

    /// <summary>A small deterministic generator (SplitMix64), so that the same inputs give the same p-value.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public ulong NextBelow(ulong bound)
        {
            // Rejection sampling removes modulo bias.
            var limit = ulong.MaxValue - (ulong.MaxValue % bound);
            ulong v;
            do
            {
                v = Next();
            }
            while (v >= limit);
            return v % bound;
        }
    }
}

/// <summary>Spearman's rho between site engagement and fidelity, with its two-sided permutation p-value.</summary>
/// <param name="N">Number of sites with both values.</param>
/// <param name="Rho">Spearman's rank correlation (mid-ranks for ties).</param>
/// <param name="PValue">Two-sided permutation p-value.</param>
/// <param name="Method"><c>exact</c> (all n! orderings) or <c>monte-carlo</c> (seeded random orderings).</param>
/// <param name="Permutations">Orderings evaluated.</param>
public sealed record SpearmanResult(int N, double Rho, double PValue, string Method, long Permutations);
