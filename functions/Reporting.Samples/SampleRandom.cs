using System.Numerics;

namespace Reporting.Samples;

/// <summary>
/// xoshiro256** seeded through SplitMix64 (Blackman and Vigna). A self-contained generator rather than
/// <see cref="Random"/>: <c>new Random(seed)</c> keeps its legacy algorithm today, but nothing promises the
/// same sequence on every future runtime, and the committed sample must stay byte-identical.
/// Only integer arithmetic and exact double comparisons are used, so results do not depend on the platform.
/// </summary>
internal sealed class SampleRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SampleRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>An independent stream derived from this one, so that one part of a trial does not shift another.</summary>
    public SampleRandom Fork(ulong salt) => new(NextUInt64() ^ (salt * 0x9E3779B97F4A7C15UL));

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [minInclusive, maxInclusive] (Lemire's multiply-shift; the bias is below 2^-32).</summary>
    public int Next(int minInclusive, int maxInclusive)
    {
        if (maxInclusive < minInclusive)
        {
            throw new ArgumentOutOfRangeException(nameof(maxInclusive), "The upper bound is below the lower bound.");
        }

        var range = (ulong)((long)maxInclusive - minInclusive + 1);
        var high = Math.BigMul(NextUInt64(), range, out _);
        return (int)(minInclusive + (long)high);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public DateOnly NextDate(DateOnly fromInclusive, DateOnly toInclusive) =>
        DateOnly.FromDayNumber(Next(fromInclusive.DayNumber, toInclusive.DayNumber));

    /// <summary>Fisher–Yates, so the permutation depends only on this generator.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = Next(0, i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
