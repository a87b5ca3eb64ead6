namespace Reporting.Core.Qca;

/// <summary>
/// Boolean (and multi-value) minimisation as R QCA 3.25 does it. An implicant is an array over the conditions:
/// 0 = the condition is minimised away, v + 1 = the condition at value v. Rows are configuration numbers (first
/// condition most significant).
/// </summary>
internal sealed class Minimizer
{
    private readonly int[] _levels;
    private readonly int[] _mbase;

    public Minimizer(IReadOnlyList<int> levels)
    {
        _levels = [.. levels];
        _mbase = new int[_levels.Length];
        var m = 1;
        for (var c = _levels.Length - 1; c >= 0; c--)
        {
            _mbase[c] = m;
            m *= _levels[c];
        }
    }

    public int Conditions => _levels.Length;

    /// <summary>The values of configuration <paramref name="row"/> (0-based).</summary>
    public int[] Values(int row)
    {
        var v = new int[_levels.Length];
        for (var c = 0; c < v.Length; c++)
        {
            v[c] = row / _mbase[c] % _levels[c];
        }

        return v;
    }

    public int Row(IReadOnlyList<int> values)
    {
        var r = 0;
        for (var c = 0; c < values.Count; c++)
        {
            r += values[c] * _mbase[c];
        }

        return r;
    }

