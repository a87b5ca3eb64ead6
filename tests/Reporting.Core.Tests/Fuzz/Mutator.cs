using System.Globalization;
using System.Text;

namespace Reporting.Core.Tests.Fuzz;

/// <summary>
/// The mutation operators on CSV tables, CSV text and raw bytes. Every operator draws from the case's generator and
/// records what it did in <see cref="Steps"/>; every value it invents that a message could echo carries a marker.
/// </summary>
internal sealed class Mutator(FuzzRandom rng, Markers markers)
{
    private static readonly byte[][] BadSequences =
    [
        [0xFF], // never valid in UTF-8
        [0xC0, 0xAF], // overlong encoding of '/'
        [0xED, 0xA0, 0x80], // an encoded UTF-16 surrogate
        [0x80], // a continuation byte with no lead
        [0xF4, 0x90, 0x80, 0x80], // above U+10FFFF
        [0xF8, 0x88, 0x80, 0x80, 0x80], // a five-byte form
        [0xE2, 0x82], // a sequence cut short
        [0x00], // NUL
        [0xC3], // a lead byte alone
    ];

    public FuzzRandom Rng { get; } = rng;

    public Markers Markers { get; } = markers;

    public List<string> Steps { get; } = [];

    public void Step(string what) => Steps.Add(what);

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A hostile cell value; most carry a fresh marker, the rest are edge cases of numbers, dates and enumerations.</summary>
    public string HostileValue()
    {
        var m = Markers.Next();
        return Rng.Next(44) switch
        {
            0 or 1 or 2 => m, // a valid identifier that names nothing
            3 => m + "," + Markers.Next(),
            4 => "\"" + m + "\"",
            5 => m + "\n" + Markers.Next(),
            6 => "=HYPERLINK(\"http://x/" + m + "\")",
            7 => "  " + m + "\t ",
            8 => m + "\u0000",
            9 => m + "\u202Egpj.exe",
            10 => m + "\u200B",
            11 => "é" + m + "ü",
            12 => m + "𝔸😀",
            13 => m.ToLowerInvariant(),
            14 => "." + m,
            15 => m + new string('x', 64),
            16 => "../" + m,
            17 => m + "/" + m,
            18 => m + " " + m,
            19 => "\uFEFF" + m,
            20 => m + "\r",
            21 => m + "\"\"",
            22 => "-" + m,
            23 => m + ";" + m,
            24 => "1e309",
            25 => "NaN",
            26 => "-Infinity",
            27 => "1,5",
            28 => "0x1F",
            29 => "١٢",
            30 => "99999999999999999999999",
            31 => "-0",
            32 => "5e-324",
            33 => "2019-02-29",
            34 => "2019-13-01",
            35 => "0000-01-01",
            36 => "9999-12-31",
            37 => "2019-06-30T00:00:00",
            38 => "２０１９-０６-３０",
            39 => "2091-01-01",
            40 => "2019-6-30",
            41 => "PEER_SUPPORT",
            42 => "completed\u200B",
            _ => "",
        };
    }

    // ---- tables ----

    public CsvTable PickTable(FuzzExport export, out string name)
    {
        name = Rng.Pick(export.Tables.Keys.ToList());
        return export.Tables[name];
    }

    /// <summary>Hostile values in random cells.</summary>
    public void Cells(FuzzExport export) => Cells(PickTable(export, out var name), name);

    public void Cells(CsvTable table, string name)
    {
        if (table.Rows.Count == 0)
        {
            return;
        }

        var count = Rng.Chance(0.2) ? Rng.Next(5, 60) : Rng.Next(1, 4);
        for (var k = 0; k < count; k++)
        {
            var row = table.Rows[Rng.Next(table.Rows.Count)];
            var column = Rng.Next(row.Count);
            row[column] = Rng.Chance(0.15) && row.Count > 1 ? row[Rng.Next(row.Count)] : HostileValue();
        }

        Step($"{name}: {N(count)} hostile cells");
    }

    /// <summary>Row, header and field-count changes.</summary>
    public void Structure(FuzzExport export) => Structure(PickTable(export, out var name), name, markerHeaders: true);

