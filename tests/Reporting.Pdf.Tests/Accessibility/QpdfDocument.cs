using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Reporting.Pdf.Tests.Accessibility;

/// <summary>
/// A PDF's objects as qpdf reads them (<c>qpdf --json=2</c>, streams decoded): an independent reader, so that the
/// checks see the file as other tools do rather than as PDFsharp wrote it.
/// </summary>
internal sealed class QpdfDocument
{
    private readonly Dictionary<string, JsonElement> _objects = new(StringComparer.Ordinal);
    private readonly JsonDocument _json;

    private QpdfDocument(JsonDocument json)
    {
        _json = json;
        foreach (var property in json.RootElement.GetProperty("qpdf")[1].EnumerateObject())
        {
            if (property.Name == "trailer")
            {
                Trailer = property.Value.GetProperty("value");
            }
            else if (property.Name.StartsWith("obj:", StringComparison.Ordinal))
            {
                _objects[property.Name["obj:".Length..]] = property.Value;
            }
        }
    }

    public JsonElement Trailer { get; }

    public JsonElement Catalog => Dictionary(Trailer, "/Root") ?? throw new InvalidDataException("No catalog.");

    public static QpdfDocument Load(string path)
    {
        var start = new ProcessStartInfo("qpdf")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { "--json=2", "--json-stream-data=inline", "--decode-level=generalized", path, "-" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("qpdf did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        // Exit code 3 is "succeeded with warnings" (qpdf notes bytes after the end of PDFsharp's compressed streams).
        if (process.ExitCode is not (0 or 3))
        {
            throw new InvalidOperationException($"qpdf exited with {process.ExitCode}: {stderr.Result}");
        }

        return new QpdfDocument(JsonDocument.Parse(stdout));
    }

    /// <summary>The pages in order, each its dictionary and its object reference.</summary>
    public IReadOnlyList<(string Reference, JsonElement Page)> Pages()
    {
        var pages = new List<(string, JsonElement)>();
        void Walk(JsonElement node, string reference)
        {
            if (Name(node, "/Type") == "/Pages")
            {
                foreach (var kid in node.GetProperty("/Kids").EnumerateArray())
                {
                    Walk(Resolve(kid), kid.GetString()!);
                }
            }
            else
            {
                pages.Add((reference, node));
            }
        }

        var root = Catalog.GetProperty("/Pages");
        Walk(Resolve(root), root.GetString()!);
        return pages;
    }

    /// <summary>Follows a reference ("5 0 R") to the object's value (a stream's dictionary); any other value as it is.</summary>
    public JsonElement Resolve(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } s && s.EndsWith(" R", StringComparison.Ordinal)
            && _objects.TryGetValue(s, out var obj))
        {
            return obj.TryGetProperty("value", out var v) ? v : obj.GetProperty("stream").GetProperty("dict");
        }

        return value;
    }

    /// <summary>A stream's decoded bytes.</summary>
    public byte[] StreamData(string reference) =>
        Convert.FromBase64String(_objects[reference].GetProperty("stream").GetProperty("data").GetString() ?? string.Empty);

    /// <summary>A key's value, references followed; null when absent (a PDF null means absent too).</summary>
    public JsonElement? Get(JsonElement dictionary, string key) =>
        dictionary.ValueKind == JsonValueKind.Object && dictionary.TryGetProperty(key, out var v) && Resolve(v) is { ValueKind: not JsonValueKind.Null } value
            ? value
            : null;

    public JsonElement? Dictionary(JsonElement dictionary, string key) => Get(dictionary, key) is { ValueKind: JsonValueKind.Object } d ? d : null;

    /// <summary>A name's value ("/Table") or null.</summary>
    public string? Name(JsonElement dictionary, string key) => Get(dictionary, key) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    /// <summary>A text string's value (qpdf writes "u:" for text it could decode) or null.</summary>
    public string? Text(JsonElement dictionary, string key) =>
        Get(dictionary, key) is { ValueKind: JsonValueKind.String } v && v.GetString() is { } s
            ? s.StartsWith("u:", StringComparison.Ordinal) ? s[2..] : s.StartsWith("b:", StringComparison.Ordinal) ? Encoding.Latin1.GetString(Convert.FromHexString(s[2..])) : s
            : null;

    /// <summary>The reference a key holds ("5 0 R"), unresolved.</summary>
    public static string? Reference(JsonElement dictionary, string key) =>
        dictionary.ValueKind == JsonValueKind.Object && dictionary.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            && v.GetString() is { } s && s.EndsWith(" R", StringComparison.Ordinal) ? s : null;

    /// <summary>Every object that is a dictionary (streams' dictionaries included), with its reference.</summary>
    public IEnumerable<(string Reference, JsonElement Dictionary)> Objects() =>
        _objects.Select(o => (o.Key, o.Value.TryGetProperty("value", out var v) ? v : o.Value.GetProperty("stream").GetProperty("dict")))
            .Where(o => o.Item2.ValueKind == JsonValueKind.Object);
}
