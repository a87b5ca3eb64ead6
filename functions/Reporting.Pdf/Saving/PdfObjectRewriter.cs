using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Pdf.Saving;

/// <summary>
/// Rewrites a PDF as PDFsharp saved it (one body, a classic cross-reference table, no object streams): replaces whole
/// objects, appends new ones and writes a fresh cross-reference table and trailer. It exists because PDFsharp builds
/// some objects only while saving (the XMP metadata, the font descriptors) and offers no hook to change them.
/// </summary>
internal sealed partial class PdfObjectRewriter
{
    private readonly ReadOnlyMemory<byte> _pdf;

    /// <summary>Where each object of the saved file lies, by number (Length -1: no such object).</summary>
    private readonly (int Offset, int Length)[] _objects;

    /// <summary>The saved file's objects in the order they are written.</summary>
    private readonly int[] _inFileOrder;

    private readonly Dictionary<int, byte[]> _replaced = [];
    private readonly List<byte[]> _appended = [];
    private readonly string _trailer;
    private readonly int _bodyEnd;

    /// <param name="pdf">The saved file; read, never changed, and kept until <see cref="ToArray"/>.</param>
    public PdfObjectRewriter(ReadOnlyMemory<byte> pdf)
    {
        _pdf = pdf;

        // Only the end of the file is read as text: startxref, the cross-reference table and the trailer.
        var bytes = pdf.Span;
        var last = Latin1(bytes[Math.Max(0, bytes.Length - 64)..]);
        var start = StartXrefPattern().Match(last);
        if (!start.Success)
        {
            throw new InvalidOperationException("The saved PDF has no startxref; PDFsharp's output changed.");
        }

        _bodyEnd = int.Parse(start.Groups["offset"].Value, CultureInfo.InvariantCulture);
        var text = _bodyEnd >= 0 && _bodyEnd <= bytes.Length ? Latin1(bytes[_bodyEnd..]) : string.Empty;
        var table = XrefPattern().Match(text);
        if (!table.Success || table.Index != 0)
        {
            throw new InvalidOperationException("The saved PDF has no classic cross-reference table at startxref; PDFsharp's output changed.");
        }

        var first = int.Parse(table.Groups["first"].Value, CultureInfo.InvariantCulture);
        var count = int.Parse(table.Groups["count"].Value, CultureInfo.InvariantCulture);
        var entries = table.Index + table.Length;
        var offsets = new List<(int Number, int Offset)>();
        for (var i = 0; i < count; i++)
        {
            var entry = text.AsSpan(entries + (i * 20), 20);
            if (entry[17] == 'n')
            {
                offsets.Add((first + i, int.Parse(entry[..10], CultureInfo.InvariantCulture)));
            }
        }

        offsets.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        _objects = new (int, int)[first + count];
        _objects.AsSpan().Fill((0, -1));
        _inFileOrder = new int[offsets.Count];
        for (var i = 0; i < offsets.Count; i++)
        {
            var end = i + 1 < offsets.Count ? offsets[i + 1].Offset : _bodyEnd;
            _objects[offsets[i].Number] = (offsets[i].Offset, end - offsets[i].Offset);
            _inFileOrder[i] = offsets[i].Number;
        }

        _objectNumbers = [.. _inFileOrder.Order()];

        var trailerAt = text.IndexOf("trailer", entries + (count * 20), StringComparison.Ordinal);
        var startxrefAt = text.LastIndexOf("startxref", StringComparison.Ordinal);
        _trailer = text[(trailerAt + "trailer".Length)..startxrefAt].Trim();
        NextNumber = first + count;
    }

    /// <summary>The number the next appended object gets.</summary>
    public int NextNumber { get; private set; }

    /// <summary>The saved file's object numbers, in ascending order.</summary>
    public IReadOnlyList<int> ObjectNumbers => _objectNumbers;

    private readonly int[] _objectNumbers;

    /// <summary>The trailer dictionary as written (e.g. to find /Root).</summary>
    public string Trailer => _trailer;

    /// <summary>An object's text from "N 0 obj" to "endobj" (streams as Latin-1 bytes).</summary>
    public string Object(int number) => Latin1(ObjectBytes(number).Span);

    /// <summary>An object's bytes from "N 0 obj" to "endobj".</summary>
    public ReadOnlyMemory<byte> ObjectBytes(int number)
    {
        if (_replaced.TryGetValue(number, out var replaced))
        {
            return replaced;
        }

        var (offset, length) = Exists(number) ? _objects[number] : throw new ArgumentOutOfRangeException(nameof(number), "No such object in the saved PDF.");
        return _pdf.Slice(offset, length);
    }

    /// <summary>Whether an object's bytes hold <paramref name="ascii"/> (a cheap test before reading it as text).</summary>
    public bool ObjectContains(int number, ReadOnlySpan<byte> ascii) => ObjectBytes(number).Span.IndexOf(ascii) >= 0;

    private bool Exists(int number) => number >= 0 && number < _objects.Length && _objects[number].Length >= 0;

    /// <summary>Replaces an object's body (what goes between "N 0 obj" and "endobj").</summary>
    public void Replace(int number, byte[] body)
    {
        if (!Exists(number))
        {
            throw new ArgumentOutOfRangeException(nameof(number), "No such object in the saved PDF.");
        }

        _replaced[number] = Wrap(number, body);
    }