    /// <summary>Row, header and field-count changes to <paramref name="table"/>. With <paramref name="markerHeaders"/> false,
    /// column names never become markers: a QCA table's header names its columns by design, and issues name them by that text.</summary>
    public void Structure(CsvTable table, string name, bool markerHeaders)
    {
        var rows = table.Rows;
        var width = table.Header.Count;
        var op = Rng.Next(16);
        switch (op)
        {
            case 0 when rows.Count > 0:
                rows.Insert(Rng.Next(rows.Count + 1), [.. rows[Rng.Next(rows.Count)]]);
                Step($"{name}: a row repeated");
                break;
            case 1 when rows.Count > 0:
                rows.RemoveRange(Rng.Next(rows.Count), 1);
                Step($"{name}: a row removed");
                break;
            case 2:
                Rng.Shuffle(rows);
                Step($"{name}: rows shuffled");
                break;
            case 3 when rows.Count > 0:
                rows[Rng.Next(rows.Count)].Add(Markers.Next());
                Step($"{name}: a row with an extra field");
                break;
            case 4 when rows.Count > 0:
                var shortRow = rows[Rng.Next(rows.Count)];
                shortRow.RemoveAt(shortRow.Count - 1);
                Step($"{name}: a row with a field missing");
                break;
            case 5:
                table.Header[Rng.Next(width)] = markerHeaders ? Markers.Next() : "Z" + N(Rng.Next(1000));
                Step($"{name}: a column renamed to a marker");
                break;
            case 6:
                var dup = Rng.Next(width);
                table.Header[(dup + 1) % width] = Rng.Chance(0.5) ? table.Header[dup].ToUpperInvariant() : table.Header[dup];
                Step($"{name}: a column name repeated");
                break;
            case 7:
                var drop = Rng.Next(width);
                table.Header.RemoveAt(drop);
                foreach (var r in rows.Where(r => r.Count > drop))
                {
                    r.RemoveAt(drop);
                }

                Step($"{name}: a column removed");
                break;
            case 8:
                for (var i = 0; i < width; i++)
                {
                    table.Header[i] = Rng.Chance(0.5) ? table.Header[i].ToUpperInvariant() : " " + table.Header[i] + " ";
                }

                Step($"{name}: column names in other case and padded");
                break;
            case 9:
                var order = Enumerable.Range(0, width).ToList();
                Rng.Shuffle(order);
                var header = order.Select(i => table.Header[i]).ToList();
                table.Header.Clear();
                table.Header.AddRange(header);
                for (var r = 0; r < rows.Count; r++)
                {
                    if (rows[r].Count == width)
                    {
                        rows[r] = [.. order.Select(i => rows[r][i])];
                    }
                }

                Step($"{name}: columns reordered");
                break;
            case 10:
                var extra = Rng.Next(1, 4);
                for (var k = 0; k < extra; k++)
                {
                    table.Header.Add(markerHeaders ? Markers.Next() : "U" + N(k));
                    foreach (var r in rows)
                    {
                        r.Add(Markers.Next());
                    }
                }

                Step($"{name}: {N(extra)} unknown columns");
                break;
            case 11:
                table.Header[Rng.Next(width)] = Rng.Chance(0.5) ? "" : "\uFEFF";
                Step($"{name}: a blank column name");
                break;
            case 12 when rows.Count > 0 && markerHeaders:
                table.Header.Clear();
                table.Header.AddRange(rows[0]);
                rows.RemoveAt(0);
                Step($"{name}: header row missing (data in its place)");
                break;
            case 13:
                rows.Clear();
                Step($"{name}: header only");
                break;
            case 14 when rows.Count > 0:
                var blank = rows[Rng.Next(rows.Count)];
                for (var i = 0; i < blank.Count; i++)
                {
                    blank[i] = Rng.Chance(0.5) ? "" : " ";
                }

                Step($"{name}: a blank row");
                break;
            default:
                Flood(table, name, Rng.Pick([200, 1_000, 5_000]));
                break;
        }
    }

    /// <summary>Appends <paramref name="count"/> rows copied from existing ones, each with fresh markers in its
    /// identifier columns (new participants, contacts, sources) or, half the time, kept as copies (duplicates).</summary>
    public void Flood(FuzzExport export, int count) => Flood(PickTable(export, out var name), name, count);

