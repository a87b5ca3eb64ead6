using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Reporting.Core.Analysis;
using Reporting.Samples;
using S = Reporting.Pdf.TrialReportDocument.Sections;

namespace Reporting.Pdf.Tests.Reports;

/// <summary>A 40-site synthetic trial with many codes, analysed by Core's pipeline and rendered once.</summary>
public sealed class LongTrial : IDisposable
{
    public const int SiteCount = 40;

    /// <summary>Codes added at every site on top of the generator's, so that pattern A runs over several pages.</summary>
    public const int ExtraCodes = 36;

    private readonly DirectoryInfo _export = Directory.CreateTempSubdirectory("reporting-long-trial-");

    public LongTrial()
    {
        SampleGenerator.WriteScaled(_export.FullName, new ScaledOptions(SiteCount, 4000, 6, "long-trial"));
        AddCodes(Path.Combine(_export.FullName, "codings.csv"));
        Run = Runs.FromFolder(_export.FullName);
        Document = TrialReportDocument.Build(Run);
        SiteTable = Document.Blocks.OfType<Table>().First(t => t.HeaderRows.Count == 2 && t.Rows.Count == SiteCount + 1);
        Pages = PdfRenderer.Layout(Document);
        Pdf = new PdfFile(PdfRenderer.Render(Document));
        PageTexts = Enumerable.Range(1, Pdf.PageCount).Select(p => Pdf.Text(p)).ToList();
        Pdf.KeepForReview("long-trial", 60);
    }

    public RunModel Run { get; }

    public ReportDocument Document { get; }

    public Table SiteTable { get; }

    internal IReadOnlyList<Layout.PageLayout> Pages { get; }

    internal PdfFile Pdf { get; }

    public IReadOnlyList<string> PageTexts { get; }

    public void Dispose()
    {
        Pdf.Dispose();
        _export.Delete(recursive: true);
    }

    private static void AddCodes(string path)
    {
        var sb = new StringBuilder();
        for (var site = 1; site <= SiteCount; site++)
        {
            for (var code = 1; code <= ExtraCodes; code++)
            {
                var construct = (code % 3) switch { 0 => "Culture", 1 => "Monitoring and feedback", _ => "Leadership (access and authority)" };
                sb.Append(CultureInfo.InvariantCulture,
                    $"S{site},S{site}EXTRA{code % 2},pw,context,{construct},Extra code {code:00} about how the team worked,{(code % 2 == 0 ? "facilitator" : "barrier")},\"Excerpt {code:00} from site {site}, said at some length so that it wraps onto a second line of the page.\"\n");
            }
        }

        File.AppendAllText(path, sb.ToString());
    }
}

public sealed class LongTrialTests(LongTrial trial) : IClassFixture<LongTrial>
{
    private IReadOnlyList<int> SiteTablePages =>
        trial.Pages.Where(p => p.Fragments.Any(f => ReferenceEquals(f.Block.Source, trial.SiteTable))).Select(p => p.Number).ToList();

