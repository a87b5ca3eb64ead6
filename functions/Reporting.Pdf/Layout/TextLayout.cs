using System.Text;
using PdfSharp.Drawing;

namespace Reporting.Pdf.Layout;

/// <summary>A piece of a line in one font, at an x offset from the line's start.</summary>
internal sealed record TextSegment(string Text, XFont Font, double X, double Width);

/// <summary>One wrapped line: its segments, measured width, height and the baseline's offset from its top.</summary>
internal sealed record TextLine(IReadOnlyList<TextSegment> Segments, double Width, double Height, double Baseline)
{
    public string Text => string.Concat(Segments.Select(s => s.Text));

    /// <summary>
    /// The line was wrapped at a space: the painter draws that space after the line's last word (invisible), so that
    /// text read from the tagged content keeps the words apart ("health care", not "healthcare").
    /// </summary>
    public bool EndsAtSpace { get; init; }
}

/// <summary>
/// Wraps runs of text into lines by measured width: breaks at spaces, keeps a line feed as a forced break,
/// and breaks a word wider than the line between characters (identifiers, hashes, URLs).
/// </summary>
internal static class TextLayout
{
    private readonly record struct Word(string Text, XFont Font, bool SpaceBefore);

    public static IReadOnlyList<TextLine> Wrap(
        TextMeasurer measurer, IReadOnlyList<TextRun> runs, double size, double maxWidth,
        TextStyle baseStyle = TextStyle.Regular, double lineSpacing = Typography.LineSpacing)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var lineHeight = size * lineSpacing;
        var regular = Typography.Font(size, baseStyle);
        var baseline = BaselineOffset(regular, lineHeight);
        var lines = new List<TextLine>();
        var current = new List<(Word Word, double X, double Width)>();
        var x = 0.0;

        void Flush(bool atSpace = false)
        {
            lines.Add(Build(current, lineHeight, baseline, measurer) with { EndsAtSpace = atSpace && current.Count > 0 });
            current.Clear();
            x = 0;
        }

        foreach (var paragraph in SplitParagraphs(runs, size, baseStyle))
        {
            foreach (var word in paragraph)
            {
                var text = word.Text;
                var spaceBefore = word.SpaceBefore;
                while (text.Length > 0)
                {
                    var width = measurer.Width(text, word.Font);
                    var gap = current.Count > 0 && spaceBefore ? measurer.Width(" ", word.Font) : 0;
                    if (x + gap + width <= maxWidth + 0.001)
                    {
                        current.Add((word with { Text = text, SpaceBefore = spaceBefore }, x + gap, width));
                        x += gap + width;
                        break;
                    }

                    if (current.Count > 0)
                    {
                        Flush(atSpace: spaceBefore);
                        spaceBefore = false;
                        continue;
                    }

                    // Alone on a line and still too wide: take the longest prefix that fits (at least one character).
                    var take = LongestFittingPrefix(measurer, text, word.Font, maxWidth);
                    var head = text[..take];
                    current.Add((word with { Text = head, SpaceBefore = false }, 0, measurer.Width(head, word.Font)));
                    Flush();
                    text = text[take..];
                    spaceBefore = false;
                }
            }

            Flush();
        }

        return lines;
    }

    /// <summary>Distance from a line's top to its baseline, centring the font's ascent and descent in the line.</summary>
    public static double BaselineOffset(XFont font, double lineHeight)
    {
        var metrics = font.Metrics;
        var ascent = metrics.Ascent * font.Size / metrics.UnitsPerEm;
        var descent = metrics.Descent * font.Size / metrics.UnitsPerEm;
        return ((lineHeight - (ascent + descent)) / 2) + ascent;
    }

    private static int LongestFittingPrefix(TextMeasurer measurer, string text, XFont font, double maxWidth)
    {
        int lo = 1, hi = text.Length;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (measurer.Width(text[..mid], font) <= maxWidth)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        // Never split a surrogate pair.
        if (lo < text.Length && char.IsLowSurrogate(text[lo]) && lo > 1)
        {
            lo--;
        }

        return lo;
    }

    private static TextLine Build(List<(Word Word, double X, double Width)> words, double height, double baseline, TextMeasurer measurer)
    {
        var segments = new List<TextSegment>();
        var text = new StringBuilder();
        XFont? font = null;
        var start = 0.0;
        var end = 0.0;
        foreach (var (word, x, width) in words)
        {
            if (font is not null && !ReferenceEquals(font, word.Font))
            {
                segments.Add(new TextSegment(text.ToString(), font, start, measurer.Width(text.ToString(), font)));
                text.Clear();
                font = null;
            }

            if (font is null)
            {
                font = word.Font;
                start = x;
                if (word.SpaceBefore && segments.Count > 0)
                {
                    // Keep the space inside the text so extraction reads "was 58%" and not "was58%".
                    text.Append(' ');
                    start -= measurer.Width(" ", word.Font);
                }
            }
            else if (word.SpaceBefore)
            {
                text.Append(' ');
            }

            text.Append(word.Text);
            end = x + width;
        }

        if (font is not null)
        {
            segments.Add(new TextSegment(text.ToString(), font, start, measurer.Width(text.ToString(), font)));
        }

        return new TextLine(segments, end, height, baseline);
    }

    private static IEnumerable<List<Word>> SplitParagraphs(IReadOnlyList<TextRun> runs, double size, TextStyle baseStyle)
    {
        var words = new List<Word>();
        var pendingSpace = false;
        foreach (var run in runs)
        {
            var font = Typography.Font(size, run.Style | baseStyle);
            var text = run.Text.Replace("\r\n", "\n", StringComparison.Ordinal);
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n')
                {
                    yield return words;
                    words = [];
                    pendingSpace = false;
                    i++;
                }
                else if (char.IsWhiteSpace(c) && c != '\u00A0')
                {
                    pendingSpace = true;
                    i++;
                }
                else
                {
                    var start = i;
                    while (i < text.Length && text[i] != '\n' && (!char.IsWhiteSpace(text[i]) || text[i] == '\u00A0'))
                    {
                        i++;
                    }

                    words.Add(new Word(text[start..i], font, pendingSpace && words.Count > 0));
                    pendingSpace = false;
                }
            }
        }

        yield return words;
    }
}
