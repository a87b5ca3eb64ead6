namespace Reporting.Pdf;

/// <summary>Emphasis of a run of text.</summary>
[Flags]
public enum TextStyle
{
    Regular = 0,
    Bold = 1,
    Italic = 2,
    BoldItalic = Bold | Italic,
}

/// <summary>
/// A span of text in one style. A string converts to a regular run, so a paragraph can be written as
/// <c>new Paragraph(["Engagement was ", TextRun.Bold("58%"), "."])</c>. Spaces at run boundaries are kept
/// as written; a line feed forces a line break.
/// </summary>
public sealed record TextRun(string Text, TextStyle Style = TextStyle.Regular)
{
    public static TextRun Plain(string text) => new(text);

    public static TextRun Bold(string text) => new(text, TextStyle.Bold);

    public static TextRun Italic(string text) => new(text, TextStyle.Italic);

    public static implicit operator TextRun(string text) => new(text);
}