    public void Flood(CsvTable table, string name, int count)
    {
        if (table.Rows.Count == 0)
        {
            return;
        }

        var fresh = Rng.Chance(0.7);
        var idColumns = table.Header.Select((h, i) => (h, i))
            .Where(c => c.h is "participant_id" or "contact_id" or "source" or "rater_id")
            .Select(c => c.i).ToList();
        if (idColumns.Count == 0)
        {
            idColumns.Add(0);
        }

        var template = table.Rows;
        var added = new List<List<string>>(count);
        for (var k = 0; k < count; k++)
        {
            var row = new List<string>(template[Rng.Next(template.Count)]);
            if (fresh)
            {
                foreach (var c in idColumns.Where(c => c < row.Count))
                {
                    row[c] = Markers.Next();
                }
            }

            added.Add(row);
        }

        table.Rows.AddRange(added);
        Step($"{name}: flood of {N(count)} {(fresh ? "new" : "repeated")} rows");
    }

    /// <summary>One field far longer than the field limit (or exactly at it), made of markers.</summary>
    public void HugeField(FuzzExport export, int fieldLimit) => HugeField(PickTable(export, out var name), name, fieldLimit);

    public void HugeField(CsvTable table, string name, int fieldLimit)
    {
        if (table.Rows.Count == 0)
        {
            return;
        }

        var length = Rng.Pick([fieldLimit - 1, fieldLimit, fieldLimit + 1, 70_000, 1_000_000]);
        var marker = Markers.Next() + " ";
        var sb = new StringBuilder(length + marker.Length);
        while (sb.Length < length)
        {
            sb.Append(marker);
        }

        sb.Length = Math.Max(1, length);
        var row = table.Rows[Rng.Next(table.Rows.Count)];
        row[Rng.Next(row.Count)] = sb.ToString();
        Step($"{name}: a {N(length)}-character field");
    }

    /// <summary>A header of thousands of columns, or one row of hundreds of thousands of fields.</summary>
    public void Wide(FuzzExport export)
    {
        var table = PickTable(export, out var name);
        var count = Rng.Pick([2_000, 20_000, 200_000]);
        if (Rng.Chance(0.5) || table.Rows.Count == 0)
        {
            for (var k = 0; k < count; k++)
            {
                table.Header.Add(Markers.Next());
            }

            Step($"{name}: {N(count)} extra header columns");
        }
        else
        {
            var row = table.Rows[Rng.Next(table.Rows.Count)];
            for (var k = 0; k < count; k++)
            {
                row.Add(Markers.Next());
            }

            Step($"{name}: a row of {N(count)} extra fields");
        }
    }

    // ---- CSV text ----

    /// <summary>Quoting damage, line endings, separators and blank lines on CSV text.</summary>
    public string Text(string name, string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var at = Rng.Next(text.Length);
        switch (Rng.Next(12))
        {
            case 0:
                Step($"{name}: a stray quote");
                return text.Insert(at, "\"");
            case 1:
                var comma = text.IndexOf(',', at);
                Step($"{name}: a quote opened and never closed");
                return comma < 0 ? text + "\"" + Markers.Next() : text.Insert(comma + 1, "\"" + Markers.Next());
            case 2:
                var c2 = text.IndexOf(',', at);
                Step($"{name}: text after a closing quote");
                return c2 < 0 ? text : text.Insert(c2 + 1, "\"" + Markers.Next() + "\"" + Markers.Next());
            case 3:
                var q = text.IndexOf('"', at);
                Step($"{name}: a quote removed");
                return q < 0 ? text.Insert(at, "\"\"\"") : text.Remove(q, 1);
            case 4:
                Step($"{name}: a line break inside a row");
                return text.Insert(at, Rng.Chance(0.5) ? "\n" : "\r");
            case 5:
                Step($"{name}: CRLF line endings");
                return text.Replace("\n", "\r\n", StringComparison.Ordinal);
            case 6:
                Step($"{name}: CR line endings");
                return text.Replace("\n", "\r", StringComparison.Ordinal);
            case 7:
                var separator = Rng.Pick([";", "\t", "|", ", "]);
                Step($"{name}: separator '{separator}'");
                return text.Replace(",", separator, StringComparison.Ordinal);
            case 8:
                var line = text.IndexOf('\n', at);
                Step($"{name}: blank and whitespace lines");
                return line < 0 ? text + "\n\n \t\n" : text.Insert(line + 1, "\n \t\n\n,,,,\n");
            case 9:
                Step($"{name}: no final line break");
                return text.TrimEnd('\n', '\r');
            case 10:
                var nl = text.IndexOf('\n', at);
                Step($"{name}: a quoted field spanning lines");
                return nl < 0 ? text : text.Insert(nl, "\"\n" + Markers.Next() + "\n\"");
            default:
                Step($"{name}: a long run of quotes");
                return text.Insert(at, new string('"', Rng.Next(2, 5000)));
        }
    }

