using System.IO.Compression;
using System.IO.Hashing;
using Reporting.Core.Validation;

namespace Reporting.Core.Export;

/// <summary>
/// One zip entry, inflated as it is read, never past the size the central directory declares (which the zip's
/// rules have already bounded). Data that goes on past the declared size, stops short of it, does not inflate
/// or has another CRC-32 ends the stream early and sets <see cref="Fault"/>: a reader sees a short file, and
/// whoever opened the entry learns why from the fault.
/// </summary>
internal sealed class ZipEntryStream : ReadOnlyStream
{
    private readonly Stream _data;
    private readonly long _declared;
    private readonly uint _crc;
    private readonly string _label;
    private readonly Crc32 _hash = new();
    private bool _finished;

    public ZipEntryStream(Stream archive, ZipDirectoryEntry entry, long dataStart, string label)
    {
        var window = new WindowStream(archive, dataStart, entry.CompressedSize);
        _data = entry.Method == ZipDirectoryEntry.Deflated ? new DeflateStream(window, CompressionMode.Decompress) : window;
        _declared = entry.UncompressedSize;
        _crc = entry.Crc32;
        _label = label;
    }

    /// <summary>Why the entry stopped early, or null while (and when) it reads as declared.</summary>
    public ValidationIssue? Fault { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        if (Fault is not null || _finished || buffer.IsEmpty)
        {
            return 0;
        }

        try
        {
            var remaining = _declared - Produced;
            if (remaining == 0)
            {
                // The declared size is reached: the data must end here as well.
                Span<byte> probe = stackalloc byte[1];
                if (_data.Read(probe) > 0)
                {
                    return Fail(IssueCodes.ZipSizeMismatch,
                        "This entry inflates to more bytes than the zip's directory declares, which is how zip bombs get past size checks; reading stopped there and the zip is not used. Create the zip again with a standard zip tool.");
                }

                _finished = true;
                return _hash.GetCurrentHashAsUInt32() == _crc
                    ? 0
                    : Fail(IssueCodes.ZipCorruptEntry, "This entry's checksum differs from the one the zip's directory declares: the zip is damaged. Create it again and upload it.");
            }

            var read = _data.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
            if (read == 0)
            {
                return Fail(IssueCodes.ZipSizeMismatch,
                    "This entry holds fewer bytes than the zip's directory declares: the zip is damaged. Create it again and upload it.");
            }

            _hash.Append(buffer[..read]);
            Produced += read;
            return read;
        }
        catch (InvalidDataException)
        {
            return Fail(IssueCodes.ZipCorruptEntry, "This entry is damaged and cannot be inflated. Create the zip again and upload it.");
        }
    }

    private int Fail(string code, string message)
    {
        Fault = new ValidationIssue(_label, null, null, code, Severity.Error, message);
        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _data.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A read-only window on part of the archive. It moves the archive's position before each read, so
    /// several windows can be open on one archive as long as they are read one at a time.</summary>
    private sealed class WindowStream(Stream archive, long start, long length) : ReadOnlyStream
    {
        public override long Length => length;

        public override int Read(Span<byte> buffer)
        {
            var want = (int)Math.Min(buffer.Length, length - Produced);
            if (want <= 0)
            {
                return 0;
            }

            archive.Position = start + Produced;
            var read = archive.Read(buffer[..want]);
            Produced += read;
            return read;
        }
    }
}
