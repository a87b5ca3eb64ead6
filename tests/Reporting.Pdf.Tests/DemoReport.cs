using System.Globalization;

namespace Reporting.Pdf.Tests;

/// <summary>
/// A synthetic report that exercises every block and chart: Unicode site names, a 40-site table with long
/// text cells and two header rows, many paragraphs. Test data only; the numbers mean nothing.
/// </summary>
internal static class DemoReport
{
    public const string Title = "ENRICH trial implementation report";
    public const string Subject = "Implementation of peer support across 40 sites (synthetic demonstration data)";
    public static readonly DateTimeOffset Timestamp = new(2019, 6, 30, 0, 0, 0, TimeSpan.Zero);
    public static readonly IReadOnlyList<string> Keywords = ["implementation", "fidelity", "engagement", "peer support"];

    /// <summary>Names a reader must see exactly as written: curly apostrophe, diacritics, an em dash.</summary>
    public static readonly IReadOnlyList<string> UnicodeSiteNames = ["Be’er Sheva", "Dar es Salaam", "Ynys Môn", "Zürich — Nord"];

    public const int SiteCount = 40;

    public static string SiteId(int i) => string.Create(CultureInfo.InvariantCulture, $"site-{i:00}");

    /// <summary>Last word of row i's notes cell, to find the row's end on the page.</summary>
    public static string RowEndMarker(int i) => string.Create(CultureInfo.InvariantCulture, $"[end{i:00}]");

    public static readonly IReadOnlyList<string> SiteTableHeader = ["Offered", "Engaged", "Implementation notes"];

    private static readonly string[] _places =
    [
        "Be’er Sheva", "Dar es Salaam", "Ynys Môn", "Zürich — Nord", "Camden and Islington", "North Tyneside",
        "Bristol South", "Leeds East", "Glasgow City", "Cardiff and Vale", "Norfolk Coast", "Sheffield Central",
        "Brighton and Hove", "Derby", "Plymouth", "Lancashire North", "Oxford City", "Kent East", "Bradford", "Swansea Bay",
    ];

    private static readonly string[] _sentences =
    [
        "Peer workers were embedded in the community team and took referrals directly from ward staff.",
        "Supervision was provided weekly by an experienced peer worker coordinator.",
        "Staff turnover in the second year left the post vacant for three months.",
        "Participants valued flexibility about where and when to meet.",
        "Managers protected time for reflective practice and training.",
        "Access to the ward before discharge was negotiated case by case, which delayed first contacts.",
        "The team adapted the handbook to local circumstances while keeping the principles intact.",
        "Links with voluntary-sector groups helped participants build connections in the community.",
    ];

