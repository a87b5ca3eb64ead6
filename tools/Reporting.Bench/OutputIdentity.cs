using System.Security.Cryptography;

namespace Reporting.Bench;

/// <summary>How a file differs between two output folders.</summary>
internal enum OutputDifferenceKind
{
    /// <summary>Both folders hold it, with different bytes.</summary>
    Content,

    /// <summary>Only the first folder holds it.</summary>
    OnlyInFirst,

    /// <summary>Only the second folder holds it.</summary>
    OnlyInSecond,
}

/// <summary>One file that is not the same in both folders.</summary>
/// <param name="Path">Relative to the folders, with '/' between folder names.</param>
/// <param name="Kind">Which way it differs.</param>
internal sealed record OutputDifference(string Path, OutputDifferenceKind Kind);

/// <summary>Two output folders compared file by file.</summary>
/// <param name="Files">Files in either folder.</param>
/// <param name="Differences">The files that differ or that one folder lacks, by path (ordinal).</param>
internal sealed record OutputComparison(int Files, IReadOnlyList<OutputDifference> Differences)
{
    public bool Identical => Differences.Count == 0;
}

/// <summary>Compares what two builds wrote for the same export (run.json, trial.pdf, sites/*.pdf) by SHA-256 of each file.</summary>
internal static class OutputIdentity
{
    public static OutputComparison Compare(DirectoryInfo first, DirectoryInfo second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = Hashes(first);
        var b = Hashes(second);
        var paths = a.Keys.Union(b.Keys).Order(StringComparer.Ordinal).ToList();
        var differences = new List<OutputDifference>();
        foreach (var path in paths)
        {
            var inFirst = a.TryGetValue(path, out var hashA);
            var inSecond = b.TryGetValue(path, out var hashB);
            if (!inFirst)
            {
                differences.Add(new OutputDifference(path, OutputDifferenceKind.OnlyInSecond));
            }
            else if (!inSecond)
            {
                differences.Add(new OutputDifference(path, OutputDifferenceKind.OnlyInFirst));
            }
            else if (!hashA.AsSpan().SequenceEqual(hashB))
            {
                differences.Add(new OutputDifference(path, OutputDifferenceKind.Content));
            }
        }

        return new OutputComparison(paths.Count, differences);
    }

    private static Dictionary<string, byte[]> Hashes(DirectoryInfo dir)
    {
        var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (!dir.Exists)
        {
            return hashes;
        }

        foreach (var file in dir.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            using var stream = file.OpenRead();
            hashes.Add(Path.GetRelativePath(dir.FullName, file.FullName).Replace(Path.DirectorySeparatorChar, '/'), SHA256.HashData(stream));
        }

        return hashes;
    }
}
