using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Pdf.Tests.Accessibility;

/// <summary>A node of poppler's structure tree dump: the element type, its attribute lines and text, and its children.</summary>
internal sealed class StructTextNode(string type)
{
    public string Type { get; } = type;

    public List<string> Attributes { get; } = [];

    public List<string> Texts { get; } = [];

    public List<StructTextNode> Children { get; } = [];

    /// <summary>All text under the node, in order, whitespace folded.</summary>
    public string Text => Regex.Replace(string.Join(' ', Flatten().SelectMany(n => n.Texts)), @"\s+", " ").Trim();

    public IEnumerable<StructTextNode> Flatten() => Children.SelectMany(c => c.Flatten()).Prepend(this);
}

/// <summary>Reads <c>pdfinfo -struct-text</c> (poppler), the structure tree with each element's text, as a tree.</summary>
internal static partial class StructText
{
    public static string Dump(string path)
    {
        var start = new ProcessStartInfo("pdfinfo")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { "-struct-text", path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdfinfo did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"pdfinfo exited with {process.ExitCode}: {stderr.Result}");
    }

    /// <summary>The tree under a synthetic root; the file's Document element is its single child.</summary>
    public static StructTextNode Parse(string dump)
    {
        var root = new StructTextNode("(root)");
        var stack = new List<(int Indent, StructTextNode Node)> { (-1, root) };
        foreach (var raw in dump.ReplaceLineEndings("\n").Split('\n'))
        {
            if (raw.Trim().Length == 0)
            {
                continue;
            }

            var indent = raw.Length - raw.TrimStart(' ').Length;
            var line = raw.Trim();
            while (stack.Count > 1 && stack[^1].Indent >= indent)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            var parent = stack[^1].Node;
            if (line.StartsWith('"') && line.EndsWith('"'))
            {
                parent.Texts.Add(line[1..^1]);
            }
            else if (line.StartsWith('/') || line.StartsWith("Object ", StringComparison.Ordinal))
            {
                parent.Attributes.Add(line);
            }
            else if (ElementLine().Match(line) is { Success: true } m)
            {
                var node = new StructTextNode(m.Groups["type"].Value);
                parent.Children.Add(node);
                stack.Add((indent, node));
            }
            else
            {
                throw new InvalidDataException($"Unexpected pdfinfo -struct-text line: {line}");
            }
        }

        return root;
    }

    [GeneratedRegex(@"^(?<type>[A-Za-z][A-Za-z0-9]*)( \((block|inline)\))?:?$", RegexOptions.CultureInvariant)]
    private static partial Regex ElementLine();
}