    /// <summary>Appends an object and returns its number.</summary>
    public int Append(byte[] body)
    {
        var number = NextNumber++;
        _appended.Add(Wrap(number, body));
        return number;
    }

    /// <summary>Writes the file: header, every object (replaced where asked, appended at the end), a fresh table and trailer.</summary>
    public byte[] ToArray()
    {
        // Where each object goes, then the table and trailer, then one array of the exact size (a report is a few
        // hundred kilobytes: no growing buffer copied into a final one).
        var firstObject = _objects[_inFileOrder[0]].Offset;
        var offsets = new long[NextNumber];
        offsets.AsSpan().Fill(-1);
        long position = firstObject;
        foreach (var number in _inFileOrder)
        {
            offsets[number] = position;
            position += ObjectBytes(number).Length;
        }

        var appendedNumber = NextNumber - _appended.Count;
        foreach (var body in _appended)
        {
            offsets[appendedNumber++] = position;
            position += body.Length;
        }

        // The table: a 20-byte entry per object number, free (number 0 and gaps) or in use at its offset.
        var xref = position;
        var tableHead = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {NextNumber}\n"));
        var trailer = SizePattern().Replace(_trailer, string.Create(CultureInfo.InvariantCulture, $"/Size {NextNumber}"));
        var tail = Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture, $"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n"));

        // Every byte is written below, so the array is not cleared first.
        var output = GC.AllocateUninitializedArray<byte>(checked((int)xref + tableHead.Length + (XrefEntry * NextNumber) + tail.Length));
        _pdf.Span[..firstObject].CopyTo(output);
        var written = firstObject;
        foreach (var number in _inFileOrder)
        {
            written += Put(output, written, ObjectBytes(number).Span);
        }

        foreach (var body in _appended)
        {
            written += Put(output, written, body);
        }

        written += Put(output, written, tableHead);
        for (var n = 0; n < NextNumber; n++)
        {
            var entry = output.AsSpan(written, XrefEntry);
            if (n > 0 && offsets[n] >= 0)
            {
                Utf8Formatter.TryFormat(offsets[n], entry, out _, new StandardFormat('D', 10));
                " 00000 n \n"u8.CopyTo(entry[10..]);
            }
            else
            {
                "0000000000 65535 f \n"u8.CopyTo(entry);
            }

            written += XrefEntry;
        }

        Put(output, written, tail);
        return output;
    }

    private const int XrefEntry = 20;

    private static int Put(byte[] output, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.AsSpan(at));
        return bytes.Length;
    }

    /// <summary>
    /// A stream object's text up to the "stream" keyword (its number and dictionary, read as text: a font program is tens
    /// of kilobytes, its dictionary a few entries) and its data, as long as its direct /Length says; false when the
    /// object has no "stream" keyword or no direct /Length.
    /// </summary>
    public static bool TryReadStream(ReadOnlySpan<byte> objectBytes, out string head, out ReadOnlySpan<byte> data)
    {
        var keyword = objectBytes.IndexOf("stream"u8);
        head = Latin1(objectBytes[..Math.Max(keyword, 0)]);
        data = default;
        var length = StreamLength().Match(head);
        if (!length.Success || keyword < 0)
        {
            return false;
        }

        var start = keyword + "stream".Length;
        start += objectBytes[start] == (byte)'\r' ? 2 : 1;
        data = objectBytes.Slice(start, int.Parse(length.Groups["n"].Value, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>A dictionary object's body with <paramref name="entries"/> added before its closing "&gt;&gt;".</summary>
    public static string AddToDictionary(string objectText, string entries)
    {
        var body = Body(objectText);
        var close = body.LastIndexOf(">>", StringComparison.Ordinal);
        return body[..close] + entries + body[close..];
    }

    /// <summary>What lies between "N 0 obj" and "endobj".</summary>
    public static string Body(string objectText)
    {
        var open = objectText.IndexOf("obj", StringComparison.Ordinal) + "obj".Length;
        var end = objectText.LastIndexOf("endobj", StringComparison.Ordinal);
        return objectText[open..end].Trim('\n', '\r', ' ');
    }

    /// <summary>A stream object's body: its dictionary entries and its data, unfiltered.</summary>
    public static byte[] Stream(string dictionaryEntries, byte[] data)
    {
        var head = Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture, $"<<{dictionaryEntries}/Length {data.Length}>>\nstream\n"));
        return [.. head, .. data, .. "\nendstream"u8];
    }

    public static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    private static byte[] Wrap(int number, byte[] body) =>
        [.. Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{number} 0 obj\n")), .. body, .. "\nendobj\n"u8];

    [GeneratedRegex(@"startxref\s+(?<offset>\d+)\s+%%EOF\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex StartXrefPattern();

    [GeneratedRegex(@"xref\n(?<first>\d+) (?<count>\d+)\n", RegexOptions.CultureInvariant)]
    private static partial Regex XrefPattern();

    [GeneratedRegex(@"/Length\s+(?<n>\d+)(?!\s+\d+\s+R)", RegexOptions.CultureInvariant)]
    private static partial Regex StreamLength();

    [GeneratedRegex(@"/Size \d+", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
