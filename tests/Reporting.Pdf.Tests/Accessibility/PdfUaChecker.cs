using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reporting.Pdf.Tests.Accessibility;

/// <summary>A failed Matterhorn Protocol condition: its number ("13-004") and what was found.</summary>
internal sealed record UaFailure(string Checkpoint, string Detail)
{
    public override string ToString() => $"{Checkpoint}: {Detail}";
}

/// <summary>A structure element as read back: its type, attributes and alternate text, children and marked content.</summary>
internal sealed class StructNode(string type, JsonElement dictionary)
{
    public string Type { get; } = type;

    public JsonElement Dictionary { get; } = dictionary;

    public List<StructNode> Children { get; } = [];

    /// <summary>Marked-content ids this element holds, with the page each is on (its /Pg, or the MCR's).</summary>
    public List<(string Page, int Mcid)> Content { get; } = [];

    /// <summary>Annotations this element holds (OBJR).</summary>
    public List<string> Annotations { get; } = [];

    public IEnumerable<StructNode> DescendantsAndSelf() => Children.SelectMany(c => c.DescendantsAndSelf()).Prepend(this);
}

/// <summary>
/// The machine-checkable Matterhorn Protocol 1.1 (PDF/UA-1) conditions this repository's reports can fail, checked on
/// the file as qpdf reads it. Covered: 01-003, 01-004, 01-005 (content tagged or artifact), 01-007 (Suspects),
/// 02-004 (standard types not remapped), 06-001, 06-002, 06-003 (XMP, PDF/UA identifier, dc:title), 07-001, 07-002
/// (DisplayDocTitle), 09-004, 09-005 (table and list syntax), 11-001 (document language), 13-004 (Figure alternate
/// text), 14-002, 14-003 (first heading H1, no skipped level), 15-003 (TH scope), 19-003 (Note ID), 28-008, 28-009
/// (Tabs on pages with annotations), 28-011 (link annotation in a Link element), 28-012 (link Contents), 31-009
/// (fonts embedded). Also checked, though not Matterhorn conditions: the catalog marks the file tagged
/// (MarkInfo /Marked true) and every marked-content id in the structure tree exists on its page.
/// </summary>
internal static partial class PdfUaChecker
{
    private static readonly HashSet<string> _standardTypes = new(StringComparer.Ordinal)
    {
        "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct", "Private",
        "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody",
        "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP",
        "Warichu", "WT", "WP", "Figure", "Formula", "Form",
    };

    public static IReadOnlyList<UaFailure> Check(QpdfDocument pdf) => Check(pdf, out _);

    public static IReadOnlyList<UaFailure> Check(QpdfDocument pdf, out StructNode? root)
    {
        var failures = new List<UaFailure>();
        void Fail(string checkpoint, string detail) => failures.Add(new UaFailure(checkpoint, detail));

        var catalog = pdf.Catalog;
        if (pdf.Dictionary(catalog, "/MarkInfo") is not { } markInfo || pdf.Get(markInfo, "/Marked") is not { ValueKind: JsonValueKind.True })
        {
            Fail("tagged", "the catalog has no MarkInfo with Marked true");
        }
        else if (pdf.Get(markInfo, "/Suspects") is { ValueKind: JsonValueKind.True })
        {
            Fail("01-007", "MarkInfo Suspects is true");
        }

        CheckMetadata(pdf, catalog, Fail);

        var viewer = pdf.Dictionary(catalog, "/ViewerPreferences");
        var display = viewer is { } v ? pdf.Get(v, "/DisplayDocTitle") : null;
        if (display is null)
        {
            Fail("07-001", "ViewerPreferences has no DisplayDocTitle");
        }
        else if (display.Value.ValueKind != JsonValueKind.True)
        {
            Fail("07-002", "DisplayDocTitle is false");
        }

        if (pdf.Text(catalog, "/Lang") is not { Length: > 0 })
        {
            Fail("11-001", "the catalog has no /Lang");
        }

        root = null;
        if (pdf.Dictionary(catalog, "/StructTreeRoot") is not { } treeRoot)
        {
            Fail("tagged", "the catalog has no structure tree");
        }
        else
        {
            if (pdf.Dictionary(treeRoot, "/RoleMap") is { } roleMap)
            {
                foreach (var mapped in roleMap.EnumerateObject().Where(m => _standardTypes.Contains(m.Name.TrimStart('/'))))
                {
                    Fail("02-004", $"standard type {mapped.Name} is remapped");
                }
            }

            root = ReadTree(pdf, treeRoot);
            CheckTree(pdf, root, Fail);
        }

        var pages = pdf.Pages();
        CheckContent(pdf, pages, root, Fail);
        CheckAnnotations(pdf, pages, root, Fail);
        CheckFonts(pdf, Fail);
        return failures;
    }

