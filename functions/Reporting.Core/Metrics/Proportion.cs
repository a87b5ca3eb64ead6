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
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
