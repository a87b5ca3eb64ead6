using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using Reporting.Core.Validation;

namespace Reporting.Core.Export;

/// <summary>A column of a dataset as the contract defines it.</summary>
internal sealed record ColumnSpec(string Name, bool Required);

/// <summary>
/// Streams one CSV file row by row with CsvHelper's UTF-8 reader: maps the header case-insensitively, enforces
/// the limits while reading (size, rows, field length), turns every parse failure into an issue and never throws
/// on bad data. Values are trimmed of spaces and tabs; a blank value reads as null.
/// </summary>
internal sealed class CsvRowReader : IDisposable
{
    private readonly string _file;
    private readonly ExportLimits _limits;
    private readonly IReadOnlyList<ColumnSpec> _columns;
    private readonly List<ValidationIssue> _issues;
    private readonly CheckedStream _stream;
    private readonly CsvReader _reader;
    private readonly int[] _fieldIndex;
    private readonly bool _headerDefinesColumns;
    private int _headerCount;
    private string[] _headerNames = [];

    /// <param name="headerDefinesColumns">For a table whose columns are whatever its header names (a QCA case ×
    /// condition table): columns outside <paramref name="columns"/> are not reported as unknown, and are read by
    /// position with <see cref="GetField"/>.</param>
    public CsvRowReader(string file, Stream content, ExportLimits limits, IReadOnlyList<ColumnSpec> columns, List<ValidationIssue> issues, bool headerDefinesColumns = false)
    {
        _headerDefinesColumns = headerDefinesColumns;
        _file = file;
        _limits = limits;
        _columns = columns;
        _issues = issues;
        _stream = new CheckedStream(content, limits.MaxFileBytes);
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            Mode = CsvMode.Rfc4180,
            DetectSeparatorHint = false,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = OnMalformed,
            // A record longer than this is refused before it is buffered (an unclosed quote must not swallow the file).
            MaxRecordSize = Math.Max(64 * 1024, limits.MaxFieldLength * 16),
        };
        _reader = CsvReader.Create(_stream, options, leaveOpen: true);
        _fieldIndex = new int[columns.Count];
        Array.Fill(_fieldIndex, -1);
    }

    /// <summary>Data rows read (including rows skipped for their shape).</summary>
    public int Rows { get; private set; }

    /// <summary>The 1-based physical line where the current record starts (the header is line 1).</summary>
    public int Line { get; private set; }

    /// <summary>Whether the file could not be read to its end (encoding, limits, missing columns).</summary>
    public bool Fatal { get; private set; }

    /// <summary>The header's column names, trimmed, in file order (after <see cref="ReadHeader"/>).</summary>
    public IReadOnlyList<string> HeaderNames => _headerNames;

    /// <summary>Reads the header and maps the contract's columns; false when the file cannot be used.</summary>
    public bool ReadHeader()
    {
        string[] headers;
        try
        {
            _reader.ReadHeader();
            headers = [.. _reader.Headers];
        }
        catch (Exception ex) when (IsInputFault(ex))
        {
            ReportFault(ex, 1);
            return false;
        }

        if (headers.Length == 0 || headers.All(string.IsNullOrWhiteSpace))
        {
            Add(null, null, IssueCodes.EmptyFile, Severity.Error, "The file is empty: it needs a header row naming its columns.");
            Fatal = true;
            return false;
        }

        _headerCount = headers.Length;
        _headerNames = [.. headers.Select(h => h.Trim().TrimStart('\uFEFF'))];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var duplicate = false;
        for (var i = 0; i < headers.Length; i++)
        {
            var name = headers[i].Trim().TrimStart('\uFEFF');
            var spec = -1;
            for (var c = 0; c < _columns.Count; c++)
            {
                if (string.Equals(_columns[c].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    spec = c;
                    break;
                }
            }

            // A column is named by the contract's spelling or by position, never by the header text: when the
            // header row is missing, the "header" is a row of participant data.
            if (!seen.Add(name))
            {
                Add(1, spec >= 0 ? _columns[spec].Name : Position(i), IssueCodes.DuplicateColumn, Severity.Error,
                    "This column name appears twice in the header (names are case-insensitive). Remove one of them.", i);
                duplicate = true;
                continue;
            }

            if (spec >= 0)
            {
                _fieldIndex[spec] = i;
            }
            else if (!_headerDefinesColumns)
            {
                Add(1, Position(i), IssueCodes.UnknownColumn, Severity.Warning,
                    "The contract does not define this column; it is kept but not used. Check its spelling if you meant a defined column.", i);
            }
        }

        for (var c = 0; c < _columns.Count; c++)
        {
            if (_columns[c].Required && _fieldIndex[c] < 0)
            {
                Add(1, _columns[c].Name, IssueCodes.MissingColumn, Severity.Error, "This required column is missing from the header. Add it and upload the file again.");
                Fatal = true;
            }
        }

        return !Fatal && !duplicate;
    }

    /// <summary>Moves to the next data row with the header's shape; rows with quoting or field-count faults are
    /// reported and skipped. False at the end of the file or when reading cannot continue.</summary>
    public bool Next()
    {
        while (true)
        {
            bool read;
            try
            {
                read = _reader.Read();
            }
            catch (Exception ex) when (IsInputFault(ex))
            {
                ReportFault(ex, Line + 1);
                return false;
            }

            if (!read)
            {
                return false;
            }

            Line = (int)_reader.LineNumber;
            Rows++;
            if (Rows > _limits.MaxRows)
            {
                Add(Line, null, IssueCodes.TooManyRows, Severity.Error,
                    $"The file has more than {_limits.MaxRows.ToString(CultureInfo.InvariantCulture)} data rows; reading stopped here. Split the export or ask for a higher limit.");
                Fatal = true;
                return false;
            }

            if (_reader.FieldCount != _headerCount)
            {
                // Field-count mismatches are skipped by the reader and reported in OnMalformed; this covers a
                // reader that returns a short record anyway.
                Add(Line, null, IssueCodes.FieldCount, Severity.Error, FieldCountMessage(_reader.FieldCount));
                continue;
            }

            // A field is never longer than its record as written, so a short record needs no field-by-field check.
            if (_reader.RawRecord.Length <= _limits.MaxFieldLength)
            {
                return true;
            }

            var tooLong = false;
            for (var c = 0; c < _fieldIndex.Length; c++)
            {
                if (_fieldIndex[c] >= 0 && _reader.GetSpan(_fieldIndex[c]).Length > _limits.MaxFieldLength
                    && Encoding.UTF8.GetCharCount(_reader.GetSpan(_fieldIndex[c])) > _limits.MaxFieldLength)
                {
                    Report(c, IssueCodes.FieldTooLong, Severity.Error,
                        $"This field is longer than {_limits.MaxFieldLength.ToString(CultureInfo.InvariantCulture)} characters. Shorten it.");
                    tooLong = true;
                }
            }

            if (tooLong)
            {
                continue;
            }

            return true;
        }
    }

    /// <summary>The UTF-8 bytes of column <paramref name="column"/> (its index in the spec), trimmed; empty when blank or absent.
    /// Valid until the next row.</summary>
    public ReadOnlySpan<byte> GetSpan(int column)
    {
        var index = _fieldIndex[column];
        return index < 0 ? default : _reader.GetSpan(index);
    }

    /// <summary>The value of the field at <paramref name="headerIndex"/> (its position in the header), or null when blank.</summary>
    public string? GetField(int headerIndex)
    {
        var span = _reader.GetSpan(headerIndex);
        return span.IsEmpty ? null : Encoding.UTF8.GetString(span);
    }

    /// <summary>The value of column <paramref name="column"/> (its index in the spec), or null when blank or absent.</summary>
    public string? Get(int column)
    {
        var span = GetSpan(column);
        return span.IsEmpty ? null : Encoding.UTF8.GetString(span);
    }

    /// <summary>Adds an issue at the current row for column <paramref name="column"/>.</summary>
    public void Report(int column, string code, Severity severity, string message) =>
        Add(Line, _columns[column].Name, code, severity, message, _fieldIndex[column]);

    /// <summary>Issues reported so far: where issues found after the rows were read may later be merged from.</summary>
    public int IssueCount => _issues.Count;

    /// <summary>
    /// Adds an issue for column <paramref name="column"/> at each of <paramref name="lines"/> (increasing), found only
    /// after the rows were read, among the issues reported since <paramref name="from"/> in line order: each lands where
    /// it would have had it been reported while its row was read, before the row's other issues.
    /// </summary>
    public void ReportAtLines(IReadOnlyList<int> lines, int column, string code, Severity severity, string message, int from)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return;
        }

        var later = _issues.GetRange(from, _issues.Count - from);
        _issues.RemoveRange(from, later.Count);
        var i = 0;
        foreach (var line in lines)
        {
            while (i < later.Count && later[i].Line is { } earlier && earlier < line)
            {
                _issues.Add(later[i++]);
            }

            Add(line, _columns[column].Name, code, severity, message, _fieldIndex[column]);
        }

        _issues.AddRange(later.Skip(i));
    }

    /// <summary>Adds an issue at the current row, not tied to one column; before the first row, about the file as a whole.</summary>
    public void ReportRow(string code, Severity severity, string message) =>
        Add(Line > 0 ? Line : null, null, code, severity, message);

    private void OnMalformed(CsvMalformedRecord record)
    {
        var line = record.LineNumber > 0 ? (int)record.LineNumber : (int?)null;
        if (record.Reason == CsvMalformedReason.FieldCountMismatch)
        {
            Rows++;
            Add(line, null, IssueCodes.FieldCount, Severity.Error,
                $"This row's number of fields differs from the header's {_headerCount.ToString(CultureInfo.InvariantCulture)}. Check for a missing or extra comma, or an unquoted comma inside a value.");
            return;
        }

        Rows++;
        var what = record.Reason switch
        {
            CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
            CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
            CsvMalformedReason.UnterminatedQuote => "a quoted field that is never closed",
            _ => "broken quoting",
        };
        Add(line, null, IssueCodes.MalformedCsv, Severity.Error,
            $"This row breaks RFC 4180 quoting ({what}). Quote the whole field and double any quote inside it.");
    }

    private string FieldCountMessage(int count) =>
        $"This row has {count.ToString(CultureInfo.InvariantCulture)} fields but the header has {_headerCount.ToString(CultureInfo.InvariantCulture)}. Check for a missing or extra comma, or an unquoted comma inside a value.";

    private static bool IsInputFault(Exception ex) =>
        ex is CsvFormatException or CheckedStream.NotUtf8Exception or CheckedStream.LimitExceededException
        || ex.InnerException is CheckedStream.NotUtf8Exception or CheckedStream.LimitExceededException;

    private void ReportFault(Exception ex, int line)
    {
        Fatal = true;
        var inner = ex is CsvFormatException && ex.InnerException is not null ? ex.InnerException : ex;
        switch (inner)
        {
            case CheckedStream.NotUtf8Exception:
                Add(line, null, IssueCodes.NotUtf8, Severity.Error,
                    "The file is not valid UTF-8 at or after this line (UTF-16 and Latin-1 are not accepted). Export it as UTF-8 (CSV UTF-8) and upload it again.");
                break;
            case CheckedStream.LimitExceededException:
                Add(null, null, IssueCodes.FileTooLarge, Severity.Error,
                    $"The file is larger than {_limits.MaxFileBytes.ToString(CultureInfo.InvariantCulture)} bytes; nothing past the limit was read. Split the export or ask for a higher limit.");
                break;
            default:
                var fault = (CsvFormatException)ex;
                var at = fault.LineNumber > 0 ? (int)fault.LineNumber : line;
                Add(at, null, IssueCodes.FieldTooLong, Severity.Error,
                    "A record starting here is too long to read (often a quote that is never closed). Close the quote or shorten the field.");
                break;
        }
    }

    private static string Position(int index) => "#" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds an issue; <paramref name="field"/> is the column's 0-based position in the header, when it has one.</summary>
    private void Add(int? line, string? column, string code, Severity severity, string message, int field = -1) =>
        _issues.Add(new ValidationIssue(_file, line, column, code, severity, message) { ColumnNumber = field >= 0 ? field + 1 : null });

    public void Dispose() => _reader.Dispose();
}