    private static void CheckMetadata(QpdfDocument pdf, JsonElement catalog, Action<string, string> fail)
    {
        if (QpdfDocument.Reference(catalog, "/Metadata") is not { } reference)
        {
            fail("06-001", "the catalog has no XMP metadata stream");
            return;
        }

        var xmp = Encoding.UTF8.GetString(pdf.StreamData(reference));
        if (!PdfUaIdentifier().IsMatch(xmp))
        {
            fail("06-002", "the XMP has no pdfuaid:part");
        }

        if (!DcTitle().IsMatch(xmp))
        {
            fail("06-003", "the XMP has no dc:title");
        }
    }

    private static StructNode ReadTree(QpdfDocument pdf, JsonElement treeRoot)
    {
        var root = new StructNode("StructTreeRoot", treeRoot);
        void Kids(StructNode node, JsonElement dictionary, string? page)
        {
            if (!dictionary.TryGetProperty("/K", out var k))
            {
                return;
            }

            var kids = k.ValueKind == JsonValueKind.Array ? k.EnumerateArray().ToList() : [k];
            foreach (var kid in kids)
            {
                if (kid.ValueKind == JsonValueKind.Number)
                {
                    node.Content.Add((page ?? "?", kid.GetInt32()));
                    continue;
                }

                var raw = kid;
                var value = pdf.Resolve(kid);
                var type = pdf.Name(value, "/Type");
                if (type == "/MCR")
                {
                    node.Content.Add((QpdfDocument.Reference(value, "/Pg") ?? page ?? "?", pdf.Get(value, "/MCID")!.Value.GetInt32()));
                }
                else if (type == "/OBJR")
                {
                    node.Annotations.Add(QpdfDocument.Reference(value, "/Obj") ?? "?");
                }
                else if (pdf.Name(value, "/S") is { } s)
                {
                    var child = new StructNode(s.TrimStart('/'), value);
                    node.Children.Add(child);
                    Kids(child, value, QpdfDocument.Reference(value, "/Pg") ?? page);
                }
                else
                {
                    throw new InvalidDataException($"Unexpected structure kid {raw}.");
                }
            }
        }

        Kids(root, treeRoot, null);
        return root;
    }

