using Reporting.Core.Export;

namespace Reporting.Core.Tests;

public class RepeatedKeysTests
{
    [Fact]
    public void RepeatedLines_LaterLinesOfAKey_FirstLineIsNotRepeated()
    {
        var keys = new RepeatedKeys();
        keys.Add(new UInt128(1, 2), 2);
        keys.Add(new UInt128(2, 1), 3); // the halves swapped: a different key
        keys.Add(new UInt128(1, 2), 4);
        keys.Add(new UInt128(1, 2), 9);

        Assert.Equal([4, 9], keys.RepeatedLines());
    }

    [Fact]
    public void RepeatedLines_Zero_IsAKeyLikeAnyOther()
    {
        // The tables mark empty slots apart from the keys, so zero needs no special case.
        var keys = new RepeatedKeys();
        keys.Add(UInt128.Zero, 2);
        keys.Add(UInt128.Zero, 3);

        Assert.Equal([3], keys.RepeatedLines());
    }

    [Fact]
    public void RepeatedLines_FewerThanTwoKeys_None()
    {
        var keys = new RepeatedKeys();
        Assert.Empty(keys.RepeatedLines());
        keys.Add(new UInt128(5, 5), 2);
        Assert.Empty(keys.RepeatedLines());
    }

    [Fact]
    public void RepeatedLines_ManyKeysOverManyBucketsAndChunks_AgreesWithAHashSet()
    {
        // 300,000 keys (several chunks of 65,536, about a thousand buckets), a tenth of them repeats of earlier keys,
        // and keys that share their upper or their lower half: the answer must be what a plain set gives.
        var random = new Random(7);
        var keys = new RepeatedKeys();
        var seen = new HashSet<UInt128>();
        var expected = new List<int>();
        var earlier = new List<UInt128>();
        for (var line = 2; line < 300_002; line++)
        {
            var key = line % 10 == 0 && earlier.Count > 0 ? earlier[random.Next(earlier.Count)]
                : line % 7 == 0 ? new UInt128(42, (ulong)line)
                : line % 11 == 0 ? new UInt128((ulong)line, 42)
                : new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64());
            earlier.Add(key);
            keys.Add(key, line);
            if (!seen.Add(key))
            {
                expected.Add(line);
            }
        }

        Assert.Equal(300_000, keys.Count);
        Assert.Equal(expected, keys.RepeatedLines());
    }
}
