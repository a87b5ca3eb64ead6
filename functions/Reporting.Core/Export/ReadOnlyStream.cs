namespace Reporting.Core.Export;

/// <summary>The members every read-only, forward-only stream of the export readers shares: it reads and counts
/// what it has produced; seeking and writing are not supported.</summary>
internal abstract class ReadOnlyStream : Stream
{
    /// <summary>Bytes produced so far.</summary>
    protected long Produced { get; set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Produced; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public abstract override int Read(Span<byte> buffer);
}
