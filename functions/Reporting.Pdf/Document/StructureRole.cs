namespace Reporting.Pdf;

/// <summary>
/// The semantic role of a block, named after the PDF standard structure types (ISO 32000 §14.8.4),
/// so that tagged (PDF/UA) output can map each block to a structure element without changing the layout.
/// </summary>
public enum StructureRole
{
    /// <summary>Heading level 1 (H1).</summary>
    H1,

    /// <summary>Heading level 2 (H2).</summary>
    H2,

    /// <summary>Heading level 3 (H3).</summary>
    H3,

    /// <summary>Paragraph (P).</summary>
    P,

    /// <summary>List (L) of list items (LI).</summary>
    L,

    /// <summary>Table (Table) with header (TH) and data (TD) cells.</summary>
    Table,

    /// <summary>Figure (Figure) with alternate text, followed by its caption (Caption).</summary>
    Figure,

    /// <summary>
    /// An aside such as a methods caution. Tagged as a paragraph (P): the standard Note type is meant for footnotes
    /// and endnotes, and PDF/UA requires each Note to carry an identifier.
    /// </summary>
    Note,

    /// <summary>Layout only, nothing to read (Artifact): page breaks, spacing.</summary>
    Artifact,
}
