using System.Globalization;
using System.Text;

namespace Reporting.Pdf.Tests.Accessibility;

/// <summary>An operator of a content stream with its operands as written (names with their slash, dictionaries as text).</summary>
internal sealed record ContentOperator(string Name, IReadOnlyList<string> Operands);

/// <summary>
/// A small content-stream tokenizer (ISO 32000-1 §7.2 lexical rules): enough to follow marked content (BMC, BDC,
/// EMC) and see which operators paint (text, paths, images, shadings).
/// </summary>
internal static class ContentStream
{
    /// <summary>Operators that put marks on the page: text showing, path painting, shading and XObjects (not the clip-only "n").</summary>
    public static readonly IReadOnlySet<string> Painting = new HashSet<string>(StringComparer.Ordinal)
    {
        "Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI",
    };

    public static IReadOnlyList<ContentOperator> Parse(byte[] data)
    {
        var text = Encoding.Latin1.GetString(data);
        var operators = new List<ContentOperator>();
        var operands = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '\0')
            {
                i++;
            }
            else if (c == '%')
            {
                while (i < text.Length && text[i] is not ('\n' or '\r'))
                {
                    i++;
                }
            }
            else if (c == '(')
            {
                operands.Add(ReadLiteralString(text, ref i));
            }
            else if (c == '<' && i + 1 < text.Length && text[i + 1] == '<')
            {
                operands.Add(ReadBalanced(text, ref i, "<<", ">>"));
            }
            else if (c == '<')
            {
                var end = text.IndexOf('>', i);
                operands.Add(text[i..(end + 1)]);
                i = end + 1;
            }
            else if (c == '[')
            {
                operands.Add(ReadBalanced(text, ref i, "[", "]"));
            }
            else if (c == '/')
            {
                var start = i++;
                while (i < text.Length && !IsDelimiter(text[i]))
                {
                    i++;
                }

                operands.Add(text[start..i]);
            }
            else
            {
                var start = i;
                while (i < text.Length && !IsDelimiter(text[i]))
                {
                    i++;
                }

                if (i == start)
                {
                    // A stray delimiter (e.g. ")" or "]"); skip it rather than loop.
                    i++;
                    continue;
                }

                var token = text[start..i];
                if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || token is "true" or "false" or "null")
                {
                    operands.Add(token);
                }
                else
                {
                    operators.Add(new ContentOperator(token, operands.ToList()));
                    operands.Clear();
                    if (token == "BI")
                    {
                        // Inline image data runs to "EI"; it is never expected here, but must not be tokenised.
                        var end = text.IndexOf("EI", i, StringComparison.Ordinal);
                        i = end < 0 ? text.Length : end + 2;
                    }
                }
            }
        }

        return operators;
    }

    private static bool IsDelimiter(char c) => char.IsWhiteSpace(c) || c is '(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%';

    private static string ReadLiteralString(string text, ref int i)
    {
        var start = i;
        var depth = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                i++;
                break;
            }
        }

        return text[start..i];
    }

    private static string ReadBalanced(string text, ref int i, string open, string close)
    {
        var start = i;
        var depth = 0;
        while (i < text.Length)
        {
            if (text[i] == '(')
            {
                ReadLiteralString(text, ref i);
                continue;
            }

            if (string.CompareOrdinal(text, i, open, 0, open.Length) == 0)
            {
                depth++;
                i += open.Length;
            }
            else if (string.CompareOrdinal(text, i, close, 0, close.Length) == 0)
            {
                depth--;
                i += close.Length;
                if (depth == 0)
                {
                    break;
                }
            }
            else
            {
                i++;
            }
        }

        return text[start..i];
    }
}
