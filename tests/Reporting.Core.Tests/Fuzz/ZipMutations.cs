using System.Globalization;
using System.Text;

namespace Reporting.Core.Tests.Fuzz;

/// <summary>
/// Hostile zips around a case's files: honest, streamed, nested, traversing, absolute, backslashed, duplicate names in
/// another case, too many entries, metadata, zips in zips, bombs (high ratio, lying sizes, overlapping entries, zip64
/// sizes), unsupported methods, encryption flags, wrong CRCs and damaged archives.
/// </summary>
internal static class ZipMutations
{
    public static byte[] Build(Mutator m, List<(string Name, byte[] Content)> files)
    {
        var rng = m.Rng;
        var entries = files.Select(f => new ZipBuilder.RawEntry(f.Name, f.Content)).ToList();
        var zip64 = false;
        var ops = rng.Chance(0.3) ? 2 : 1;
        for (var k = 0; k < ops; k++)
        {
            switch (rng.Next(22))
            {
                case 0:
                    m.Step("zip: as ZipArchive writes it");
                    return ZipBuilder.Standard(files.Select(f => (f.Name, f.Content)), streamed: rng.Chance(0.5));
                case 1:
                    Rename(m, entries, name => rng.Pick(["export/", "a/b/", "./"]) + name, "inside a folder");
                    break;
                case 2:
                    Rename(m, entries, name => rng.Pick(["../", "a/../../", "..\\", "x/../"]) + name, "leading out of the archive");
                    break;
                case 3:
                    Rename(m, entries, name => rng.Pick(["/", "C:/", "\\", "C:", "//server/share/"]) + name, "an absolute name");
                    break;
                case 4:
                    Rename(m, entries, name => "folder\\" + name, "a backslash name");
                    break;
                case 5 when entries.Count > 0:
                    var copy = rng.Pick(entries);
                    entries.Add(copy with { Name = rng.Chance(0.5) || copy.Name.Length == 0 ? copy.Name.ToUpperInvariant() : char.ToUpperInvariant(copy.Name[0]) + copy.Name[1..] });
                    m.Step("zip: the same name twice in another case");
                    break;
                case 6:
                    var many = rng.Pick([65 - entries.Count, 65, 300, 5_000]);
                    for (var i = 0; i < many; i++)
                    {
                        entries.Add(new ZipBuilder.RawEntry("extra" + i.ToString(CultureInfo.InvariantCulture) + ".csv", Encoding.UTF8.GetBytes(m.Markers.Next())));
                    }

                    m.Step($"zip: {many.ToString(CultureInfo.InvariantCulture)} extra entries");
                    break;
                case 7:
                    foreach (var name in new[] { "__MACOSX/._sites.csv", ".DS_Store", "Thumbs.db", "desktop.ini", "folder/", "._trial.json" })
                    {
                        entries.Add(new ZipBuilder.RawEntry(name, Encoding.UTF8.GetBytes(m.Markers.Next())));
                    }

                    m.Step("zip: metadata entries");
                    break;
                case 8:
                    var inner = ZipBuilder.Standard(files.Select(f => (f.Name, f.Content)));
                    if (rng.Chance(0.5))
                    {
                        entries = [new ZipBuilder.RawEntry("export.zip", inner)];
                    }
                    else
                    {
                        entries.Add(new ZipBuilder.RawEntry("inner.zip", inner));
                    }

                    m.Step("zip: a zip inside the zip");
                    break;
                case 9:
                    entries.Add(new ZipBuilder.RawEntry(rng.Pick(["notes.txt", "sites.csv.bak", "README", "trial.json.orig"]), Encoding.UTF8.GetBytes(m.Markers.Next())));
                    m.Step("zip: an entry outside the contract");
                    break;
                case 10:
                    var size = rng.Pick([1 << 20, 8 << 20, 20 << 20]);
                    var bomb = rng.Chance(0.5) ? new byte[size] : Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(m.Markers.Next() + ",", size / 16)));
                    Replace(entries, new ZipBuilder.RawEntry(rng.Pick(["contacts.csv", "participants.csv", "codings.csv"]), bomb));
                    m.Step($"zip: a bomb of {bomb.Length.ToString(CultureInfo.InvariantCulture)} bytes");
                    break;
                case 11 when entries.Count > 0:
                    var i11 = rng.Next(entries.Count);
                    var e11 = entries[i11];
                    entries[i11] = e11 with { DeclaredSize = rng.Pick([0L, 1L, e11.Content.Length / 2, e11.Content.Length + 1L, (long)e11.Content.Length * 10]) };
                    m.Step($"zip: {e11.Name} declares a wrong inflated size");
                    break;
                case 12 when entries.Count > 0:
                    var i12 = rng.Next(entries.Count);
                    entries[i12] = entries[i12] with { Crc = (uint)rng.NextUInt64() };
                    m.Step($"zip: {entries[i12].Name} with a wrong CRC");
                    break;
                case 13 when entries.Count > 0:
                    var i13 = rng.Next(entries.Count);
                    entries[i13] = entries[i13] with { Method = rng.Pick<ushort>([1, 12, 14, 93, 99]) };
                    m.Step($"zip: {entries[i13].Name} with an unsupported method");
                    break;
                case 14 when entries.Count > 0:
                    var i14 = rng.Next(entries.Count);
                    entries[i14] = entries[i14] with { Flags = (ushort)(entries[i14].Flags | rng.Pick<ushort>([0x0001, 0x0008, 0x0041])) };
                    m.Step($"zip: {entries[i14].Name} flagged encrypted or streamed");
                    break;
                case 15 when entries.Count > 1:
                    // The last entry's directory record points at the first entry's local header: both read the same bytes.
                    entries[^1] = entries[^1] with { DirectoryOffset = 0 };
                    m.Step("zip: overlapping entries");
                    break;
                case 16 when entries.Count > 0:
                    var i16 = rng.Next(entries.Count);
                    entries[i16] = entries[i16] with { LocalName = rng.Pick(["../evil.csv", entries[i16].Name.ToUpperInvariant(), "x"]) };
                    m.Step($"zip: {entries[i16].Name} local header names another file");
                    break;
                case 17 when entries.Count > 0:
                    var i17 = rng.Next(entries.Count);
                    var data = ZipBuilder.Deflate(entries[i17].Content);
                    entries[i17] = entries[i17] with { Data = rng.Chance(0.5) ? data[..(data.Length / 2)] : m.Damage(entries[i17].Name + " (deflated)", data) };
                    m.Step($"zip: {entries[i17].Name} compressed data damaged");
                    break;
                case 18:
                    zip64 = true;
                    if (entries.Count > 0 && rng.Chance(0.5))
                    {
                        entries[0] = entries[0] with { DeclaredSize = rng.Pick([1L << 31, 1L << 40, long.MaxValue]) };
                    }

                    m.Step("zip: zip64 records");
                    break;
                case 19:
                    entries.Clear();
                    m.Step("zip: no entries");
                    break;
                case 20 when entries.Count > 0:
                    var i20 = rng.Next(entries.Count);
                    entries[i20] = entries[i20] with { Name = rng.Pick(["", "sites.csv\u0000.txt", "sïtes.csv", "sites.csv ", new string('a', 300) + ".csv", "con", "sites.csv/"]) };
                    m.Step("zip: an entry with an odd name");
                    break;
                default:
                    m.Step("zip: written by hand, honest");
                    break;
            }
        }

        var bytes = ZipBuilder.Raw(entries, zip64);
        return rng.Next(8) switch
        {
            0 => Archive(m, bytes),
            _ => bytes,
        };
    }

    /// <summary>Damage to the archive as a whole.</summary>
    private static byte[] Archive(Mutator m, byte[] zip)
    {
        var rng = m.Rng;
        switch (rng.Next(5))
        {
            case 0:
                m.Step("zip: cut short");
                return zip[..rng.Next(zip.Length)];
            case 1:
                m.Step("zip: garbage before the archive");
                return [.. Encoding.UTF8.GetBytes("MZ" + m.Markers.Next()), .. zip];
            case 2:
                m.Step("zip: garbage after the archive");
                return [.. zip, .. Encoding.UTF8.GetBytes(m.Markers.Next())];
            case 3:
                // Damage in the last kilobytes: the central directory and end record.
                var tail = Math.Min(zip.Length, 1024);
                var damaged = m.Damage("zip directory", zip[^tail..]);
                return [.. zip[..^tail], .. damaged];
            default:
                return m.Damage("zip", zip);
        }
    }

    private static void Rename(Mutator m, List<ZipBuilder.RawEntry> entries, Func<string, string> rename, string what)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var all = m.Rng.Chance(0.3);
        var one = m.Rng.Next(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (all || i == one)
            {
                entries[i] = entries[i] with { Name = rename(entries[i].Name) };
            }
        }

        m.Step($"zip: {(all ? "every entry" : "one entry")} {what}");
    }

    private static void Replace(List<ZipBuilder.RawEntry> entries, ZipBuilder.RawEntry entry)
    {
        entries.RemoveAll(e => string.Equals(e.Name, entry.Name, StringComparison.OrdinalIgnoreCase));
        entries.Add(entry);
    }
}