    public static ReportDocument Build()
    {
        var blocks = new List<Block>
        {
            new Heading(1, Title),
            new Paragraph([TextRun.Italic("Peer support for discharge from inpatient to community mental health care · ISRCTN10043328 · data cut-off 30 June 2019")]),
            new KeyValuePanel(
            [
                new("Sites", "40 (6 selected as cases, 2 outliers)"),
                new("Participants offered peer support", "1,234"),
                new("Pooled engagement", "52% (95% CI 49–55%)"),
                new("Engagement against fidelity", "Spearman’s ρ = 0.61 (exact p = 0.012)"),
                new("Run", "3f9c2a7be41d0c5596aa8e1f2b7c4d9e0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
            ]),
            new Heading(2, "Summary"),
            new Paragraph(
            [
                "Across the 40 sites, ", TextRun.Bold("52% of participants offered peer support engaged"),
                " with it: at least two contacts, one of them after discharge. Sites varied widely, from 18% to 81%. ",
                "Sites where fidelity to the peer-support principles was high tended to engage more participants (",
                TextRun.Italic("Figure 1"), "), and sites rated high on both axes shared features of leadership and access that low sites lacked.",
            ]),
            new Paragraph("Engagement is classed as high at ≥ 60% and low at ≤ 45%; fidelity is high at a score of 10 or more and low at 7 or less. These thresholds were set by the trial team before the data were seen."),
            new BulletList(
            [
                new Paragraph([TextRun.Bold("High engagement and high fidelity: "), "Be’er Sheva, Ynys Môn, Oxford City."]),
                new Paragraph([TextRun.Bold("Low engagement and low fidelity: "), "Dar es Salaam, Derby, Kent East."]),
                new Paragraph([TextRun.Bold("Outliers: "), "Zürich — Nord (high fidelity, mid-range engagement) and Plymouth (outside the funnel plot’s 99.8% limits)."]),
                new Paragraph("Sites that were mid-range on both axes were not compared, as in the method’s original application, where five of seven sites were compared."),
            ]),
            new Note("Small numbers: with 40 sites the report shows counts and the exact Spearman test only. Differences between individual sites are descriptive and should not be read as significant."),
            new Heading(2, "Engagement and fidelity"),
            new Paragraph("Each site’s engagement is plotted against its fidelity score. Dashed lines mark the thresholds; the corners name the four quadrants. Selected cases and outliers are marked."),
            new Figure(Scatter(), "Figure 1. Engagement against fidelity by site (10 sites shown).",
                "Scatter plot of engagement (0 to 100%) against fidelity score (0 to 12) for ten sites; engagement rises with fidelity; three sites are high on both, three low on both, one outlier has high fidelity and mid-range engagement."),
            new Figure(Bars(), "Figure 2. Engagement by site with 95% confidence intervals; the dashed line is the pooled proportion.",
                "Horizontal bar chart of engagement for ten sites, from 18% to 81%, with 95% confidence intervals; the pooled engagement is 52%."),
            new Figure(Funnel(), "Figure 3. Funnel plot of engagement against the number offered, with 95% and 99.8% limits around the pooled proportion.",
                "Funnel plot of 40 sites; two sites lie outside the 99.8% limits: Plymouth above and Derby below."),
            new PageBreak(),
            new Heading(2, "Sites"),
            new Paragraph("Every site with its characteristics, engagement and fidelity. Flagged sites are highlighted; the pooled row is in bold."),
            SiteTable(),
            new Heading(2, "Methods notes"),
        };

        for (var i = 0; i < 14; i++)
        {
            if (i % 4 == 0)
            {
                blocks.Add(new Heading(3, string.Create(CultureInfo.InvariantCulture, $"Note {(i / 4) + 1}: counting and classification")));
            }

            blocks.Add(new Paragraph(string.Join(" ", Enumerable.Range(0, 5 + (i % 4)).Select(k => _sentences[(i + k) % _sentences.Length]))));
        }

        blocks.Add(new Heading(3, "Data provenance"));
        blocks.Add(new Table(
            [new TableColumn(2.2), new TableColumn(1, ColumnAlignment.Right), new TableColumn(4.6)],
            [new TableRow(["File", "Rows", "SHA-256"])],
            [
                new TableRow(["participants.csv", "2,468", "9b1de4f0c2a37e55d1f08a6c3b2e4f7a9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f"]),
                new TableRow(["contacts.csv", "18,204", "0f7e6d5c4b3a29181716151413121110f0e0d0c0b0a090807060504030201000"]),
                new TableRow(["fidelity.csv", "960", "aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55"]),
            ]));

        return new ReportDocument(Title, Subject, Keywords, Timestamp, blocks)
        {
            HeaderNote = "Data cut-off 30 June 2019",
            FooterNote = "Run 3f9c2a7be41d · synthetic demonstration data",
        };
    }

    public static Table SiteTable()
    {
        var rows = new List<TableRow>();
        for (var i = 1; i <= SiteCount; i++)
        {
            var offered = 12 + ((i * 37) % 60);
            var engaged = (int)Math.Round(offered * (0.18 + (((i * 53) % 64) / 100.0)));
            var proportion = (double)engaged / offered;
            var fidelity = 5 + ((i * 29) % 70 / 10.0);
            var notes = string.Join(" ", Enumerable.Range(0, 1 + (i % 4)).Select(k => _sentences[(i + k) % _sentences.Length])) + " " + RowEndMarker(i);
            rows.Add(new TableRow(
                [
                    SiteId(i),
                    _places[(i - 1) % _places.Length] + (i > _places.Length ? " II" : string.Empty),
                    (i % 3) switch { 0 => "urban", 1 => "town", _ => "rural" },
                    offered.ToString(CultureInfo.InvariantCulture),
                    engaged.ToString(CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"{proportion:P0} ({Math.Max(0, proportion - 0.12):P0}–{Math.Min(1, proportion + 0.12):P0})").Replace(" %", "%", StringComparison.Ordinal),
                    fidelity.ToString("F1", CultureInfo.InvariantCulture),
                    proportion >= 0.6 ? "high" : proportion <= 0.45 ? "low" : "mid",
                    notes,
                ],
                i % 13 == 0 ? RowEmphasis.Highlight : RowEmphasis.None));
        }

        rows.Add(new TableRow([new TableCell("Pooled", 3), "1,234", "642", "52% (49–55%)", "8.7", new TableCell(string.Empty, 2)], RowEmphasis.Bold));

        return new Table(
            [
                new TableColumn(36), new TableColumn(68), new TableColumn(42),
                new TableColumn(38, ColumnAlignment.Right), new TableColumn(40, ColumnAlignment.Right), new TableColumn(60, ColumnAlignment.Right),
                new TableColumn(32, ColumnAlignment.Right), new TableColumn(30), new TableColumn(125),
            ],
            [
                new TableRow([new TableCell("Site", 3), new TableCell("Engagement (high ≥ 60%)", 3), new TableCell("Fidelity", 2), new TableCell(string.Empty)]),
                new TableRow(["Id", "Name", "Locality", "Offered", "Engaged", "% (95% CI)", "Score", "Class", "Implementation notes"]),
            ],
            rows);
    }

    public static EngagementFidelityScatter Scatter() => new(
        [
            new ScatterSite("Be’er Sheva", 10.8, 0.74, SiteMarking.SelectedCase),
            new ScatterSite("Ynys Môn", 11.2, 0.81, SiteMarking.SelectedCase),
            new ScatterSite("Oxford City", 10.3, 0.66, SiteMarking.SelectedCase),
            new ScatterSite("Dar es Salaam", 5.9, 0.22, SiteMarking.SelectedCase),
            new ScatterSite("Derby", 6.4, 0.18, SiteMarking.SelectedCase),
            new ScatterSite("Kent East", 6.8, 0.31, SiteMarking.SelectedCase),
            new ScatterSite("Zürich — Nord", 10.6, 0.52, SiteMarking.Outlier),
            new ScatterSite("Leeds East", 8.4, 0.50),
            new ScatterSite("Bristol South", 8.1, 0.55),
            new ScatterSite("Glasgow City", 8.9, 0.47) { Emphasised = true },
        ],
        new ChartAxis("Fidelity score (0–12)", 4, 12, 1),
        ChartAxis.Percent("Engagement"),
        FidelityLow: 7,
        FidelityHigh: 10,
        EngagementLow: 0.45,
        EngagementHigh: 0.60);

    public static EngagementBarChart Bars() => new(
        [
            new BarChartSite("Ynys Môn", 0.81, 0.66, 0.90),
            new BarChartSite("Be’er Sheva", 0.74, 0.59, 0.85),
            new BarChartSite("Oxford City", 0.66, 0.50, 0.79),
            new BarChartSite("Bristol South", 0.55, 0.40, 0.69),
            new BarChartSite("Zürich — Nord", 0.52, 0.37, 0.66),
            new BarChartSite("Leeds East", 0.50, 0.35, 0.65),
            new BarChartSite("Glasgow City", 0.47, 0.32, 0.62) { Emphasised = true },
            new BarChartSite("Kent East", 0.31, 0.19, 0.46),
            new BarChartSite("Dar es Salaam", 0.22, 0.12, 0.37),
            new BarChartSite("Derby", 0.18, 0.09, 0.33),
        ],
        Pooled: 0.52,
        ChartAxis.Percent("Engagement (95% CI)"));

    public static FunnelPlot Funnel()
    {
        const double p0 = 0.52;
        IReadOnlyList<ChartPoint> Limit(double z) =>
            Enumerable.Range(4, 97).Select(n => new ChartPoint(n, p0 + (z * Math.Sqrt(p0 * (1 - p0) / n)))).ToList();

        var sites = Enumerable.Range(1, SiteCount).Select(i =>
        {
            var n = 12 + ((i * 37) % 60);
            var p = p0 + ((((i * 53) % 41) - 20) / 100.0);
            return new FunnelSite(_places[(i - 1) % _places.Length], n, p);
        }).ToList();
        sites[14] = sites[14] with { Label = "Plymouth", Offered = 64, Proportion = 0.74, Flagged = true };
        sites[13] = sites[13] with { Label = "Derby", Offered = 58, Proportion = 0.24, Flagged = true };
        return new FunnelPlot(
            sites,
            p0,
            new FunnelLimits(Limit(-1.96), Limit(1.96), Limit(-3.09), Limit(3.09)),
            new ChartAxis("Participants offered peer support", 0, 100, 10),
            ChartAxis.Percent("Engagement"));
    }
}
