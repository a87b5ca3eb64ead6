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

    /// <summary>The configurations (0-based rows, ascending) an implicant covers.</summary>
    public IEnumerable<int> RowsOf(int[] implicant)
    {
        var free = Enumerable.Range(0, _levels.Length).Where(c => implicant[c] == 0).ToArray();
        var fixedRow = 0;
        for (var c = 0; c < _levels.Length; c++)
        {
            fixedRow += implicant[c] == 0 ? 0 : (implicant[c] - 1) * _mbase[c];
        }

        var count = free.Aggregate(1, (a, c) => a * _levels[c]);
        var rows = new int[count];
        for (var i = 0; i < count; i++)
        {
            var rest = i;
            var row = fixedRow;
            for (var f = free.Length - 1; f >= 0; f--)
            {
                row += rest % _levels[free[f]] * _mbase[free[f]];
                rest /= _levels[free[f]];
            }

            rows[i] = row;
        }

        Array.Sort(rows);
        return rows;
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

    /// <summary>The most models listed for one solution; past it the list is marked incomplete (R QCA warns that such a
    /// PI chart is "exceedingly complex").</summary>
    public const int MaxModels = 1000;

    // The most search steps spent on one PI chart before the models found so far are returned as incomplete.
    private const long MaxSteps = 500_000;

    /// <summary>
    /// Every minimal cover of the chart's columns: all sets of the smallest possible number of prime implicants that
    /// cover every positive row (R QCA reports each of them as a model), each as ascending indices, in lexicographic
    /// order; at most <see cref="MaxModels"/> (<paramref name="complete"/> is false when there are more, or the chart
    /// is too large to search exhaustively).
    /// </summary>
    public static List<int[]> MinimalCovers(IReadOnlyList<ulong[]> chart, int columns, out bool complete)
    {
        complete = true;
        var byColumn = new int[columns][];
        for (var c = 0; c < columns; c++)
        {
            byColumn[c] = [.. Enumerable.Range(0, chart.Count).Where(p => Has(chart[p], c))];
        }

        if (columns == 0 || byColumn.Any(l => l.Length == 0))
        {
            return [];
        }

        var words = (columns + 63) / 64;
        var found = new List<int[]>();
        var steps = 0L;
        var truncated = false;
        var excluded = new bool[chart.Count];
        var mark = new int[chart.Count];
        var generation = 0;

        // Reductions that keep every minimal cover: a column only one prime implicant covers makes it part of every
        // cover; a column whose prime implicants include all of another column's is covered whenever that one is.
        var start = new ulong[words];
        var forced = new List<int>();
        for (var c = 0; c < columns; c++)
        {
            if (byColumn[c].Length == 1 && !forced.Contains(byColumn[c][0]))
            {
                forced.Add(byColumn[c][0]);
            }
        }

        foreach (var p in forced)
        {
            excluded[p] = true;
            for (var w = 0; w < words; w++)
            {
                start[w] |= chart[p][w];
            }
        }

        var open = Enumerable.Range(0, columns).Where(c => !Has(start, c)).ToList();
        var sets = open.ToDictionary(c => c, c => new HashSet<int>(byColumn[c]));
        foreach (var b in open)
        {
            if (open.Any(a => a != b && !Has(start, a) && sets[a].IsSubsetOf(sets[b]) && (sets[a].Count < sets[b].Count || a < b)))
            {
                start[b / 64] |= 1UL << (b % 64);
            }
        }

        // The smallest k with a cover, searched upwards from a lower bound; then every cover of that size.
        var k = LowerBound(start, excluded);
        for (; k <= chart.Count && !truncated; k++)
        {
            if (Search((ulong[])start.Clone(), [.. forced], k, firstOnly: true))
            {
                break;
            }
        }

        if (!truncated)
        {
            found.Clear();
            Search((ulong[])start.Clone(), [.. forced], k, firstOnly: false);
        }
        else if (found.Count == 0)
        {
            found.Add(Greedy());
        }

        complete = !truncated;
        found.Sort(static (a, b) =>
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
        return found;

        // Too large to search: one cover, built greedily (most uncovered rows first) and stripped of redundant terms.
        int[] Greedy()
        {
            var covered = new ulong[words];
            var chosen = new List<int>();
            while (Enumerable.Range(0, columns).Any(c => !Has(covered, c)))
            {
                var best = Enumerable.Range(0, chart.Count).MaxBy(p => Enumerable.Range(0, columns).Count(c => !Has(covered, c) && Has(chart[p], c)));
                chosen.Add(best);
                for (var w = 0; w < words; w++)
                {
                    covered[w] |= chart[best][w];
                }
            }

            foreach (var p in chosen.ToList())
            {
                var rest = chosen.Where(q => q != p).ToList();
                if (Enumerable.Range(0, columns).All(c => rest.Any(q => Has(chart[q], c))))
                {
                    chosen.Remove(p);
                }
            }

            return [.. chosen.Order()];
        }

        // A lower bound on the prime implicants still needed: columns no two of which share a usable prime implicant
        // each need their own.
        int LowerBound(ulong[] covered, bool[] excl)
        {
            generation++;
            var bound = 0;
            for (var c = 0; c < columns; c++)
            {
                if (Has(covered, c))
                {
                    continue;
                }

                var usable = false;
                var disjoint = true;
                foreach (var p in byColumn[c])
                {
                    if (!excl[p])
                    {
                        usable = true;
                        disjoint &= mark[p] != generation;
                    }
                }

                if (!usable)
                {
                    return int.MaxValue;
                }

                if (disjoint)
                {
                    bound++;
                    foreach (var p in byColumn[c])
                    {
                        mark[p] = generation;
                    }
                }
            }

            return bound;
        }

        // Each cover is generated once: branching on the uncovered column with the fewest usable prime implicants, the
        // i-th branch excludes the prime implicants of branches before it.
        bool Search(ulong[] covered, List<int> chosen, int slots, bool firstOnly)
        {
            if (++steps > MaxSteps)
            {
                truncated = true;
                return false;
            }

            if (slots < 0)
            {
                return false;
            }

            var best = -1;
            var bestCount = int.MaxValue;
            for (var c = 0; c < columns && bestCount > 0; c++)
            {
                if (Has(covered, c))
                {
                    continue;
                }

                var n = 0;
                foreach (var p in byColumn[c])
                {
                    n += excluded[p] ? 0 : 1;
                }

                if (n < bestCount)
                {
                    best = c;
                    bestCount = n;
                }
            }

            if (best < 0)
            {
                found.Add([.. chosen.Order()]);
                if (found.Count > MaxModels)
                {
                    found.RemoveAt(found.Count - 1);
                    truncated = true;
                }

                return true;
            }

            if (bestCount == 0 || slots == 0 || LowerBound(covered, excluded) > slots)
            {
                return false;
            }

            var branched = new List<int>();
            var any = false;
            foreach (var p in byColumn[best])
            {
                if (excluded[p])
                {
                    continue;
                }

                var next = (ulong[])covered.Clone();
                for (var w = 0; w < words; w++)
                {
                    next[w] |= chart[p][w];
                }

                chosen.Add(p);
                excluded[p] = true;
                var ok = Search(next, chosen, slots - 1, firstOnly);
                chosen.RemoveAt(chosen.Count - 1);
                branched.Add(p);
                any |= ok;
                if ((ok && firstOnly) || truncated)
                {
                    break;
                }
            }

            foreach (var p in branched)
            {
                excluded[p] = false;
            }

            return any;
        }
    }

    private static bool Has(ulong[] bits, int c) => (bits[c / 64] & (1UL << (c % 64))) != 0;

    private static int Popcount(ulong[] bits) => bits.Sum(w => System.Numerics.BitOperations.PopCount(w));
}
