using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Pdf.Saving;

/// <summary>
/// Adds the CIDSet that PDF/A-1 (ISO 19005-1 §6.3.5) requires in the font descriptor of every embedded CIDFont subset,
/// which PDFsharp does not write: a bit per CID, set for each glyph the embedded font program holds. The reports'
/// fonts are TrueType subsets with an identity CID-to-glyph map, so CIDs are glyph ids. A glyph is present when its
/// outline in the subset's glyf table is not empty (the loca table gives each glyph's length) or when the text uses
/// it (the CIDFont's /W widths: a space has no outline but is in the subset), and glyph 0 always is.
/// </summary>
internal static partial class CidSets
{
    public static void Add(PdfObjectRewriter pdf)
    {
        // The CIDs each descriptor's font draws, from the CIDFont dictionaries that point to it.
        var used = new Dictionary<int, List<int>>();
        foreach (var number in pdf.ObjectNumbers.Where(n => pdf.ObjectContains(n, "/CIDFontType2"u8)))
        {
            var font = pdf.Object(number);
            if (font.Contains("/Subtype/CIDFontType2", StringComparison.Ordinal) && FontDescriptor().Match(font) is { Success: true } d
                && Widths().Match(font) is { Success: true } w)
            {
                used[int.Parse(d.Groups["n"].Value, CultureInfo.InvariantCulture)] = WidthCids(w.Groups["w"].Value);
            }
        }

        foreach (var number in pdf.ObjectNumbers.Where(n => pdf.ObjectContains(n, "/FontDescriptor"u8)).ToList())
        {
            var descriptor = pdf.Object(number);
            if (!descriptor.Contains("/Type/FontDescriptor", StringComparison.Ordinal) || descriptor.Contains("/CIDSet", StringComparison.Ordinal))
            {
                continue;
            }

            if (DescriptorFontFile().Match(descriptor) is not { Success: true } fontFile)
            {
                throw new InvalidOperationException("A font descriptor embeds no TrueType program; PDFsharp's output changed.");
            }

            var program = StreamData(pdf.ObjectBytes(int.Parse(fontFile.Groups["n"].Value, CultureInfo.InvariantCulture)).Span);
            var cids = GlyphsPresent(program).Union(used.GetValueOrDefault(number) ?? []).Order().ToList();
            var cidSet = pdf.Append(PdfObjectRewriter.Stream(string.Empty, Bitmap(cids)));
            pdf.Replace(number, Encoding.Latin1.GetBytes(PdfObjectRewriter.AddToDictionary(descriptor, string.Create(CultureInfo.InvariantCulture, $"/CIDSet {cidSet} 0 R"))));
        }
    }

    /// <summary>Glyph ids whose outline is not empty, and glyph 0 (.notdef), which every font program has.</summary>
    internal static IReadOnlyList<int> GlyphsPresent(byte[] font)
    {
        var tables = Tables(font);
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["maxp"] + 4));
        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(tables["head"] + 50)) == 1;
        var loca = tables["loca"];
        long Offset(int glyph) => longOffsets
            ? BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(loca + (glyph * 4)))
            : BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(loca + (glyph * 2))) * 2L;

        var present = new List<int> { 0 };
        for (var glyph = 1; glyph < glyphCount; glyph++)
        {
            if (Offset(glyph + 1) > Offset(glyph))
            {
                present.Add(glyph);
            }
        }

        return present;
    }

    /// <summary>The CIDs of a /W array written as "c [w1 w2 …]" runs (the form PDFsharp writes).</summary>
    internal static List<int> WidthCids(string widths)
    {
        var cids = new List<int>();
        foreach (Match run in WidthRun().Matches(widths))
        {
            var first = int.Parse(run.Groups["c"].Value, CultureInfo.InvariantCulture);
            var count = run.Groups["w"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            cids.AddRange(Enumerable.Range(first, count));
        }

        return cids;
    }

    /// <summary>A bit per CID from 0, the high-order bit of each byte first.</summary>
    internal static byte[] Bitmap(IReadOnlyList<int> cids)
    {
        var bytes = new byte[(cids.Max() / 8) + 1];
        foreach (var cid in cids)
        {
            bytes[cid / 8] |= (byte)(0x80 >> (cid % 8));
        }

        return bytes;
    }

    private static Dictionary<string, int> Tables(byte[] font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(12 + (i * 16));
            tables[Encoding.ASCII.GetString(record[..4])] = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
        }

        foreach (var required in new[] { "head", "maxp", "loca" })
        {
            if (!tables.ContainsKey(required))
            {
                throw new InvalidOperationException($"The embedded font program has no {required} table.");
            }
        }

        return tables;
    }

    /// <summary>A stream object's data, inflated when it is Flate-encoded.</summary>
    private static byte[] StreamData(ReadOnlySpan<byte> objectBytes)
    {
        if (!PdfObjectRewriter.TryReadStream(objectBytes, out var head, out var data))
        {
            throw new InvalidOperationException("A font program stream has no direct /Length; PDFsharp's output changed.");
        }

        var raw = data.ToArray();
        if (!head.Contains("/FlateDecode", StringComparison.Ordinal))
        {
            return raw;
        }

        using var inflater = new ZLibStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflater.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex(@"/FontDescriptor\s*(?<n>\d+) 0 R", RegexOptions.CultureInvariant)]
    private static partial Regex FontDescriptor();

    [GeneratedRegex(@"/W\s*\[(?<w>(\s*\d+\s*\[[^\]]*\])*)\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex Widths();

    [GeneratedRegex(@"(?<c>\d+)\s*\[(?<w>[^\]]*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex WidthRun();

    [GeneratedRegex(@"/FontFile2\s*(?<n>\d+) 0 R", RegexOptions.CultureInvariant)]
    private static partial Regex DescriptorFontFile();
}
