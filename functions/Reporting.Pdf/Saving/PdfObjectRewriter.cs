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
    private readonly SortedDictionary<int, (int Offset, int Length)> _objects = [];
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
        for (var i = 0; i < offsets.Count; i++)
        {
            var end = i + 1 < offsets.Count ? offsets[i + 1].Offset : _bodyEnd;
            _objects[offsets[i].Number] = (offsets[i].Offset, end - offsets[i].Offset);
        }

        var trailerAt = text.IndexOf("trailer", entries + (count * 20), StringComparison.Ordinal);
        var startxrefAt = text.LastIndexOf("startxref", StringComparison.Ordinal);
        _trailer = text[(trailerAt + "trailer".Length)..startxrefAt].Trim();
        NextNumber = first + count;
    }

    /// <summary>The number the next appended object gets.</summary>
    public int NextNumber { get; private set; }

    public IEnumerable<int> ObjectNumbers => _objects.Keys;

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

        var (offset, length) = _objects[number];
        return _pdf.Slice(offset, length);
    }

    /// <summary>Whether an object's bytes hold <paramref name="ascii"/> (a cheap test before reading it as text).</summary>
    public bool ObjectContains(int number, string ascii) => ObjectBytes(number).Span.IndexOf(Encoding.ASCII.GetBytes(ascii)) >= 0;

    /// <summary>Replaces an object's body (what goes between "N 0 obj" and "endobj").</summary>
    public void Replace(int number, byte[] body)
    {
        if (!_objects.ContainsKey(number))
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
        var firstObject = _objects.Values.Min(o => o.Offset);
        var offsets = new SortedDictionary<int, long>();
        var bodies = _objects.OrderBy(o => o.Value.Offset).Select(o => (Number: o.Key, Bytes: ObjectBytes(o.Key))).ToList();
        long position = firstObject;
        foreach (var (number, bytes) in bodies)
        {
            offsets[number] = position;
            position += bytes.Length;
        }

        var appendedNumber = NextNumber - _appended.Count;
        foreach (var body in _appended)
        {
            offsets[appendedNumber++] = position;
            position += body.Length;
        }

        var xref = position;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {NextNumber}\n");
        sb.Append("0000000000 65535 f \n");
        for (var n = 1; n < NextNumber; n++)
        {
            if (offsets.TryGetValue(n, out var at))
            {
                sb.Append(CultureInfo.InvariantCulture, $"{at:0000000000} 00000 n \n");
            }
            else
            {
                sb.Append("0000000000 65535 f \n");
            }
        }

        var trailer = SizePattern().Replace(_trailer, string.Create(CultureInfo.InvariantCulture, $"/Size {NextNumber}"));
        sb.Append("trailer\n").Append(trailer).Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"startxref\n{xref}\n%%EOF\n");
        var tail = sb.ToString();

        // Every byte is written below, so the array is not cleared first.
        var output = GC.AllocateUninitializedArray<byte>(checked((int)xref + Encoding.Latin1.GetByteCount(tail)));
        _pdf.Span[..firstObject].CopyTo(output);
        var written = firstObject;
        foreach (var bytes in bodies.Select(b => b.Bytes).Concat(_appended.Select(a => (ReadOnlyMemory<byte>)a)))
        {
            bytes.Span.CopyTo(output.AsSpan(written));
            written += bytes.Length;
        }

        Encoding.Latin1.GetBytes(tail, output.AsSpan(written));
        return output;
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

    [GeneratedRegex(@"/Size \d+", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
