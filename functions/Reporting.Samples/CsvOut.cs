using System.Globalization;
using System.Text;

namespace Reporting.Samples;

/// <summary>
/// Writes one CSV file: UTF-8 without BOM, LF line endings, RFC 4180 quoting (a field holding a comma,
/// a double quote, CR or LF is quoted and its quotes doubled). Buffered, row by row, never the whole file.
/// </summary>
internal sealed class CsvOut : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _writer;
    private bool _atRowStart = true;

    public CsvOut(string path, params string[] header)
    {
        _writer = new StreamWriter(path, append: false, Utf8NoBom, bufferSize: 1 << 16);
        foreach (var name in header)
        {
            Field(name);
        }

        EndRow();
    }

    public long Rows { get; private set; } = -1;

    public CsvOut Field(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _writer.Write(value);
            return this;
        }

        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
        return this;
    }

    public CsvOut Field(DateOnly? value)
    {
        Separator();
        if (value is { } date)
        {
            Span<char> buffer = stackalloc char[10];
            date.TryFormat(buffer, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            _writer.Write(buffer[..written]);
        }

        return this;
    }

    public CsvOut Field(int value)
    {
        Separator();
        Span<char> buffer = stackalloc char[11];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        _writer.Write(buffer[..written]);
        return this;
    }

    /// <summary>A prefix followed by a zero-padded number, e.g. C000123, without allocating a string.</summary>
    public CsvOut Field(char prefix, long number, string numberFormat)
    {
        Separator();
        Span<char> buffer = stackalloc char[24];
        buffer[0] = prefix;
        number.TryFormat(buffer[1..], out var written, numberFormat, CultureInfo.InvariantCulture);
        _writer.Write(buffer[..(written + 1)]);
        return this;
    }

    public void EndRow()
    {
        _writer.Write('\n');
        _atRowStart = true;
        Rows++;
    }

    public void Dispose() => _writer.Dispose();

    private void Separator()
    {
        if (!_atRowStart)
        {
            _writer.Write(',');
        }

        _atRowStart = false;
    }
}
