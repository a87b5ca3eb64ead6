using System.Text;

namespace Reporting.Core.Tests.Fuzz;

/// <summary>A CSV file as header and rows of strings, for structured mutation; written back with RFC 4180 quoting.
/// The parser only needs to read the well-formed base exports.</summary>
internal sealed class CsvTable
{
    public CsvTable(List<string> header, List<List<string>> rows)
    {
        Header = header;
        Rows = rows;
    }

    public List<string> Header { get; }

    public List<List<string>> Rows { get; }

    public int Column(string name) => Header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));

    public CsvTable Clone() => new([.. Header], [.. Rows.Select(r => new List<string>(r))]);

    public static CsvTable Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        record.Add(field.ToString());
                        records.Add(record);
                    }

                    record = [];
                    field.Clear();
                    any = false;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }

        if (any || field.Length > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return new CsvTable(records[0], records.Skip(1).ToList());
    }

    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public string Write(string newline = "\n")
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Header.Select(Quote)).Append(newline);
        foreach (var row in Rows)
        {
            sb.AppendJoin(',', row.Select(Quote)).Append(newline);
        }

        return sb.ToString();
    }
}
