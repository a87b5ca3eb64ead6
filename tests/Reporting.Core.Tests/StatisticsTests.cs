using Reporting.Core.Analysis;

namespace Reporting.Core.Tests;

public class StatisticsTests
{
    [Fact]
    public void MidRanks_Ties_ShareTheMeanRank()
    {
        // 10 and 10 occupy ranks 2 and 3; 30, 30, 30 occupy ranks 4–6.
        Assert.Equal([1.0, 2.5, 2.5, 5.0, 5.0, 5.0], Statistics.MidRanks([5, 10, 10, 30, 30, 30]));
    }

    [Theory]
    [InlineData(0.0, 1.0)] // the minimum
    [InlineData(1.0 / 3, 3.0)] // h = 5 × 1/3 = 1.667: x[1] + 0.667 × (x[2] − x[1]) = 1 + 0.667 × 3
    [InlineData(2.0 / 3, 5.333333333333333)] // h = 3.333: 4 + 0.333 × (8 − 4)
    [InlineData(1.0, 16.0)] // the maximum
    public void Quantile_Type7_LinearInterpolation(double p, double expected)
    {
        // Unsorted on purpose: the values are 1, 1, 4, 4, 8, 16 once sorted.
        Assert.Equal(expected, Statistics.Quantile([16, 4, 1, 8, 4, 1], p), 12);
    }

    [Fact]
    public void Spearman_PerfectAgreement_RhoOneAndExactP()
    {
        // With 5 sites only the identity and the reversal reach |rho| = 1: p = 2/120.
        var r = Statistics.Spearman([1, 2, 3, 4, 5], [10, 20, 30, 40, 50])!;

        Assert.Equal(1.0, r.Rho, 12);
        Assert.Equal(2.0 / 120, r.PValue, 12);
        Assert.Equal(("exact", 120L), (r.Method, r.Permutations));
    }

    [Fact]
    public void Spearman_Ties_UsesMidRanksPearson()
    {
        // x ranks 1, 2.5, 2.5, 4, 5; y ranks 1, 2, 3, 4.5, 4.5. Pearson on these ranks, computed by hand:
        // mean 3 for both; Σdxdy = 4+0.25·... see the loop in the test, so no formula is shared with the code.
        double[] x = [1, 2, 2, 3, 4], y = [1, 2, 3, 4, 4];
        double[] rx = [1, 2.5, 2.5, 4, 5], ry = [1, 2, 3, 4.5, 4.5];
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < 5; i++)
        {
            sxy += (rx[i] - 3) * (ry[i] - 3);
            sxx += (rx[i] - 3) * (rx[i] - 3);
            syy += (ry[i] - 3) * (ry[i] - 3);
        }

        var r = Statistics.Spearman(x, y)!;

