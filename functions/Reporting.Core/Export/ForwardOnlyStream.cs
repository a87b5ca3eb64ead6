namespace Reporting.Core.Export;

/// <summary>A read-only, forward-only view over another stream: subclasses see every chunk as it is read.</summary>
internal abstract class ForwardOnlyStream(Stream inner) : Stream
{
    /// <summary>Bytes read through this view.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        BytesRead += read;
        OnRead(buffer[..read]);
        return read;
    }

    /// <summary>Called with each chunk read (empty at the end of the stream).</summary>
    protected abstract void OnRead(ReadOnlySpan<byte> chunk);
}