    private static void CheckTree(QpdfDocument pdf, StructNode root, Action<string, string> fail)
    {
        var nodes = root.DescendantsAndSelf().Skip(1).ToList();
        foreach (var figure in nodes.Where(n => n.Type == "Figure"))
        {
            if (pdf.Text(figure.Dictionary, "/Alt") is not { Length: > 0 } && pdf.Text(figure.Dictionary, "/ActualText") is not { Length: > 0 })
            {
                fail("13-004", "a Figure has no alternate text");
            }
        }

        var headings = nodes.Where(n => HeadingLevel(n.Type) is not null).Select(n => HeadingLevel(n.Type)!.Value).ToList();
        if (headings.Count > 0 && headings[0] != 1)
        {
            fail("14-002", $"the first heading is H{headings[0]}");
        }

        for (var i = 1; i < headings.Count; i++)
        {
            if (headings[i] > headings[i - 1] + 1)
            {
                fail("14-003", $"H{headings[i]} follows H{headings[i - 1]}");
            }
        }

        foreach (var th in nodes.Where(n => n.Type == "TH"))
        {
            if (Attribute(pdf, th.Dictionary, "/Scope") is null)
            {
                fail("15-003", "a TH has no Scope");
            }
        }

        foreach (var note in nodes.Where(n => n.Type == "Note"))
        {
            if (!note.Dictionary.TryGetProperty("/ID", out _))
            {
                fail("19-003", "a Note has no ID");
            }
        }

        foreach (var table in nodes.Where(n => n.Type == "Table"))
        {
            var parts = table.Children.Where(c => c.Type != "Caption").Select(c => c.Type).ToList();
            var rowsOnly = parts.All(p => p == "TR");
            var grouped = Regex.IsMatch(string.Join(' ', parts), "^(THead )?(TBody ?)+(TFoot)?$") || (parts.Count == 1 && parts[0] == "THead");
            if (parts.Count == 0 || !(rowsOnly || grouped))
            {
                fail("09-004", $"a Table holds {string.Join(", ", parts)}");
            }
        }

        foreach (var group in nodes.Where(n => n.Type is "THead" or "TBody" or "TFoot"))
        {
            if (group.Children.Any(c => c.Type != "TR"))
            {
                fail("09-004", $"a {group.Type} holds something other than TR");
            }
        }

        foreach (var row in nodes.Where(n => n.Type == "TR"))
        {
            if (row.Children.Count == 0 || row.Children.Any(c => c.Type is not ("TH" or "TD")))
            {
                fail("09-004", "a TR holds something other than TH or TD cells");
            }
        }

        foreach (var list in nodes.Where(n => n.Type == "L"))
        {
            var items = list.Children.Where(c => c.Type != "Caption").ToList();
            if (items.Count == 0 || items.Any(c => c.Type is not ("LI" or "L")))
            {
                fail("09-005", "an L holds something other than LI");
            }
        }

        foreach (var item in nodes.Where(n => n.Type == "LI"))
        {
            if (item.Children.Count == 0 || item.Children.Any(c => c.Type is not ("Lbl" or "LBody")))
            {
                fail("09-005", "an LI holds something other than Lbl and LBody");
            }
        }
    }

    /// <summary>01-003, 01-004, 01-005 on every page's content, and that the tree's marked content exists on its page.</summary>
    private static void CheckContent(QpdfDocument pdf, IReadOnlyList<(string Reference, JsonElement Page)> pages, StructNode? root, Action<string, string> fail)
    {
        var treeContent = root?.DescendantsAndSelf().SelectMany(n => n.Content).ToHashSet() ?? [];
        var found = new HashSet<(string Page, int Mcid)>();
        for (var p = 0; p < pages.Count; p++)
        {
            var (reference, page) = pages[p];
            var streams = page.GetProperty("/Contents") is { ValueKind: JsonValueKind.Array } array
                ? array.EnumerateArray().Select(e => e.GetString()!).ToList()
                : [page.GetProperty("/Contents").GetString()!];
            var data = streams.SelectMany(pdf.StreamData).ToArray();

            // The stack of open marked-content sequences: null for an artifact, the MCID for tagged content, -1 for other tags.
            var open = new Stack<int?>();
            var naked = 0;
            foreach (var op in ContentStream.Parse(data))
            {
                switch (op.Name)
                {
                    case "BMC":
                    case "BDC":
                        var tag = op.Operands.Count > 0 ? op.Operands[0] : string.Empty;
                        var mcid = op.Name == "BDC" && McidPattern().Match(op.Operands[^1]) is { Success: true } m
                            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
                            : (int?)null;
                        if (tag == "/Artifact")
                        {
                            if (open.Any(o => o is >= 0))
                            {
                                fail("01-003", $"page {p + 1}: an artifact inside tagged content");
                            }

                            open.Push(null);
                        }
                        else
                        {
                            if (mcid is { } id)
                            {
                                if (open.Any(o => o is null))
                                {
                                    fail("01-004", $"page {p + 1}: tagged content (MCID {id}) inside an artifact");
                                }

                                found.Add((reference, id));
                            }

                            open.Push(mcid ?? -1);
                        }

                        break;
                    case "EMC":
                        if (open.Count > 0)
                        {
                            open.Pop();
                        }

                        break;
                    default:
                        if (ContentStream.Painting.Contains(op.Name) && !open.Any(o => o is null or >= 0))
                        {
                            naked++;
                        }

                        break;
                }
            }

            if (naked > 0)
            {
                fail("01-005", $"page {p + 1}: {naked} painting operators neither tagged nor artifact");
            }
        }

        foreach (var missing in treeContent.Where(c => !found.Contains(c)))
        {
            fail("tagged", $"the structure tree refers to MCID {missing.Mcid} on {missing.Page}, which that page does not have");
        }
    }

