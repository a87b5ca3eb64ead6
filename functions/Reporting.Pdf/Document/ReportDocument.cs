namespace Reporting.Pdf;

/// <summary>
/// A report to render: its metadata and its content as a list of semantic blocks.
/// </summary>
/// <param name="Title">Document title: the PDF's Title and the running header of every page.</param>
/// <param name="Subject">The PDF's Subject.</param>
/// <param name="Keywords">The PDF's Keywords (joined with ", ").</param>
/// <param name="Timestamp">The data timestamp of the run: the PDF's creation and modification date. Never the wall clock.</param>
/// <param name="Blocks">The content, in reading order.</param>
public sealed record ReportDocument(
    string Title,
    string Subject,
    IReadOnlyList<string> Keywords,
    DateTimeOffset Timestamp,
    IReadOnlyList<Block> Blocks)
{
    /// <summary>The author every report carries.</summary>
    public const string DefaultAuthor = "Implementation reporting pipeline";

    /// <summary>The language every report is written in (BCP 47), the document's /Lang.</summary>
    public const string DefaultLanguage = "en-GB";

    /// <summary>The document's natural language (BCP 47): read aloud with it, and declared in the catalog and the XMP.</summary>
    public string Language { get; init; } = DefaultLanguage;

    /// <summary>The PDF's Author.</summary>
    public string Author { get; init; } = DefaultAuthor;

    /// <summary>Small text at the right of the running header (e.g. "Data cut-off 30 June 2019"); none when null.</summary>
    public string? HeaderNote { get; init; }

    /// <summary>Small text at the left of the footer (e.g. the run id); none when null.</summary>
    public string? FooterNote { get; init; }
}
