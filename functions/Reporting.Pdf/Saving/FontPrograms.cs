using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Filters;

namespace Reporting.Pdf.Saving;

/// <summary>
/// Compresses the embedded font programs after saving, as PDFsharp itself would have while saving, with a cache of the
/// compressed bytes: reports of one run embed the same font subsets again and again (the 200 site reports of a large
/// trial embed 600 programs, 248 of them different), and each took a full Flate compression of tens of kilobytes.
/// </summary>
/// <remarks>
/// The document is saved with <see cref="PdfDocumentOptions.NoCompression"/>, which in PDFsharp 6.2 leaves only the font
/// programs uncompressed (content streams follow <see cref="PdfDocumentOptions.CompressContentStreams"/>). Each program
/// is then compressed by PDFsharp's own encoder with the document's mode, and its dictionary written as PDFsharp writes
/// it for a compressed program, so the file is byte for byte the one PDFsharp writes with compression on. The cache
/// holds whole programs and compares them byte for byte; it only saves work, and is emptied when it holds more than
/// <see cref="CacheBytes"/>.
/// </remarks>
internal static partial class FontPrograms
{
    /// <summary>Tells PDFsharp to leave the font programs to <see cref="Compress"/>.</summary>
    public static void LeaveUncompressed(PdfDocument pdf) => pdf.Options.NoCompression = true;

    /// <summary>Compresses every uncompressed font program of the saved file.</summary>
    public static void Compress(PdfObjectRewriter pdf, PdfFlateEncodeMode mode)
    {
        foreach (var number in pdf.ObjectNumbers.Where(n => pdf.ObjectContains(n, "/Length1"u8)).ToList())
        {
            if (!PdfObjectRewriter.TryReadStream(pdf.ObjectBytes(number).Span, out var text, out var data)
                || UncompressedHead().Match(text) is not { Success: true } head)
            {
                throw new InvalidOperationException("A font program is not an uncompressed stream; PDFsharp's output changed.");
            }

            var program = data.ToArray();
            var compressed = Compressed(program, mode);
            pdf.Replace(number, PdfObjectRewriter.Stream(
                string.Create(CultureInfo.InvariantCulture, $"/Length1 {head.Groups["length1"].Value}/Filter/FlateDecode"), compressed));
        }
    }

    private static byte[] Compressed(byte[] program, PdfFlateEncodeMode mode)
    {
        var key = new CacheKey(program, mode);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var compressed = Filtering.FlateDecode.Encode(program, mode);
        if (Interlocked.Add(ref _cachedBytes, program.Length + compressed.Length) > CacheBytes)
        {
            _cache.Clear();
            Interlocked.Exchange(ref _cachedBytes, 0);
        }

        _cache.TryAdd(key, compressed);
        return compressed;
    }

    /// <summary>The cache's bound: about 300 programs of the reports' three faces (a program and its compressed bytes are about 50 KB).</summary>
    internal const long CacheBytes = 16L * 1024 * 1024;

    private static readonly ConcurrentDictionary<CacheKey, byte[]> _cache = new();
    private static long _cachedBytes;

    /// <summary>A program's bytes and the mode it is compressed with, compared by content.</summary>
    private readonly struct CacheKey(byte[] program, PdfFlateEncodeMode mode) : IEquatable<CacheKey>
    {
        private readonly int _hash = HashOf(program, mode);

        public byte[] Program { get; } = program;

        public PdfFlateEncodeMode Mode { get; } = mode;

        public bool Equals(CacheKey other) => Mode == other.Mode && Program.AsSpan().SequenceEqual(other.Program);

        public override bool Equals(object? obj) => obj is CacheKey other && Equals(other);

        public override int GetHashCode() => _hash;

        private static int HashOf(byte[] program, PdfFlateEncodeMode mode)
        {
            var hash = default(HashCode);
            hash.Add(mode);
            hash.AddBytes(program);
            return hash.ToHashCode();
        }
    }

    [GeneratedRegex(@"^\d+ 0 obj\n<</Length1 (?<length1>\d+)/Length \d+>>\n$", RegexOptions.CultureInvariant)]
    private static partial Regex UncompressedHead();
}
