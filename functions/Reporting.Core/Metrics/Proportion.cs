namespace Reporting.Core.Metrics;

/// <summary>A count out of a total with its Wilson score 95% interval. Null members when the total is zero.</summary>
public sealed record Proportion(int Count, int Total, double? Value, double? CiLow, double? CiHigh)
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The proportion <paramref name="count"/>/<paramref name="total"/> with its Wilson 95% interval.</summary>
    public static Proportion Of(int count, int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, count);
        if (total == 0)
        {
            return new Proportion(count, total, null, null, null);
        }

        var (low, high) = Wilson(count, total, Z95);
        return new Proportion(count, total, (double)count / total, low, high);
    }

    /// <summary>Wilson score interval for <paramref name="count"/> successes in <paramref name="total"/> trials.</summary>
    public static (double Low, double High) Wilson(int count, int total, double z)
    {
        double n = total;
        var p = count / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / denominator;
        // The score interval always contains p; at 0 and n successes its bound is p itself, which rounding can miss
        // by an ulp (0 of 3 gave a lower bound of 5.6e-17), so the bounds are kept on their side of p.
        return (Math.Clamp(centre - half, 0, p), Math.Clamp(centre + half, p, 1));
    }
}