    private static void CheckAnnotations(QpdfDocument pdf, IReadOnlyList<(string Reference, JsonElement Page)> pages, StructNode? root, Action<string, string> fail)
    {
        var linkElements = root?.DescendantsAndSelf().Where(n => n.Type == "Link").SelectMany(n => n.Annotations).ToHashSet(StringComparer.Ordinal) ?? [];
        for (var p = 0; p < pages.Count; p++)
        {
            var page = pages[p].Page;
            if (!page.TryGetProperty("/Annots", out var annots) || annots.GetArrayLength() == 0)
            {
                continue;
            }

            var tabs = pdf.Name(page, "/Tabs");
            if (tabs is null)
            {
                fail("28-008", $"page {p + 1} has annotations but no Tabs");
            }
            else if (tabs != "/S")
            {
                fail("28-009", $"page {p + 1} has Tabs {tabs}");
            }

            foreach (var annot in annots.EnumerateArray())
            {
                var dictionary = pdf.Resolve(annot);
                if (pdf.Name(dictionary, "/Subtype") != "/Link")
                {
                    continue;
                }

                if (!linkElements.Contains(annot.GetString()!))
                {
                    fail("28-011", $"page {p + 1}: a link annotation is not in a Link element");
                }

                if (pdf.Text(dictionary, "/Contents") is not { Length: > 0 })
                {
                    fail("28-012", $"page {p + 1}: a link annotation has no Contents");
                }
            }
        }
    }

    private static void CheckFonts(QpdfDocument pdf, Action<string, string> fail)
    {
        foreach (var (reference, dictionary) in pdf.Objects().Where(o => pdf.Name(o.Dictionary, "/Type") == "/FontDescriptor"))
        {
            if (!new[] { "/FontFile", "/FontFile2", "/FontFile3" }.Any(k => dictionary.TryGetProperty(k, out _)))
            {
                fail("31-009", $"font descriptor {reference} ({pdf.Name(dictionary, "/FontName")}) embeds no font program");
            }
        }
    }

    /// <summary>A table attribute (in /A, a dictionary or an array of them) or null.</summary>
    private static string? Attribute(QpdfDocument pdf, JsonElement element, string key)
    {
        if (pdf.Get(element, "/A") is not { } a)
        {
            return null;
        }

        var dictionaries = a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(pdf.Resolve).ToList() : [a];
        return dictionaries.Select(d => pdf.Name(d, key)).FirstOrDefault(v => v is not null);
    }

    private static int? HeadingLevel(string type) =>
        type.Length == 2 && type[0] == 'H' && char.IsAsciiDigit(type[1]) ? type[1] - '0' : null;

    [GeneratedRegex(@"<pdfuaid:part>\s*1\s*</pdfuaid:part>|pdfuaid:part=""1""", RegexOptions.CultureInvariant)]
    private static partial Regex PdfUaIdentifier();

    [GeneratedRegex(@"<dc:title>", RegexOptions.CultureInvariant)]
    private static partial Regex DcTitle();

    [GeneratedRegex(@"/MCID\s+(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex McidPattern();
}
