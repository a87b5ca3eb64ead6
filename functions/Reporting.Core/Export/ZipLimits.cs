namespace Reporting.Core.Export;

/// <summary>
/// Limits that keep a hostile <c>.zip</c> upload from exhausting disk, memory or time (docs/export-contract.md).
/// They are checked against the zip's central directory before anything is inflated, and again against the
/// bytes actually inflated, because the directory's sizes can lie.
/// </summary>
public sealed record ZipLimits
{
    /// <summary>Creates limits; every limit must be positive.</summary>
    public ZipLimits(int maxEntries = 64, long maxUnpackedBytes = 1L << 30, long maxEntryBytes = 1L << 30, double maxRatio = 200)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxUnpackedBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntryBytes);
        if (!(maxRatio >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxRatio), "The compression ratio limit must be at least 1.");
        }

        MaxEntries = maxEntries;
        MaxUnpackedBytes = maxUnpackedBytes;
        MaxEntryBytes = maxEntryBytes;
        MaxRatio = maxRatio;
    }

    /// <summary>The export contract's limits: 64 entries, 1 GiB unpacked in all, 1 GiB an entry, a ratio of 200.</summary>
    public static ZipLimits Default { get; } = new();

    /// <summary>At most this many entries in the central directory, metadata entries included.</summary>
    public int MaxEntries { get; }

    /// <summary>At most this many bytes once the export files are inflated, all entries together.</summary>
    public long MaxUnpackedBytes { get; }

    /// <summary>At most this many bytes for one inflated entry.</summary>
    public long MaxEntryBytes { get; }

    /// <summary>At most this ratio of inflated to compressed bytes for one entry (real exports compress about 5 to 20 times).</summary>
    public double MaxRatio { get; }
}