    /// <summary>An unclosed quote that swallows everything after it, and megabytes more.</summary>
    public string SwallowingQuote(string name, string text)
    {
        var comma = text.IndexOf(',', Rng.Next(Math.Max(1, text.Length / 2)));
        var tail = new StringBuilder();
        var marker = Markers.Next();
        var size = Rng.Pick([100_000, 3_000_000]);
        while (tail.Length < size)
        {
            tail.Append(marker).Append(",x\n");
        }

        Step($"{name}: an unclosed quote before {N(size)} more characters");
        return (comma < 0 ? text : text.Insert(comma + 1, "\"")) + tail;
    }

    // ---- encodings ----

    /// <summary>Text to bytes in an encoding the contract refuses, or UTF-8 with byte-order marks in odd places.</summary>
    public byte[] Encode(string name, string text)
    {
        switch (Rng.Next(9))
        {
            case 0:
                Step($"{name}: UTF-8 with BOM");
                return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
            case 1:
                Step($"{name}: two BOMs");
                return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
            case 2:
                var line = text.IndexOf('\n', StringComparison.Ordinal);
                Step($"{name}: a BOM after the header");
                return Encoding.UTF8.GetBytes(line < 0 ? "\uFEFF" + text : text.Insert(line + 1, "\uFEFF"));
            case 3:
                Step($"{name}: UTF-16 LE with BOM");
                return [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
            case 4:
                Step($"{name}: UTF-16 BE with BOM");
                return [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)];
            case 5:
                Step($"{name}: UTF-16 LE without BOM");
                return Encoding.Unicode.GetBytes(text);
            case 6:
                Step($"{name}: UTF-32");
                return [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)];
            case 7:
                // Latin-1 differs from UTF-8 only where the text is not ASCII: put accented letters beside a marker.
                var marked = Markers.Pattern().Match(text);
                var latin = marked.Success ? text.Insert(marked.Index + marked.Length, "éàü") : "é" + text;
                Step($"{name}: Latin-1");
                return Encoding.Latin1.GetBytes(latin);
            default:
                var bytes = Encoding.UTF8.GetBytes(text).ToList();
                var count = Rng.Next(1, 4);
                for (var k = 0; k < count; k++)
                {
                    bytes.InsertRange(Rng.Next(bytes.Count + 1), Rng.Pick(BadSequences));
                }

                Step($"{name}: {N(count)} invalid UTF-8 sequences");
                return [.. bytes];
        }
    }

    // ---- raw bytes ----

    /// <summary>Bit flips, cuts, repeats, insertions and overwrites at random places.</summary>
    public byte[] Damage(string name, byte[] content)
    {
        var bytes = content.ToList();
        var ops = Rng.Next(1, 5);
        for (var k = 0; k < ops; k++)
        {
            if (bytes.Count == 0)
            {
                bytes.Add(Rng.NextByte());
                continue;
            }

            var at = Rng.Next(bytes.Count);
            var length = Math.Min(bytes.Count - at, Rng.Next(1, 64));
            switch (Rng.Next(7))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << Rng.Next(8));
                    break;
                case 1:
                    bytes.RemoveRange(at, length);
                    break;
                case 2:
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 3:
                    bytes.InsertRange(at, Enumerable.Range(0, length).Select(_ => Rng.NextByte()));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5:
                    for (var i = at; i < at + length; i++)
                    {
                        bytes[i] = Rng.NextByte();
                    }

                    break;
                default:
                    for (var i = at; i < at + length; i++)
                    {
                        bytes[i] = 0;
                    }

                    break;
            }
        }

        Step($"{name}: {N(ops)} byte-level damages");
        return [.. bytes];
    }
}
