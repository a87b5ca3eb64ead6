using System.Text.RegularExpressions;
using Reporting.Core.Analysis;
using Reporting.Pdf.Tests.Reports;

namespace Reporting.Pdf.Tests.Accessibility;

/// <summary>Every report of the committed sample (the trial report, each site's, the funder's), rendered once.</summary>
public sealed class TaggedSampleReports : IDisposable
{
    private const string Url = "https://reports.example.org/peer-support-synthetic/e44036a0b4722516/trial.pdf";

    public TaggedSampleReports()
    {
        var run = Runs.Sample;
        var documents = new List<(string, ReportDocument)> { ("trial", TrialReportDocument.Build(run)) };
        documents.AddRange(run.Sites.Select(s => ("site-" + s.SiteId, SiteReportDocument.Build(run, s.SiteId))));
        var portfolio = FunderPortfolios.Build("nihr-pgfar", "NIHR Programme Grants for Applied Research", "2026-11",
            [new PortfolioTrialInput(run, Runs.Previous(run), Url)]);
        documents.Add(("funder", FunderReportDocument.Build(portfolio)));

        // The second sample: another framework's domains, two axes, an uncoded construct, no QCA.
        var upsides = Runs.Upsides;
        documents.Add(("upsides-trial", TrialReportDocument.Build(upsides)));
        documents.Add(("upsides-site-U1", SiteReportDocument.Build(upsides, "U1")));
        Reports = documents.Select(d => new Rendered(d.Item1, d.Item2)).ToList();
    }

    internal IReadOnlyList<Rendered> Reports { get; }

    public static TheoryData<string> Names => new(["trial", "site-S1", "site-S2", "site-S3", "site-S4", "site-S5", "site-S6", "site-S7", "funder", "upsides-trial", "upsides-site-U1"]);

    internal Rendered Get(string name) => Reports.Single(r => r.Name == name);

    public void Dispose()
    {
        foreach (var report in Reports)
        {
            report.Dispose();
        }
    }

    /// <summary>A rendered report with its document, its qpdf objects and its poppler structure dump.</summary>
    internal sealed class Rendered : IDisposable
    {
        private readonly Lazy<QpdfDocument> _qpdf;
        private readonly Lazy<StructTextNode> _tree;

        public Rendered(string name, ReportDocument document)
        {
            Name = name;
            Document = document;
            Pdf = new PdfFile(PdfRenderer.Render(document));
            _qpdf = new(() => QpdfDocument.Load(Pdf.Path));
            _tree = new(() => StructText.Parse(StructText.Dump(Pdf.Path)).Children.Single());
        }

        public string Name { get; }

        public ReportDocument Document { get; }

        public PdfFile Pdf { get; }

        public QpdfDocument Qpdf => _qpdf.Value;

        /// <summary>The Document element of <c>pdfinfo -struct-text</c>.</summary>
        public StructTextNode Tree => _tree.Value;

        public void Dispose() => Pdf.Dispose();
    }
}

/// <summary>What a reader of the structure tree meets, in order: headings with their text, tables by their first row, figures and captions.</summary>
internal sealed record OutlineEntry(string Kind, string Text)
{
    public override string ToString() => $"{Kind}: {Text}";

    /// <summary>The outline the document's blocks should give.</summary>
    public static IReadOnlyList<OutlineEntry> Expected(ReportDocument document)
    {
        var entries = new List<OutlineEntry>();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h:
                    entries.Add(new($"H{h.Level}", Fold(h.Text)));
                    break;
                case Table t:
                    var first = t.HeaderRows.Count > 0 ? t.HeaderRows[0] : t.Rows[0];
                    entries.Add(new("Table", Fold(string.Join(' ', first.Cells.Select(c => c.Text)))));
                    break;
                case KeyValuePanel k:
                    entries.Add(new("Table", Fold(k.Items[0].Key + " " + k.Items[0].Value)));
                    break;
                case Figure f:
                    entries.Add(new("Figure", string.Empty));
                    entries.Add(new("Caption", Fold(f.Caption)));
                    break;
            }
        }

        return entries;
    }

    /// <summary>The outline read back from the file's structure tree (the Document element's children).</summary>
    public static IReadOnlyList<OutlineEntry> Actual(StructTextNode document) =>
        document.Children.Where(c => c.Type is "H1" or "H2" or "H3" or "Table" or "Figure" or "Caption")
            .Select(c => c.Type switch
            {
                "Table" => new OutlineEntry("Table", FirstRow(c)),
                "Figure" => new OutlineEntry("Figure", string.Empty),
                _ => new OutlineEntry(c.Type, c.Text),
            })
            .ToList();

    private static string FirstRow(StructTextNode table) => table.Flatten().First(n => n.Type == "TR").Text;

    private static string Fold(string text) => Regex.Replace(text, @"\s+", " ").Trim();
}
