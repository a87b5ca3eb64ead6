using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using Reporting.Pdf.Saving;

namespace Reporting.Pdf;

/// <summary>
/// Metadata and saving so that the same document gives byte-identical PDFs.
/// </summary>
/// <remarks>
/// PDFsharp 6.2 writes three random values on every save and offers no option to fix them: the trailer's
/// file identifier (/ID), the XMP DocumentID and InstanceID (uuid:…), and each embedded font subset's tag
/// (six letters before "+Carlito"). Dates come from the document's timestamp. After saving, the random
/// values are first normalised to placeholders, the normalised file is hashed, and each value is replaced
/// in place (same length, so no byte offset moves) by one derived from that hash: the identifiers are then
/// derived from the content, as ISO 32000 recommends for /ID.
/// </remarks>
internal static partial class DeterministicPdf
{
    private const string ZeroUuid = "00000000-0000-0000-0000-000000000000";
    private const string ZeroTag = "AAAAAA";
    private static readonly string _zeroId = new('0', 32);

    public static void SetMetadata(PdfDocument pdf, ReportDocument document)
    {
        pdf.Info.Title = document.Title;
        pdf.Info.Author = document.Author;
        pdf.Info.Subject = document.Subject;
        pdf.Info.Keywords = string.Join(", ", document.Keywords);
        pdf.Info.CreationDate = document.Timestamp.UtcDateTime;
        pdf.Info.ModificationDate = document.Timestamp.UtcDateTime;

        // Placeholders, replaced after saving by identifiers derived from the content.
        pdf.Internals.FirstDocumentID = new string('\0', 16);
        pdf.Internals.SecondDocumentID = new string('\0', 16);
    }

    /// <summary>
    /// Saves the document, replaces PDFsharp's XMP packet (written while saving) by <see cref="XmpMetadata"/>, adds the
    /// font subsets' CIDSets that PDF/A-1 requires (<see cref="CidSets"/>), compresses the font programs
    /// (<see cref="FontPrograms"/>, unless PDFsharp is to do it), and makes the random values deterministic.
    /// </summary>
    public static byte[] Save(PdfDocument pdf, ReportDocument document, bool fontsCompressedAfterSaving)
    {
        // The rewriter reads the saved bytes where they are (no copy of the file) and writes the final file once.
        var stream = SaveBuffer();
        if (fontsCompressedAfterSaving)
        {
            FontPrograms.LeaveUncompressed(pdf);
        }

        pdf.Save(stream, closeStream: false);
        var rewriter = new PdfObjectRewriter(stream.GetBuffer().AsMemory(0, checked((int)stream.Length)));
        var xmp = new XmpMetadata(
            document.Title,
            document.Author,
            document.Subject,
            pdf.Info.Keywords,
            pdf.Info.Producer,
            pdf.Info.Creator,
            document.Timestamp,
            document.Language);
        rewriter.Replace(MetadataObject(rewriter), PdfObjectRewriter.Stream("/Type/Metadata/Subtype/XML", xmp.ToBytes()));
        CidSets.Add(rewriter);
        if (fontsCompressedAfterSaving)
        {
            FontPrograms.Compress(rewriter, pdf.Options.FlateEncodeMode);
        }

        var bytes = rewriter.ToArray();
        MakeDeterministicInPlace(bytes);
        return bytes;
    }

    /// <summary>
    /// The buffer PDFsharp saves into, one per thread and emptied for each report. A report is a few hundred kilobytes,
    /// so a fresh buffer each time was a large-object allocation per report (cleared, and paid for again in full
    /// collections). A buffer that grew past <see cref="KeptSaveBuffer"/> is not kept, so a rare large report does not
    /// hold its memory for the life of the process.
    /// </summary>
    private static MemoryStream SaveBuffer()
    {
        if (_saveBuffer is not { } stream || stream.Capacity > KeptSaveBuffer)
        {
            stream = new MemoryStream(256 * 1024);
            _saveBuffer = stream;
        }

        stream.SetLength(0);
        return stream;
    }

    private const int KeptSaveBuffer = 4 * 1024 * 1024;

    [ThreadStatic]
    private static MemoryStream? _saveBuffer;

