namespace Reporting.Core.Export;

/// <summary>A read-only, forward-only view over another stream: subclasses see every chunk as it is read.</summary>
internal abstract class ForwardOnlyStream(Stream inner) : ReadOnlyStream
{
    /// <summary>Bytes read through this view.</summary>
    public long BytesRead => Produced;

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Produced += read;
        OnRead(buffer[..read]);
        return read;
    }

    /// <summary>Called with each chunk read (empty at the end of the stream).</summary>
    protected abstract void OnRead(ReadOnlySpan<byte> chunk);
}
