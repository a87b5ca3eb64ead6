using System.Text;

namespace Reporting.Samples.Tests;

/// <summary>
/// A deliberately small RFC 4180 reader written for the tests, independent of the generator's writer:
/// fields split on commas, quoted fields may hold commas, doubled quotes and line breaks.
/// </summary>
internal sealed class SimpleCsv
{
    private SimpleCsv(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static SimpleCsv Read(string path) => Parse(File.ReadAllText(path, Encoding.UTF8));

    public static SimpleCsv Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
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
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return new SimpleCsv(records[0], records.Skip(1).ToList());
    }

    /// <summary>Rows as dictionaries keyed by column name, for readable tests.</summary>
    public IEnumerable<IReadOnlyDictionary<string, string>> Records() =>
        Rows.Select(row => (IReadOnlyDictionary<string, string>)Header
            .Select((name, i) => (name, value: row[i]))
            .ToDictionary(p => p.name, p => p.value, StringComparer.Ordinal));
}