    [Fact]
    public void SiteTable_ExtractedText_HasEverySiteIdOnce()
    {
        var text = Sections.Between(trial.Pdf.Text(), S.SiteTable, S.FidelityDetails);

        for (var i = 1; i <= LongTrial.SiteCount; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"S{i}");
            Assert.True(Regex.Matches(text, $@"(?m)^\s*{id}\s").Count == 1, $"{id} should start exactly one row of the site table");
        }
    }

    [Fact]
    public void SiteTable_BreaksAcrossPages_WithHeaderRepeated()
    {
        var pages = SiteTablePages;

        Assert.True(pages.Count >= 2, $"the 40-site table should run over several pages, got {pages.Count}");
        foreach (var page in pages.Skip(1))
        {
            var lines = trial.PageTexts[page - 1].Split('\n').Where(l => l.Trim().Length > 0).ToList();
            Assert.Contains("Engagement", lines[1], StringComparison.Ordinal);
            Assert.Matches(@"^\s*Id\s+Name\s+Setting\s+Offered\s+Engaged", lines[2]);
            Assert.Matches(@"^\s*S\d+\s", lines[3]);
        }
    }

    [Fact]
    public void SiteTable_NoRow_SplitsAcrossAPage()
    {
        var fragments = trial.Pages.SelectMany(p => p.Fragments).Where(f => ReferenceEquals(f.Block.Source, trial.SiteTable)).ToList();
        var rows = fragments.SelectMany(f => f.Units).Where(u => !u.IsRepeatedHeader).Select(u => u.Unit).OfType<Layout.RowUnit>()
            .Where(r => r.Kind == Layout.RowKind.Body).ToList();

        Assert.DoesNotContain(rows, r => r.Continued || r.ContinuesBelow);
        Assert.Equal(Enumerable.Range(0, LongTrial.SiteCount + 1), rows.Select(r => r.BodyIndex));

        // And as read back: a row's offered and engaged counts sit on the line that starts with its site id.
        var text = Sections.Between(trial.Pdf.Text(), S.SiteTable, S.FidelityDetails);
        foreach (var site in trial.Run.Sites)
        {
            var line = text.Split('\n').Single(l => Regex.IsMatch(l, $@"^\s*{site.SiteId}\s"));
            Assert.Matches($@"\s{Sections.Count(site.Engagement!.Offered)}\s+{Sections.Count(site.Engagement.Engaged)}\s", line);
        }
    }

    [Fact]
    public void Patterns_ManyCodes_AllListedOverSeveralPages()
    {
        var a = trial.Run.CrossCase.Patterns!.A;
        var text = Regex.Replace(Sections.Between(trial.Pdf.Text(), "Pattern A: shared by every case", "Pattern B: high–high cases only"), @"\s+", " ");

        Assert.True(a.Codes.Count >= LongTrial.ExtraCodes, $"pattern A should hold the added codes, has {a.Codes.Count}");
        Assert.All(a.Codes, c => Assert.Contains(c.Code.Code, text, StringComparison.Ordinal));
        Assert.Contains("is too wide to print", trial.Pdf.Text().Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void SiteTable_OverSeveralPages_IsOneTableWhoseRepeatedHeaderIsAnArtifact()
    {
        var tree = Accessibility.StructText.Parse(Accessibility.StructText.Dump(trial.Pdf.Path)).Children.Single();
        var table = tree.Children.Where(c => c.Type == "Table").Single(t => t.Children[0].Text.StartsWith("Site Engagement Fidelity and case", StringComparison.Ordinal));

        Assert.True(SiteTablePages.Count >= 2);
        // The header rows are read once (THead), though drawn again at the top of each later page.
        Assert.Equal(["THead", "TBody"], table.Children.Select(c => c.Type));
        Assert.Equal(2, table.Children[0].Children.Count);
        Assert.Equal(LongTrial.SiteCount + 1, table.Children[1].Children.Count);
        Assert.Single(tree.Flatten(), n => n.Type == "TR" && n.Text.StartsWith("Id Name Setting Offered", StringComparison.Ordinal));
        Assert.Equal(["S1", "S2"], table.Children[1].Children.Take(2).Select(r => r.Children[0].Text));
    }

    [Fact]
    public void LongTrial_Tagged_PassesTheMatterhornChecks()
    {
        var failures = Accessibility.PdfUaChecker.Check(Accessibility.QpdfDocument.Load(trial.Pdf.Path));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void LongTrial_EveryPage_Renders()
    {
        Assert.True(trial.Pdf.PageCount >= 15, $"expected a long report, got {trial.Pdf.PageCount} pages");
        for (var page = 1; page <= trial.Pdf.PageCount; page++)
        {
            var image = trial.Pdf.RenderPage(page, 20);
            Assert.True(image.Width > 0 && image.Height > 0);
        }
    }
}