/// <summary>A read-only view that checks the bytes are UTF-8 and refuses to read past a size limit.</summary>
internal sealed class CheckedStream(Stream inner, long limit) : ForwardOnlyStream(inner)
{
    private readonly byte[] _carry = new byte[4];
    private int _carryLength;
    private char[] _scratch = [];

    protected override void OnRead(ReadOnlySpan<byte> chunk)
    {
        if (BytesRead > limit)
        {
            throw new LimitExceededException();
        }

        Validate(chunk, final: chunk.IsEmpty);
    }

    private void Validate(ReadOnlySpan<byte> chunk, bool final)
    {
        if (final)
        {
            if (_carryLength > 0)
            {
                throw new NotUtf8Exception();
            }

            return;
        }

        // Join any incomplete sequence left from the previous chunk with the start of this one.
        var consumed = 0;
        while (_carryLength > 0 && consumed < chunk.Length)
        {
            _carry[_carryLength++] = chunk[consumed++];
            var status = Check(_carry.AsSpan(0, _carryLength), out var used);
            if (status == OperationStatus.Done)
            {
                _carryLength = 0;
            }
            else if (status != OperationStatus.NeedMoreData || _carryLength == 4)
            {
                _ = used;
                throw new NotUtf8Exception();
            }
        }

        var rest = chunk[consumed..];
        if (rest.IsEmpty)
        {
            return;
        }

        // Validate everything but a trailing sequence the next chunk completes; Utf8.IsValid is vectorised and
        // writes nothing, which matters at tens of megabytes a file.
        var tail = IncompleteTail(rest);
        if (!Utf8.IsValid(rest[..^tail]))
        {
            throw new NotUtf8Exception();
        }

        rest[^tail..].CopyTo(_carry);
        _carryLength = tail;
    }

    /// <summary>How many bytes at the end of <paramref name="bytes"/> start a multi-byte sequence that is not complete yet
    /// (0 when the chunk ends on a sequence boundary, or when the tail is invalid anyway and validation should say so).</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // a continuation byte: the lead byte is further back
            }

            var length = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return length > back ? back : 0;
        }

        return 0;
    }

    private OperationStatus Check(ReadOnlySpan<byte> bytes, out int read)
    {
        if (_scratch.Length < bytes.Length)
        {
            _scratch = new char[Math.Max(bytes.Length, 4096)];
        }

        return Utf8.ToUtf16(bytes, _scratch, out read, out _, replaceInvalidSequences: false, isFinalBlock: false);
    }

    internal sealed class LimitExceededException : Exception;

    internal sealed class NotUtf8Exception : Exception;
}
