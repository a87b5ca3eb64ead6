using System.Numerics;

namespace Reporting.Core.Export;

/// <summary>
/// Finds the 128-bit keys (contact-id hashes) that repeat among a million or more, each tagged with the line it came
/// from. Keys are appended as they are read, which writes memory in order; once all are in, they are split by their
/// top bits into buckets of a few hundred, and each bucket is checked with a small table that stays in the CPU's
/// cache. A single table of a million keys (32 MB) costs a cache and TLB miss at every insert instead: on this
/// project's 2-core VM that was a fifth of <c>reporting metrics</c>' CPU time on the million-contact trial.
/// </summary>
internal sealed class RepeatedKeys
{
    private const int ChunkSize = 1 << 16;

    /// <summary>Keys a bucket holds on average: its table (twice as many 16-byte slots) stays within L2.</summary>
    private const int BucketTarget = 256;

    private readonly List<Entry[]> _chunks = [];
    private int _count;

    /// <summary>Keys added.</summary>
    public int Count => _count;

    /// <summary>Adds <paramref name="key"/>, seen at <paramref name="line"/>. Lines must be added in increasing order.</summary>
    public void Add(UInt128 key, int line)
    {
        var offset = _count % ChunkSize;
        if (offset == 0)
        {
            _chunks.Add(new Entry[ChunkSize]);
        }

        _chunks[^1][offset] = new Entry((ulong)(key >> 64), (ulong)key, line);
        _count++;
    }

    /// <summary>The lines whose key an earlier line already had, in increasing order (the first line of each key is
    /// not among them). Call once, after the last <see cref="Add"/>.</summary>
    public List<int> RepeatedLines()
    {
        var repeated = new List<int>();
        if (_count < 2)
        {
            return repeated;
        }

        // Split by bucket, keeping each bucket's keys in line order (a stable counting sort).
        var bits = Math.Max(0, BitOperations.Log2((uint)Math.Max(1, _count / BucketTarget)));
        var buckets = 1 << bits;
        var starts = new int[buckets + 1];
        for (var c = 0; c < _chunks.Count; c++)
        {
            foreach (var e in Chunk(c))
            {
                starts[Bucket(e, bits) + 1]++;
            }
        }

        for (var b = 0; b < buckets; b++)
        {
            starts[b + 1] += starts[b];
        }

        var sorted = new Entry[_count];
        var next = (int[])starts.Clone();
        for (var c = 0; c < _chunks.Count; c++)
        {
            foreach (var e in Chunk(c))
            {
                sorted[next[Bucket(e, bits)]++] = e;
            }

            _chunks[c] = [];
        }

        var largest = 0;
        for (var b = 0; b < buckets; b++)
        {
            largest = Math.Max(largest, starts[b + 1] - starts[b]);
        }

        // One table for every bucket, sized for the largest at most half full; slot i holds the entry index + 1 (0 = empty).
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, largest * 2));
        var table = new int[capacity];
        for (var b = 0; b < buckets; b++)
        {
            var size = starts[b + 1] - starts[b];
            var mask = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, size * 2)) - 1;
            for (var k = starts[b]; k < starts[b + 1]; k++)
            {
                ref readonly var e = ref sorted[k];
                var slot = (int)((e.Lower * 0x9E3779B97F4A7C15UL) >> 32) & mask;
                while (true)
                {
                    var held = table[slot];
                    if (held == 0)
                    {
                        table[slot] = k + 1;
                        break;
                    }

                    ref readonly var other = ref sorted[held - 1];
                    if (other.Upper == e.Upper && other.Lower == e.Lower)
                    {
                        repeated.Add(e.Line);
                        break;
                    }

                    slot = (slot + 1) & mask;
                }
            }

            Array.Clear(table, 0, mask + 1);
        }

        repeated.Sort();
        return repeated;
    }

    private ReadOnlySpan<Entry> Chunk(int c) => _chunks[c].AsSpan(0, c == _chunks.Count - 1 ? _count - (c * ChunkSize) : ChunkSize);

    /// <summary>The bucket: the top <paramref name="bits"/> of the upper half, mixed so any key shape spreads evenly.</summary>
    private static int Bucket(in Entry e, int bits) => bits == 0 ? 0 : (int)((e.Upper * 0x9E3779B97F4A7C15UL) >> (64 - bits));

    private readonly record struct Entry(ulong Upper, ulong Lower, int Line);
}
