using System.Buffers.Binary;
using System.Text;

namespace Reporting.Core.Export;

/// <summary>One record of a zip's central directory, as declared (nothing here has been checked against the data).</summary>
internal sealed record ZipDirectoryEntry(
    int Number,
    byte[] RawName,
    string Name,
    ushort Flags,
    ushort Method,
    uint Crc32,
    long CompressedSize,
    long UncompressedSize,
    long LocalHeaderOffset)
{
    public const ushort Stored = 0;
    public const ushort Deflated = 8;

    /// <summary>General-purpose flag bit 0: the entry is encrypted.</summary>
    public bool Encrypted => (Flags & 0x0001) != 0;
}

/// <summary>
/// Reads a zip's end-of-central-directory record and central directory (APPNOTE 6.3, zip64 included) from a
/// seekable stream without inflating anything. Anything that does not add up is reported as a reason string:
/// the caller turns it into the zip's issue.
/// </summary>
internal static class ZipDirectory
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint CentralSignature = 0x02014b50;
    private const uint LocalSignature = 0x04034b50;
    private const int EndLength = 22;
    private const int CentralLength = 46;
    private const int LocalLength = 30;
    private const int MaxCommentLength = ushort.MaxValue;
    private const int MaxRecordLength = CentralLength + 3 * ushort.MaxValue;

    /// <summary>Where the central directory is and how many entries it declares.</summary>
    public sealed record Directory(long Count, long Offset, long Size);

    /// <summary>Finds the end record (and the zip64 one when the sizes need it).</summary>
    public static Directory? ReadEnd(Stream zip, out string? problem)
    {
        problem = null;
        var length = zip.Length;
        if (length < EndLength)
        {
            problem = "too short to be a zip archive";
            return null;
        }

        var tailLength = (int)Math.Min(length, EndLength + MaxCommentLength);
        var tail = new byte[tailLength];
        if (!ReadAt(zip, length - tailLength, tail))
        {
            problem = "its end could not be read";
            return null;
        }

        // The end record is the last one whose comment reaches exactly to the end of the file.
        var at = -1;
        for (var i = tailLength - EndLength; i >= 0; i--)
        {
            if (U32(tail, i) == EndSignature && i + EndLength + U16(tail, i + 20) == tailLength)
            {
                at = i;
                break;
            }
        }

        if (at < 0)
        {
            problem = "it has no end-of-central-directory record";
            return null;
        }

        var endPosition = length - tailLength + at;
        var disk = U16(tail, at + 4);
        var directoryDisk = U16(tail, at + 6);
        long onDisk = U16(tail, at + 8);
        long count = U16(tail, at + 10);
        long size = U32(tail, at + 12);
        long offset = U32(tail, at + 16);
        var directoryEnd = endPosition;
        if (count == ushort.MaxValue || onDisk == ushort.MaxValue || size == uint.MaxValue || offset == uint.MaxValue)
        {
            var locator = new byte[20];
            if (endPosition < locator.Length || !ReadAt(zip, endPosition - locator.Length, locator) || U32(locator, 0) != Zip64LocatorSignature)
            {
                problem = "its zip64 end record is missing";
                return null;
            }

            var zip64At = (long)U64(locator, 8);
            var zip64 = new byte[56];
            if (zip64At < 0 || zip64At > endPosition - locator.Length - zip64.Length || !ReadAt(zip, zip64At, zip64) || U32(zip64, 0) != Zip64EndSignature)
            {
                problem = "its zip64 end record is damaged";
                return null;
            }

            disk = (ushort)Math.Min(U32(zip64, 16), ushort.MaxValue);
            directoryDisk = (ushort)Math.Min(U32(zip64, 20), ushort.MaxValue);
            onDisk = (long)Math.Min(U64(zip64, 24), long.MaxValue);
            count = (long)Math.Min(U64(zip64, 32), long.MaxValue);
            size = (long)Math.Min(U64(zip64, 40), long.MaxValue);
            offset = (long)Math.Min(U64(zip64, 48), long.MaxValue);
            directoryEnd = zip64At;
        }

        if (disk != 0 || directoryDisk != 0 || onDisk != count)
        {
            problem = "it is split over several files (a spanned archive)";
            return null;
        }

        // The directory must end exactly where the end record starts: no prefix, no gap, no overlap.
        if (offset < 0 || size < 0 || offset > directoryEnd || directoryEnd - offset != size)
        {
            problem = "its central directory is not where its end record says";
            return null;
        }

        // Each record is 46 bytes plus a name, an extra field and a comment of at most 64 KiB each; the bound
        // also keeps a lying end record from making the reader allocate the whole file.
        if ((Int128)count * CentralLength > size || (Int128)count * MaxRecordLength < size)
        {
            problem = "its central directory does not match its entry count";
            return null;
        }

        return new Directory(count, offset, size);
    }

    /// <summary>Reads the <see cref="Directory.Count"/> records of the central directory; the count must already be bounded by the caller.</summary>
    public static List<ZipDirectoryEntry>? ReadEntries(Stream zip, Directory directory, out string? problem)
    {
        problem = null;
        var bytes = new byte[directory.Size];
        if (!ReadAt(zip, directory.Offset, bytes))
        {
            problem = "its central directory could not be read";
            return null;
        }

        var entries = new List<ZipDirectoryEntry>((int)directory.Count);
        var at = 0;
        for (var number = 1; number <= directory.Count; number++)
        {
            if (bytes.Length - at < CentralLength || U32(bytes, at) != CentralSignature)
            {
                problem = "its central directory is damaged";
                return null;
            }

            var flags = U16(bytes, at + 8);
            var method = U16(bytes, at + 10);
            var crc = U32(bytes, at + 16);
            long compressed = U32(bytes, at + 20);
            long uncompressed = U32(bytes, at + 24);
            var nameLength = U16(bytes, at + 28);
            var extraLength = U16(bytes, at + 30);
            var commentLength = U16(bytes, at + 32);
            long localOffset = U32(bytes, at + 42);
            var recordLength = CentralLength + nameLength + extraLength + commentLength;
            if (bytes.Length - at < recordLength)
            {
                problem = "its central directory is damaged";
                return null;
            }

            var rawName = bytes.AsSpan(at + CentralLength, nameLength).ToArray();
            var extra = bytes.AsSpan(at + CentralLength + nameLength, extraLength);
            if (!ApplyZip64(extra, ref uncompressed, ref compressed, ref localOffset))
            {
                problem = "an entry's zip64 sizes are missing";
                return null;
            }

            entries.Add(new ZipDirectoryEntry(number, rawName, DecodeName(rawName), flags, method, crc, compressed, uncompressed, localOffset));
            at += recordLength;
        }

        if (at != bytes.Length)
        {
            problem = "its central directory holds more than its entry count";
            return null;
        }

        return entries;
    }

    /// <summary>Where the entry's data starts, from its local header; null when the local header is missing or
    /// disagrees with the central directory (a name or method that differs is how a zip shows one file to one
    /// tool and another file to another).</summary>
    public static long? DataStart(Stream zip, ZipDirectoryEntry entry)
    {
        var header = new byte[LocalLength];
        if (!ReadAt(zip, entry.LocalHeaderOffset, header) || U32(header, 0) != LocalSignature || U16(header, 8) != entry.Method)
        {
            return null;
        }

        var nameLength = U16(header, 26);
        var extraLength = U16(header, 28);
        var name = new byte[nameLength];
        if (!ReadAt(zip, entry.LocalHeaderOffset + LocalLength, name) || !name.AsSpan().SequenceEqual(entry.RawName))
        {
            return null;
        }

        return entry.LocalHeaderOffset + LocalLength + nameLength + extraLength;
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes at <paramref name="position"/>; false when the stream ends first.</summary>
    public static bool ReadAt(Stream stream, long position, Span<byte> buffer)
    {
        if (position < 0 || position > stream.Length - buffer.Length)
        {
            return false;
        }

        stream.Position = position;
        stream.ReadExactly(buffer);
        return true;
    }

    private static bool ApplyZip64(ReadOnlySpan<byte> extra, ref long uncompressed, ref long compressed, ref long localOffset)
    {
        var needUncompressed = uncompressed == uint.MaxValue;
        var needCompressed = compressed == uint.MaxValue;
        var needOffset = localOffset == uint.MaxValue;
        if (!needUncompressed && !needCompressed && !needOffset)
        {
            return true;
        }

        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (extra.Length - 4 < size)
            {
                return false;
            }

            var field = extra.Slice(4, size);
            if (id == 0x0001)
            {
                var at = 0;
                if (needUncompressed && !Take(field, ref at, out uncompressed)
                    || needCompressed && !Take(field, ref at, out compressed)
                    || needOffset && !Take(field, ref at, out localOffset))
                {
                    return false;
                }

                return true;
            }

            extra = extra[(4 + size)..];
        }

        return false;
    }

    private static bool Take(ReadOnlySpan<byte> field, ref int at, out long value)
    {
        value = 0;
        if (field.Length - at < 8)
        {
            return false;
        }

        var raw = BinaryPrimitives.ReadUInt64LittleEndian(field[at..]);
        at += 8;
        if (raw > long.MaxValue)
        {
            return false;
        }

        value = (long)raw;
        return true;
    }

    /// <summary>Entry names are UTF-8 when flag bit 11 says so, and many tools write UTF-8 without the flag, so a
    /// valid UTF-8 name is read as UTF-8 whatever the flag, anything else as Latin-1. The name only decides
    /// whether the entry is a contract file (ASCII names) and how an issue names it.</summary>
    private static string DecodeName(byte[] raw)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(raw);
        }
    }

    private static ushort U16(byte[] b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));

    private static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));

    private static ulong U64(byte[] b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at));
}