    public static bool Covers(int[] implicant, int[] values)
    {
        for (var c = 0; c < implicant.Length; c++)
        {
            if (implicant[c] != 0 && implicant[c] != values[c] + 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="general"/> covers every configuration <paramref name="specific"/> covers.</summary>
    public static bool Subsumes(int[] general, int[] specific)
    {
        for (var c = 0; c < general.Length; c++)
        {
            if (general[c] != 0 && general[c] != specific[c])
            {
                return false;
            }
        }

        return true;
    }

    private long Key(int[] implicant)
    {
        long k = 0;
        for (var c = 0; c < implicant.Length; c++)
        {
            k = (k * (_levels[c] + 1)) + implicant[c];
        }

        return k;
    }

    /// <summary>
    /// All prime implicants of the positive rows with every other configuration excluded: classical Quine–McCluskey
    /// (R QCA's <c>C_QMC</c>, used for the conservative solution), generalised to multi-value conditions: an implicant
    /// with a condition minimised is valid when it is valid at every value of that condition.
    /// </summary>
    public List<int[]> ConservativePrimes(IReadOnlyList<int> positiveRows)
    {
        var level = new Dictionary<long, int[]>();
        foreach (var r in positiveRows)
        {
            var imp = Values(r);
            for (var c = 0; c < imp.Length; c++)
            {
                imp[c]++;
            }

            level[Key(imp)] = imp;
        }

        var primes = new List<int[]>();
        while (level.Count > 0)
        {
            var next = new Dictionary<long, int[]>();
            var merged = new HashSet<long>();
            foreach (var (key, imp) in level)
            {
                for (var c = 0; c < imp.Length; c++)
                {
                    if (imp[c] == 0)
                    {
                        continue;
                    }

                    var sibling = (int[])imp.Clone();
                    var all = true;
                    for (var v = 1; v <= _levels[c] && all; v++)
                    {
                        sibling[c] = v;
                        all = level.ContainsKey(Key(sibling));
                    }

                    if (!all)
                    {
                        continue;
                    }

                    for (var v = 1; v <= _levels[c]; v++)
                    {
                        sibling[c] = v;
                        merged.Add(Key(sibling));
                    }

                    sibling[c] = 0;
                    next.TryAdd(Key(sibling), sibling);
                }

                _ = key;
            }

            primes.AddRange(level.Where(kv => !merged.Contains(kv.Key)).Select(kv => kv.Value));
            level = next;
        }

        return primes;
    }

    /// <summary>
    /// Prime implicants that cover at least one positive row and no negative row, with every other configuration
    /// free to be used (the parsimonious solution), found as R QCA's CCubes finds them: by increasing number of
    /// literals, from the positive rows; once the positive rows can all be covered, the search stops after two
    /// consecutive complexity levels that add no prime implicant.
    /// </summary>
    public List<int[]> ParsimoniousPrimes(IReadOnlyList<int> positiveRows, IReadOnlyList<int> negativeRows)
    {
        var n = _levels.Length;
        var pos = positiveRows.Select(Values).ToArray();
        var neg = negativeRows.Select(Values).ToArray();
        var primes = new List<int[]>();
        var covered = new bool[pos.Length];
        var coveredCount = 0;
        var counter = 0;
        var projection = new long[pos.Length];
        var negKeys = new HashSet<long>();
        var seen = new HashSet<long>();
        for (var k = 1; k <= n; k++)
        {
            var foundAtLevel = false;
            var previous = primes.Count;
            foreach (var columns in Combinations(n, k))
            {
                negKeys.Clear();
                foreach (var row in neg)
                {
                    negKeys.Add(Project(row, columns));
                }

                seen.Clear();
                for (var p = 0; p < pos.Length; p++)
                {
                    projection[p] = Project(pos[p], columns);
                }

                for (var p = 0; p < pos.Length; p++)
                {
                    if (!seen.Add(projection[p]) || negKeys.Contains(projection[p]))
                    {
                        continue;
                    }

                    var candidate = new int[n];
                    foreach (var c in columns)
                    {
                        candidate[c] = pos[p][c] + 1;
                    }

                    var redundant = false;
                    for (var q = 0; q < previous && !redundant; q++)
                    {
                        redundant = Subsumes(primes[q], candidate);
                    }

                    if (redundant)
                    {
                        continue;
                    }

                    primes.Add(candidate);
                    foundAtLevel = true;
                    for (var r = 0; r < pos.Length; r++)
                    {
                        if (!covered[r] && projection[r] == projection[p])
                        {
                            covered[r] = true;
                            coveredCount++;
                        }
                    }
                }
            }

            if (primes.Count > 0 && coveredCount == pos.Length)
            {
                counter = foundAtLevel ? 0 : counter + 1;
            }

            if (counter > 1)
            {
                break;
            }
        }

        return primes;
    }

    private long Project(int[] values, int[] columns)
    {
        long key = 0;
        foreach (var c in columns)
        {
            key = (key * _levels[c]) + values[c];
        }

        return key;
    }

    /// <summary>The k-subsets of 0..n-1 in lexicographic order.</summary>
    public static IEnumerable<int[]> Combinations(int n, int k)
    {
        if (k > n || k <= 0)
        {
            yield break;
        }

        var idx = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])idx.Clone();
            var i = k - 1;
            while (i >= 0 && idx[i] == n - k + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            idx[i]++;
            for (var j = i + 1; j < k; j++)
            {
                idx[j] = idx[j - 1] + 1;
            }
        }
    }

    /// <summary>R QCA's order of prime implicants: fewer literals first; then condition by condition, the condition's
    /// values ascending before its absence.</summary>
    public static List<int[]> Sort(IEnumerable<int[]> implicants) =>
        [.. implicants.OrderBy(i => i.Count(v => v != 0)).ThenBy(i => i, ImplicantOrder.Instance)];

    private sealed class ImplicantOrder : IComparer<int[]>
    {
        public static ImplicantOrder Instance { get; } = new();

        public int Compare(int[]? x, int[]? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            for (var c = 0; c < x.Length; c++)
            {
                var a = x[c] == 0 ? int.MaxValue : x[c];
                var b = y[c] == 0 ? int.MaxValue : y[c];
                if (a != b)
                {
                    return a.CompareTo(b);
                }
            }

            return 0;
        }
    }

    /// <summary>R QCA's row dominance: drop a prime implicant when another covers a strict superset of its positive rows.</summary>
    public static List<int> RowDominance(IReadOnlyList<ulong[]> chart)
    {
        var keep = new List<int>();
        for (var p = 0; p < chart.Count; p++)
        {
            var dominated = false;
            for (var q = 0; q < chart.Count && !dominated; q++)
            {
                dominated = q != p && StrictSubset(chart[p], chart[q]);
            }

            if (!dominated)
            {
                keep.Add(p);
            }
        }

        return keep;
    }

    private static bool StrictSubset(ulong[] a, ulong[] b)
    {
        var strict = false;
        for (var w = 0; w < a.Length; w++)
        {
            if ((a[w] & ~b[w]) != 0)
            {
                return false;
            }

            strict |= a[w] != b[w];
        }

        return strict;
    }

    /// <summary>
    /// Every minimal cover of the chart's columns: all sets of the smallest possible number of prime implicants that
    /// cover every positive row (R QCA reports each of them as a model), each as ascending indices, in lexicographic order.
    /// </summary>
    public static List<int[]> MinimalCovers(IReadOnlyList<ulong[]> chart, int columns)
    {
        var words = (columns + 63) / 64;
        var all = new ulong[words];
        for (var c = 0; c < columns; c++)
        {
            all[c / 64] |= 1UL << (c % 64);
        }

        var byColumn = new List<int>[columns];
        for (var c = 0; c < columns; c++)
        {
            byColumn[c] = [.. Enumerable.Range(0, chart.Count).Where(p => (chart[p][c / 64] & (1UL << (c % 64))) != 0)];
        }

        if (byColumn.Any(l => l.Count == 0))
        {
            return [];
        }

        var maxCover = chart.Max(Popcount);
        var found = new Dictionary<string, int[]>(StringComparer.Ordinal);
        for (var k = 1; k <= chart.Count; k++)
        {
            Search(new ulong[words], [], k, firstOnly: true);
            if (found.Count > 0)
            {
                found.Clear();
                Search(new ulong[words], [], k, firstOnly: false);
                break;
            }
        }

        var covers = found.Values.ToList();
        covers.Sort(static (a, b) =>
        {
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                if (a[i] != b[i])
                {
                    return a[i].CompareTo(b[i]);
                }
            }

            return a.Length.CompareTo(b.Length);
        });
        return covers;

        bool Search(ulong[] covered, List<int> chosen, int slots, bool firstOnly)
        {
            var uncovered = 0;
            var best = -1;
            var bestCount = int.MaxValue;
            for (var c = 0; c < columns; c++)
            {
                if ((covered[c / 64] & (1UL << (c % 64))) != 0)
                {
                    continue;
                }

                uncovered++;
                if (byColumn[c].Count < bestCount)
                {
                    best = c;
                    bestCount = byColumn[c].Count;
                }
            }

            if (uncovered == 0)
            {
                var set = chosen.Order().ToArray();
                found.TryAdd(string.Join(',', set), set);
                return true;
            }

            if (slots == 0 || uncovered > slots * maxCover)
            {
                return false;
            }

            foreach (var p in byColumn[best])
            {
                if (chosen.Contains(p))
                {
                    continue;
                }

                var next = (ulong[])covered.Clone();
                for (var w = 0; w < words; w++)
                {
                    next[w] |= chart[p][w];
                }

                chosen.Add(p);
                var ok = Search(next, chosen, slots - 1, firstOnly);
                chosen.RemoveAt(chosen.Count - 1);
                if (ok && firstOnly)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static int Popcount(ulong[] bits) => bits.Sum(w => System.Numerics.BitOperations.PopCount(w));
}
