using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Reporting.Core.Tests;

/// <summary>
/// Builds zip archives for the zip rule tests. <see cref="Standard"/> uses .NET's own ZipArchive (the reference
/// for well-formed zips); <see cref="Raw"/> writes the records by hand (APPNOTE 6.3) so that a test can make
/// the headers lie, overlap or disagree, as hostile zips do.
/// </summary>
internal static class ZipBuilder
{
    private static readonly DateTimeOffset FixedTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A zip as ZipArchive writes it; over a non-seekable stream it writes data descriptors (general flag bit 3), as streaming tools do.</summary>
    public static byte[] Standard(IEnumerable<(string Name, byte[] Content)> entries, bool streamed = false)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(streamed ? new NonSeekable(buffer) : buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                // A fixed time, not the clock ZipArchive would read: the same entries always give the same bytes.
                entry.LastWriteTime = FixedTime;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Text(string content) => Encoding.UTF8.GetBytes(content.ReplaceLineEndings("\n") + "\n");

    /// <summary>One entry of a hand-made zip; the nullable fields override what an honest writer would put there.</summary>
    public sealed record RawEntry(string Name, byte[] Content)
    {
        public bool Deflate { get; init; } = true;
        public ushort Flags { get; init; }
        public ushort? Method { get; init; }
        public uint? Crc { get; init; }
        public long? DeclaredSize { get; init; }
        public string? LocalName { get; init; }

        /// <summary>Replaces the compressed bytes (for damaged data).</summary>
        public byte[]? Data { get; init; }

        /// <summary>Writes no local header for this entry: its directory record points at this offset instead.</summary>
        public long? DirectoryOffset { get; init; }
    }

    /// <summary>An entry's local header, name and data, as they appear in the archive.</summary>
    public static byte[] Local(RawEntry e)
    {
        var data = DataOf(e);
        var name = Encoding.UTF8.GetBytes(e.LocalName ?? e.Name);
        var header = new byte[30];
        W32(header, 0, 0x04034b50);
        W16(header, 4, 20);
        W16(header, 6, e.Flags);
        W16(header, 8, MethodOf(e));
        W32(header, 14, CrcOf(e));
        W32(header, 18, (uint)data.Length);
        W32(header, 22, (uint)(e.DeclaredSize ?? e.Content.Length));
        W16(header, 26, (ushort)name.Length);
        return [.. header, .. name, .. data];
    }

    /// <summary>Writes local headers, data, the central directory and the end record; with <paramref name="zip64"/>
    /// the sizes and offsets sit in zip64 extra fields and a zip64 end record, as writers do for large archives.</summary>
    public static byte[] Raw(IReadOnlyList<RawEntry> entries, bool zip64 = false)
    {
        using var output = new MemoryStream();
        var offsets = new long[entries.Count];
        var compressedSizes = new long[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            compressedSizes[i] = DataOf(e).Length;
            if (e.DirectoryOffset is { } offset)
            {
                offsets[i] = offset;
                continue;
            }

            offsets[i] = output.Position;
            output.Write(Local(e));
        }

        var directoryStart = output.Position;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var name = Encoding.UTF8.GetBytes(e.Name);
            var extra = zip64 ? new byte[28] : [];
            var record = new byte[46];
            W32(record, 0, 0x02014b50);
            W16(record, 4, 20);
            W16(record, 6, 20);
            W16(record, 8, e.Flags);
            W16(record, 10, MethodOf(e));
            W32(record, 16, CrcOf(e));
            var declared = e.DeclaredSize ?? e.Content.Length;
            if (zip64)
            {
                W32(record, 20, uint.MaxValue);
                W32(record, 24, uint.MaxValue);
                W32(record, 42, uint.MaxValue);
                W16(extra, 0, 0x0001);
                W16(extra, 2, 24);
                BinaryPrimitives.WriteInt64LittleEndian(extra.AsSpan(4), declared);
                BinaryPrimitives.WriteInt64LittleEndian(extra.AsSpan(12), compressedSizes[i]);
                BinaryPrimitives.WriteInt64LittleEndian(extra.AsSpan(20), offsets[i]);
            }
            else
            {
                W32(record, 20, (uint)compressedSizes[i]);
                W32(record, 24, (uint)declared);
                W32(record, 42, (uint)offsets[i]);
            }

            W16(record, 28, (ushort)name.Length);
            W16(record, 30, (ushort)extra.Length);
            output.Write(record);
            output.Write(name);
            output.Write(extra);
        }

        var directorySize = output.Position - directoryStart;
        if (zip64)
        {
            var zip64End = output.Position;
            var end64 = new byte[56];
            W32(end64, 0, 0x06064b50);
            BinaryPrimitives.WriteInt64LittleEndian(end64.AsSpan(4), 44);
            W16(end64, 12, 45);
            W16(end64, 14, 45);
            BinaryPrimitives.WriteInt64LittleEndian(end64.AsSpan(24), entries.Count);
            BinaryPrimitives.WriteInt64LittleEndian(end64.AsSpan(32), entries.Count);
            BinaryPrimitives.WriteInt64LittleEndian(end64.AsSpan(40), directorySize);
            BinaryPrimitives.WriteInt64LittleEndian(end64.AsSpan(48), directoryStart);
            output.Write(end64);
            var locator = new byte[20];
            W32(locator, 0, 0x07064b50);
            BinaryPrimitives.WriteInt64LittleEndian(locator.AsSpan(8), zip64End);
            W32(locator, 16, 1);
            output.Write(locator);
        }

        var end = new byte[22];
        W32(end, 0, 0x06054b50);
        W16(end, 8, zip64 ? ushort.MaxValue : (ushort)entries.Count);
        W16(end, 10, zip64 ? ushort.MaxValue : (ushort)entries.Count);
        W32(end, 12, zip64 ? uint.MaxValue : (uint)directorySize);
        W32(end, 16, zip64 ? uint.MaxValue : (uint)directoryStart);
        output.Write(end);
        return output.ToArray();
    }

    public static byte[] Deflate(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(content);
        }

        return buffer.ToArray();
    }

    private static byte[] DataOf(RawEntry e) => e.Data ?? (e.Deflate ? Deflate(e.Content) : e.Content);

    private static ushort MethodOf(RawEntry e) => e.Method ?? (ushort)(e.Deflate ? 8 : 0);

    private static uint CrcOf(RawEntry e) => e.Crc ?? Crc32.HashToUInt32(e.Content);

    private static void W16(byte[] b, int at, ushort v) => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), v);

    private static void W32(byte[] b, int at, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v);

    /// <summary>A write-only view without Seek, so ZipArchive streams its entries with data descriptors.</summary>
    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