        Assert.Equal(sxy / Math.Sqrt(sxx * syy), r.Rho, 12);
    }

    [Fact]
    public void Spearman_ExactP_MatchesBruteForceEnumeration()
    {
        // Seven sites like the sample trial, with a tie in fidelity. The test enumerates all 5040 orderings itself,
        // by recursion (not Heap's algorithm), and counts |rho| >= observed with a small tolerance.
        double[] engagement = [0.80, 0.51, 0.79, 0.42, 0.56, 0.42, 0.53];
        double[] fidelity = [12.5, 11.5, 13, 5.5, 8.5, 6, 6];
        var r = Statistics.Spearman(engagement, fidelity)!;

        var rx = Statistics.MidRanks(engagement);
        var ry = Statistics.MidRanks(fidelity);
        static double Rho(double[] a, double[] b)
        {
            double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
            for (var i = 0; i < a.Length; i++)
            {
                sab += (a[i] - ma) * (b[i] - mb);
                saa += (a[i] - ma) * (a[i] - ma);
                sbb += (b[i] - mb) * (b[i] - mb);
            }

            return sab / Math.Sqrt(saa * sbb);
        }

        var observed = Math.Abs(Rho(rx, ry));
        int extreme = 0, total = 0;
        void Permute(List<double> chosen, List<double> rest)
        {
            if (rest.Count == 0)
            {
                total++;
                if (Math.Abs(Rho(rx, [.. chosen])) >= observed - 1e-9)
                {
                    extreme++;
                }

                return;
            }

            for (var i = 0; i < rest.Count; i++)
            {
                var next = new List<double>(rest);
                next.RemoveAt(i);
                Permute([.. chosen, rest[i]], next);
            }
        }

        Permute([], [.. ry]);

        Assert.Equal(5040, total);
        Assert.Equal(Rho(rx, ry), r.Rho, 12);
        Assert.Equal((double)extreme / total, r.PValue, 12);
        Assert.Equal("exact", r.Method);
    }

    [Fact]
    public void Spearman_MoreThanTenSites_UsesSeededMonteCarlo_Deterministically()
    {
        // Above ten sites the method is stated, and the same inputs give the same p-value.
        var x = Enumerable.Range(0, 12).Select(i => (double)i).ToArray();
        var y = x.Select(v => (v * 7) % 12).ToArray();

        var first = Statistics.Spearman(x, y)!;
        var second = Statistics.Spearman(x, y)!;

        Assert.Equal("monte-carlo", first.Method);
        Assert.Equal(first.PValue, second.PValue);
        Assert.InRange(first.PValue, 0, 1);
    }

    [Fact]
    public void Spearman_TooFewOrConstant_IsUnavailable()
    {
        // Two points always correlate perfectly; a constant axis has no ranks to correlate.
        Assert.Null(Statistics.Spearman([1, 2], [3, 4]));
        Assert.Null(Statistics.Spearman([1, 2, 3], [5, 5, 5]));
    }

    [Theory]
    [InlineData(10.0, Level.High)] // exactly on the high threshold is high (inclusive)
    [InlineData(9.99, Level.Mid)] // just under it is mid
    [InlineData(7.0, Level.Low)] // exactly on the low threshold is low (inclusive)
    [InlineData(7.01, Level.Mid)] // just over it is mid
    public void Classify_ThresholdsAreInclusive(double value, Level expected)
    {
        var c = Classification.Classify("fidelity", value, new AxisThresholds(7, 10, "trial"), Classification.Score);

        Assert.Equal(expected, c.Level);
    }

    [Fact]
    public void Classify_Reason_WritesTheRuleOut()
    {
        var c = Classification.Classify("fidelity", 11, new AxisThresholds(7, 10, "trial"), Classification.Score);

        Assert.Equal("fidelity 11.0 ≥ high threshold 10.0", c.Reason);
    }

    [Fact]
    public void Thresholds_WithoutTrialSettings_AreTertiles()
    {
        // Seven values: type-7 quantiles at h = 2 and h = 4 are the 3rd and 5th order statistics.
        var t = Classification.Thresholds(null, null, [0.1, 0.7, 0.3, 0.5, 0.2, 0.6, 0.4])!;

        Assert.Equal((0.3, 0.5, "tertiles"), (t.Low, t.High, t.Source));
    }

    [Fact]
    public void Funnel_Limits_FollowTheNormalApproximation()
    {
        // p0 = 0.6, n = 40: se = sqrt(0.24/40) = 0.0774597.
        var l = Funnel.Limits(0.6, 40);

        Assert.Equal(0.6 + (1.959963984540054 * Math.Sqrt(0.24 / 40)), l.Upper95, 12);
        Assert.Equal(0.6 - (3.090232306167813 * Math.Sqrt(0.24 / 40)), l.Lower998, 12);
    }

    [Fact]
    public void Funnel_SiteOutside998_IsFlagged()
    {
        // 95/100 against a target of 0.6: se = 0.049, 99.8% upper limit 0.751.
        var plot = Funnel.Build(0.6, [("A", 95, 100), ("B", 60, 100), ("C", 0, 0)])!;

        Assert.Equal(2, plot.Sites.Count);
        Assert.True(plot.Sites[0].Flagged);
        Assert.Equal(FunnelPosition.Above998, plot.Sites[0].Position);
        Assert.Equal(FunnelPosition.Within95, plot.Sites[1].Position);
        Assert.True(plot.Curve.Count > 10);
        Assert.True(plot.Curve.Zip(plot.Curve.Skip(1)).All(p => p.First.Upper998 >= p.Second.Upper998));
    }
}