    /// <summary>The number of the metadata stream the catalog points to.</summary>
    private static int MetadataObject(PdfObjectRewriter pdf)
    {
        var root = ReferencePattern("Root").Match(pdf.Trailer);
        var metadata = root.Success ? ReferencePattern("Metadata").Match(pdf.Object(int.Parse(root.Groups["n"].Value, CultureInfo.InvariantCulture))) : root;
        return metadata.Success
            ? int.Parse(metadata.Groups["n"].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("The saved PDF's catalog has no metadata stream; PDFsharp's output changed.");
    }

    internal static Regex ReferencePattern(string key) => new("/" + key + @"\s*(?<n>\d+) 0 R", RegexOptions.CultureInvariant);

    /// <summary>Replaces the random values of a saved PDF in place (see the remarks on this class).</summary>
    private static void MakeDeterministicInPlace(byte[] bytes)
    {
        // The bytes are searched where they are (a report is a few hundred kilobytes, not read again as text).
        var file = bytes.AsSpan();

        // Where the UUIDs start: after "uuid:", followed by the UUID and "<".
        var uuids = new List<int>();
        for (var at = Next(file, 0, "uuid:"u8); at >= 0;)
        {
            var start = at + "uuid:".Length;
            var isUuid = IsUuidThenAngleBracket(file[start..]);
            if (isUuid)
            {
                uuids.Add(start);
            }

            at = Next(file, isUuid ? start + ZeroUuid.Length + 1 : at + 1, "uuid:"u8);
        }

        // Where the subset tags start: six capitals between "/" and "+", then the face's name.
        var tags = new List<(int Tag, string Face)>();
        for (var plus = Next(file, 0, _facePrefix); plus >= 0; plus = Next(file, plus + 1, _facePrefix))
        {
            if (plus >= ZeroTag.Length + 1 && file[plus - ZeroTag.Length - 1] == (byte)'/' && IsCapitals(file.Slice(plus - ZeroTag.Length, ZeroTag.Length)))
            {
                var face = file[(plus + 1)..];
                var end = face.IndexOfAnyExcept(FaceNameBytes);
                tags.Add((plus - ZeroTag.Length, Encoding.Latin1.GetString(end < 0 ? face : face[..end])));
            }
        }

        var idAt = file.LastIndexOf(_placeholderId);
        if (idAt < 0)
        {
            throw new InvalidOperationException("The saved PDF has no placeholder file identifier; PDFsharp's output changed.");
        }

        Fill(bytes, uuids, tags, idAt);
    }

    /// <summary>The next occurrence of <paramref name="value"/> from <paramref name="from"/> on, or -1.</summary>
    private static int Next(ReadOnlySpan<byte> file, int from, ReadOnlySpan<byte> value)
    {
        var at = file[from..].IndexOf(value);
        return at < 0 ? -1 : from + at;
    }

    /// <summary>"+" and the family name: what follows a subset tag.</summary>
    private static readonly byte[] _facePrefix = Encoding.ASCII.GetBytes("+" + Typography.FontFamily);

    /// <summary>The characters of a face's name after the family: letters, "," and "-" (e.g. "Carlito,Bold").</summary>
    private static readonly SearchValues<byte> FaceNameBytes = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz,-"u8);

    private static readonly byte[] _placeholderId = Encoding.ASCII.GetBytes("/ID[<" + _zeroId + "><" + _zeroId + ">]");

    private static bool IsCapitals(ReadOnlySpan<byte> text) => !text.ContainsAnyExceptInRange((byte)'A', (byte)'Z');

    /// <summary>Whether <paramref name="text"/> starts with a UUID (8-4-4-4-12 hexadecimal digits) and "&lt;".</summary>
    private static bool IsUuidThenAngleBracket(ReadOnlySpan<byte> text)
    {
        if (text.Length < ZeroUuid.Length + 1 || text[ZeroUuid.Length] != (byte)'<')
        {
            return false;
        }

        for (var i = 0; i < ZeroUuid.Length; i++)
        {
            var isDash = i is 8 or 13 or 18 or 23;
            if (isDash ? text[i] != (byte)'-' : !char.IsAsciiHexDigit((char)text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static void Fill(byte[] bytes, List<int> uuids, List<(int Tag, string Face)> tags, int idAt)
    {
        foreach (var at in uuids)
        {
            Write(bytes, at, ZeroUuid);
        }

        foreach (var (at, _) in tags)
        {
            Write(bytes, at, ZeroTag);
        }

        var hash = SHA256.HashData(bytes);

        var id = Convert.ToHexString(hash, 0, 16);
        Write(bytes, idAt + "/ID[<".Length, id);
        Write(bytes, idAt + "/ID[<".Length + 32 + 2, id);

        for (var i = 0; i < uuids.Count; i++)
        {
            var derived = SHA256.HashData([.. hash, .. Encoding.ASCII.GetBytes("uuid" + i.ToString(CultureInfo.InvariantCulture))]);
            Write(bytes, uuids[i], NameBasedUuid(derived));
        }

        // The same face gets the same tag wherever it is named (/BaseFont and /FontName); faces differ.
        var assigned = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (at, face) in tags)
        {
            if (!assigned.TryGetValue(face, out var tag))
            {
                var salt = 0;
                do
                {
                    var derived = SHA256.HashData([.. hash, .. Encoding.Latin1.GetBytes(face + "#" + salt.ToString(CultureInfo.InvariantCulture))]);
                    tag = string.Concat(derived.Take(6).Select(b => (char)('A' + (b % 26))));
                    salt++;
                }
                while (assigned.ContainsValue(tag));

                assigned[face] = tag;
            }

            Write(bytes, at, tag);
        }
    }

    /// <summary>Formats 16 hash bytes as an RFC 9562 name-based (version 5 layout) UUID.</summary>
    private static string NameBasedUuid(byte[] hash)
    {
        var b = hash.AsSpan(0, 16).ToArray();
        b[6] = (byte)((b[6] & 0x0F) | 0x50);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(b);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static void Write(byte[] bytes, int offset, string ascii) => Encoding.ASCII.GetBytes(ascii, bytes.AsSpan(offset));
}
