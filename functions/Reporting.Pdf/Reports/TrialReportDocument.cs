using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Core.Metrics;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf;

/// <summary>
/// The trial implementation report (docs/reports.md) for the trial team and funder, as semantic blocks: summary,
/// engagement against fidelity, site table, fidelity details, funnel plot, case selection, patterns A–D,
/// outcome by engagement, data provenance and methods notes. It formats the run model and computes nothing.
/// </summary>
public static class TrialReportDocument
{
    /// <summary>Section headings, in order (tests find sections by them).</summary>
    public static class Sections
    {
        public const string Summary = "Summary";
        public const string EngagementAndFidelity = "Engagement and fidelity";
        public const string SiteTable = "Site table";
        public const string FidelityDetails = "Fidelity details";
        public const string FunnelPlot = "Funnel plot";
        public const string CaseSelection = "Case selection";
        public const string Patterns = "Patterns A–D";
        public const string Outcome = "Outcome by engagement";
        public const string Provenance = "Data provenance";
        public const string Methods = "Methods notes";
    }

    /// <summary>The sentence printed when the run has no engagement (no contacts.csv).</summary>
    public const string EngagementUnavailable = "Engagement is not available: it is computed from contacts.csv, which this run did not have.";

    /// <summary>The sentence printed when no site has a fidelity score.</summary>
    public const string FidelityUnavailable = "Fidelity is not available: no site has a fidelity score (fidelity.csv, or the trial's fidelity instrument, was not supplied, or no rater scored every item).";

    public static ReportDocument Build(RunModel run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var t = run.Trial;
        var blocks = new List<Block>
        {
            new Heading(1, "Trial implementation report"),
            new Paragraph([TextRun.Italic(Subtitle(t))]),
        };

        Summary(run, blocks);
        EngagementAndFidelity(run, blocks);
        SiteTable(run, blocks);
        FidelityDetails(run, blocks);
        Funnel(run, blocks);
        CaseSelection(run, blocks);
        Patterns(run, blocks);
        Outcome(run, blocks);
        Provenance(run, blocks);
        Methods(run, blocks);

        return new ReportDocument(
            $"{t.TrialId} — trial implementation report",
            $"Implementation of {t.Title} across {F.Plural(run.Sites.Count, "site", "sites")}",
            ["implementation", "engagement", "fidelity", "trial report", t.TrialId],
            run.DataTimestamp,
            blocks)
        {
            HeaderNote = $"Data cut-off {F.Date(t.DataCutOff)}",
            FooterNote = FooterNote(run),
        };
    }

    internal static string Subtitle(TrialInfo t) =>
        string.Join(" · ", new[] { t.Title, t.Registration, $"data cut-off {F.Date(t.DataCutOff)}" }.Where(s => !string.IsNullOrWhiteSpace(s)));

    internal static string FooterNote(RunModel run) =>
        $"Run {run.RunId} · pipeline {run.PipelineVersion}" + (F.IsSynthetic(run.Trial.Title) ? " · synthetic data" : "");

    internal static string SiteName(SiteResult s) => $"{s.SiteId} {s.SiteName}";

    private static void Summary(RunModel run, List<Block> blocks)
    {
        var t = run.Trial;
        var pooled = run.Pooled;
        var items = new List<KeyValue>
        {
            new("Trial", t.Title),
        };
        if (t.Registration is { Length: > 0 } registration)
        {
            items.Add(new("Registration", registration));
        }

        items.Add(new("Data cut-off", $"{F.Date(t.DataCutOff)} ({CutOffSource(t)})"));
        items.Add(new("Sites", F.Count(run.Sites.Count)));
        items.Add(new("Participants", $"{F.Count(pooled.Participants)} randomised: {F.Count(pooled.PeerSupport)} offered peer support, {F.Count(pooled.UsualCare)} usual care"));
        items.Add(new("Pooled engagement", pooled.Engagement is { } pe ? F.ProportionLong(pe.Proportion) : "not available (no contacts)"));
        if (pooled.Engagement is { } p)
        {
            items.Add(new("Pending", $"{F.Count(p.Pending)} not yet engaged who still may; {F.Count(p.Withdrawn)} withdrawn"));
        }

        items.Add(new("Engagement against fidelity", run.Spearman is { } s ? "Spearman’s " + F.Spearman(s) : "not available"));
        items.Add(new("Cases", CasesLine(run)));
        items.Add(new("Run", $"{run.RunId} (pipeline {run.PipelineVersion})"));

        blocks.Add(new KeyValuePanel(items) { KeyWidthFraction = 0.3 });
        blocks.Add(new Heading(2, Sections.Summary));

        if (pooled.Engagement is { } e)
        {
            var rule = t.Engagement;
            blocks.Add(new Paragraph(
            [
                $"Across the {F.Plural(run.Sites.Count, "site", "sites")}, ",
                TextRun.Bold($"{F.Count(e.Engaged)} of {F.Count(e.Offered)} participants offered peer support ({F.Percent(e.Proportion.Value)}) engaged"),
                $" with it by the data cut-off (95% CI {F.Interval(e.Proportion)}): at least {F.Count(rule.MinContacts)} counted contacts with their peer worker, at least {F.Count(rule.MinPostDischargeContacts)} of them after discharge. ",
                $"{F.Plural(e.Pending, "participant was", "participants were")} still pending (not engaged, not withdrawn, and still within the follow-up window), so these figures may yet rise.",
            ]));
        }
        else
        {
            blocks.Add(new Paragraph(EngagementUnavailable));
        }

        if (run.Spearman is { } sp)
        {
            blocks.Add(new Paragraph(
            [
                "Spearman’s rank correlation between site engagement and site fidelity: ",
                TextRun.Bold(F.Spearman(sp)),
                ". A positive ρ means sites with higher fidelity tended to engage more of the participants they were offered; with this few sites it describes these sites and is not a general estimate.",
            ]));
        }
        else if (run.SpearmanUnavailableReason is { } reason)
        {
            blocks.Add(new Paragraph(reason));
        }

        var bullets = new List<Paragraph>();
        foreach (var (role, label) in new[] { (CaseRole.HighHigh, "High engagement and high fidelity: "), (CaseRole.LowLow, "Low engagement and low fidelity: "), (CaseRole.Outlier, "Outliers: ") })
        {
            var sites = run.Sites.Where(s => s.Role == role).Select(SiteName).ToList();
            bullets.Add(new Paragraph([TextRun.Bold(label), sites.Count == 0 ? "none." : string.Join("; ", sites) + "."]));
        }

        var others = run.Sites.Where(s => s.Role == CaseRole.NotSelected).Select(SiteName).ToList();
        bullets.Add(new Paragraph([TextRun.Bold("Not compared: "), others.Count == 0 ? "none." : string.Join("; ", others) + "."]));
        blocks.Add(new BulletList(bullets));
        blocks.Add(new Note($"Descriptive figures from {F.Plural(run.Sites.Count, "site", "sites")}: see {Sections.Methods} for how each figure was computed and for cautions on small numbers."));
    }

    private static string CasesLine(RunModel run)
    {
        if (run.CrossCase.Cases.Count == 0)
        {
            return "none selected";
        }

        var parts = new List<string>();
        foreach (var (role, label) in new[] { (CaseRole.HighHigh, "high–high"), (CaseRole.LowLow, "low–low"), (CaseRole.Outlier, "outlier") })
        {
            var ids = run.CrossCase.Cases.Where(c => c.Role == role).Select(c => c.SiteId).ToList();
            if (ids.Count > 0)
            {
                parts.Add($"{label} {string.Join(", ", ids)}");
            }
        }

        return string.Join("; ", parts);
    }

    private static string CutOffSource(TrialInfo t) => t.DataCutOffSource == "trial" ? "set in trial.json" : "the latest date in the data";

    private static void EngagementAndFidelity(RunModel run, List<Block> blocks)
    {
        var scatter = ReportCharts.Scatter(run);
        var bars = ReportCharts.Bars(run);
        if (scatter is not null || bars is not null)
        {
            // The charts read together, so they start a page of their own rather than leaving the heading alone at the foot of the summary.
            blocks.Add(new PageBreak());
        }

        blocks.Add(new Heading(2, Sections.EngagementAndFidelity));
        if (scatter is null || ReportCharts.Plottable(run).Count == 0)
        {
            var hasEngagement = run.Sites.Any(s => s.Engagement?.Proportion.Value is not null);
            var hasFidelity = run.Sites.Any(s => s.Fidelity?.Score is not null);
            var missing = !hasEngagement && !hasFidelity ? "neither engagement nor fidelity is available"
                : !hasEngagement ? "engagement is not available" : !hasFidelity ? "fidelity is not available" : "no site has both";
            blocks.Add(new Paragraph($"The chart of engagement against fidelity needs both figures for at least one site; {missing} in this run."));
        }
        else
        {
            var e = run.Classification.Engagement!;
            var f = run.Classification.Fidelity!;
            blocks.Add(new Paragraph(
                $"Each site’s engagement is plotted against its fidelity score. Dashed lines mark the thresholds: {Thresholds(e, f)}. " +
                "Filled circles are the contrasting cases (high–high and low–low), diamonds the outliers, hollow circles the sites not compared."));
            var plotted = ReportCharts.Plottable(run);
            blocks.Add(new Figure(
                scatter,
                "Figure 1. Engagement against fidelity by site, with the classification thresholds.",
                $"Scatter plot of engagement (0 to 100%) against fidelity score for {F.Plural(plotted.Count, "site", "sites")}: " +
                string.Join("; ", plotted.Select(s => $"{s.SiteId} fidelity {F.Score(s.Fidelity!.Score)}, engagement {F.Percent(s.Engagement!.Proportion.Value)}, {F.Role(s.Role)}")) + "."));
            var notPlotted = run.Sites.Where(s => !plotted.Contains(s)).Select(s => s.SiteId).ToList();
            if (notPlotted.Count > 0)
            {
                blocks.Add(new Paragraph($"Not plotted (engagement or fidelity not available): {string.Join(", ", notPlotted)}."));
            }
        }

        if (bars is not null)
        {
            blocks.Add(new Figure(
                bars,
                "Figure 2. Engagement by site with Wilson 95% confidence intervals; the dashed line is the pooled proportion.",
                $"Bar chart of engagement by site with 95% intervals; pooled engagement {F.Percent(run.Pooled.Engagement!.Proportion.Value)}: " +
                string.Join("; ", bars.Sites.Select(b => $"{b.Label} {F.Percent(b.Value)} ({F.Interval(b.Lower, b.Upper)})")) + "."));
        }
    }

    internal static string Thresholds(AxisThresholds e, AxisThresholds f) =>
        $"engagement high ≥ {F.Percent(e.High)} and low ≤ {F.Percent(e.Low)}, {ThresholdSource(e)}; fidelity high ≥ {F.Score(f.High)} and low ≤ {F.Score(f.Low)}, {ThresholdSource(f)}";

    private static string ThresholdSource(AxisThresholds a) => a.Source == "tertiles" ? "the trial’s tertiles" : "set by the trial";

    private static void SiteTable(RunModel run, List<Block> blocks)
    {
        if (run.Pooled.Engagement is not null)
        {
            // After the charts' page; a run without engagement has no charts, and the table follows the text.
            blocks.Add(new PageBreak());
        }

        blocks.Add(new Heading(2, Sections.SiteTable));
        blocks.Add(new Paragraph(
            "Every site with its setting (locality, employer), engagement (engaged of offered, with the Wilson 95% interval and those still pending), " +
            "fidelity score, class on each axis (engagement / fidelity) and case role. Sites outside the funnel plot’s 99.8% limits are highlighted; the pooled row is in bold."));
        if (run.Pooled.Engagement is null)
        {
            blocks.Add(new Paragraph(EngagementUnavailable));
        }

        var rows = run.Sites.Select(s =>
        {
            var e = s.Engagement;
            var flagged = s.FunnelPosition is FunnelPosition.Above998 or FunnelPosition.Below998;
            return new TableRow(
                [
                    s.SiteId,
                    s.SiteName,
                    $"{F.Locality(s.Locality)}, {F.Employer(s.Employer)}",
                    e is null ? F.Missing : F.Count(e.Offered),
                    e is null ? F.Missing : F.Count(e.Engaged),
                    e is null ? F.Missing : F.Percent(e.Proportion.Value),
                    e is null ? F.Missing : F.Interval(e.Proportion),
                    e is null ? F.Missing : F.Count(e.Pending),
                    F.Score(s.Fidelity?.Score),
                    $"{F.Level(s.EngagementClass?.Level)} / {F.Level(s.FidelityClass?.Level)}",
                    F.Role(s.Role),
                ],
                flagged ? RowEmphasis.Highlight : RowEmphasis.None);
        }).ToList();

        if (run.Pooled.Engagement is { } p)
        {
            rows.Add(new TableRow(
                [
                    new TableCell($"Pooled ({F.Plural(run.Sites.Count, "site", "sites")})", 3),
                    F.Count(p.Offered), F.Count(p.Engaged), F.Percent(p.Proportion.Value), F.Interval(p.Proportion), F.Count(p.Pending),
                    new TableCell(string.Empty, 3),
                ],
                RowEmphasis.Bold));
        }

        blocks.Add(new Table(
            [
                new TableColumn(27), new TableColumn(49), new TableColumn(50),
                new TableColumn(40, ColumnAlignment.Right), new TableColumn(43, ColumnAlignment.Right), new TableColumn(32, ColumnAlignment.Right),
                new TableColumn(56, ColumnAlignment.Right), new TableColumn(41, ColumnAlignment.Right), new TableColumn(32, ColumnAlignment.Right),
                new TableColumn(48, ColumnAlignment.Center), new TableColumn(62),
            ],
            [
                new TableRow([new TableCell("Site", 3), new TableCell("Engagement", 5), new TableCell("Fidelity and case", 3)]),
                new TableRow(["Id", "Name", "Setting", "Offered", "Engaged", "%", "95% CI", "Pending", "Score", "Class E / F", "Role"]),
            ],
            rows));

        if (run.Classification.Engagement is { } et && run.Classification.Fidelity is { } ft)
        {
            blocks.Add(new Paragraph($"Classes use these thresholds: {Thresholds(et, ft)}. Thresholds are inclusive."));
        }
    }

    private static void FidelityDetails(RunModel run, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.FidelityDetails));
        var t = run.Trial;
        if (run.Sites.All(s => s.Fidelity is null))
        {
            blocks.Add(new Paragraph(FidelityUnavailable));
            return;
        }

        blocks.Add(new Paragraph(
            $"Fidelity was rated with the {t.FidelityInstrument ?? "trial’s fidelity instrument"}" +
            (t.FidelityItems is { } items ? $": {F.Plural(items, "item", "items")}" + (t.FidelityMaxTotal is { } max ? $", maximum total {F.Number(max)}" : "") : "") +
            ". Each rater’s total is the sum of their item scores at the site’s latest assessment; the site score is the mean of the complete raters’ totals. " +
            "With two or more complete raters, agreement is the share of items on which they gave exactly the same score."));

        var rows = run.Sites.Select(s =>
        {
            var fid = s.Fidelity;
            if (fid is null || fid.AssessedOn is null)
            {
                return new TableRow([s.SiteId, new TableCell("not assessed", 5)]);
            }

            var raters = string.Join("; ", fid.Raters.Select(r => r.Total is { } total
                ? $"{r.RaterId} {F.Score(total)}"
                : $"{r.RaterId} incomplete (missing {string.Join(", ", r.MissingItems)})"));
            var agreement = fid.ExactAgreementShare is { } share && fid.Agreement is { } a
                ? $"{F.Percent(share)} of {F.Plural(a.Count, "item", "items")}"
                : "needs two complete raters";
            return new TableRow(
            [
                s.SiteId,
                F.Date(fid.AssessedOn),
                raters,
                F.Score(fid.Score),
                agreement,
                fid.LargestRaterDifference is { } d ? F.Score(d) : F.Missing,
            ]);
        }).ToList();

        blocks.Add(new Table(
            [
                new TableColumn(26), new TableColumn(64), new TableColumn(150), new TableColumn(34, ColumnAlignment.Right),
                new TableColumn(100), new TableColumn(62, ColumnAlignment.Right),
            ],
            [new TableRow(["Site", "Assessed on", "Rater totals", "Score", "Exact agreement", "Largest rater difference"])],
            rows));
    }

    private static void Funnel(RunModel run, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.FunnelPlot));
        if (ReportCharts.Funnel(run.Funnel, run.Sites.Count) is not { } funnel || run.Funnel is not { } model)
        {
            blocks.Add(new Paragraph(run.Pooled.Engagement is null
                ? "The funnel plot is not available: " + EngagementUnavailable
                : "The funnel plot is not available: no site has anyone offered peer support."));
            return;
        }

        blocks.Add(new Paragraph(
            $"Site engagement against the number offered, with 95% and 99.8% limits around the pooled proportion ({F.Percent(model.Target)}). " +
            "Small sites vary more by chance, so their limits are wider; a site outside the 99.8% limits is flagged as a statistical outlier."));
        blocks.Add(new Figure(
            funnel,
            "Figure 3. Funnel plot of site engagement with 95% and 99.8% limits around the pooled proportion.",
            $"Funnel plot of {F.Plural(model.Sites.Count, "site", "sites")} around a target of {F.Percent(model.Target)}: " +
            string.Join("; ", model.Sites.Select(s => $"{s.SiteId} {F.Percent(s.Proportion)} of {F.Count(s.N)}, {F.Funnel(s.Position)}")) + "."));

        var flagged = model.Sites.Where(s => s.Flagged).Select(s => $"{s.SiteId} ({(s.Position == FunnelPosition.Above998 ? "above" : "below")})").ToList();
        var outside95 = model.Sites.Where(s => s.Position is FunnelPosition.Above95 or FunnelPosition.Below95).Select(s => $"{s.SiteId} ({(s.Position == FunnelPosition.Above95 ? "above" : "below")})").ToList();
        blocks.Add(new BulletList(
        [
            new Paragraph([TextRun.Bold("Outside the 99.8% limits: "), flagged.Count == 0 ? "none." : string.Join("; ", flagged) + "."]),
            new Paragraph([TextRun.Bold("Outside the 95% limits, within the 99.8% limits: "), outside95.Count == 0 ? "none." : string.Join("; ", outside95) + "."]),
        ]));
    }

    private static void CaseSelection(RunModel run, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.CaseSelection));
        blocks.Add(new Paragraph(
            "Sites high on both axes (high–high) and low on both (low–low) are the contrasting cases. Outliers are sites high on one axis and low or mid-range on the other, " +
            "and any other site outside the funnel plot’s 99.8% limits. Other sites are not compared. Each site’s reason is the rule applied to its figures."));
        blocks.Add(new Table(
            [new TableColumn(27), new TableColumn(62), new TableColumn(298), new TableColumn(84)],
            [new TableRow(["Site", "Role", "Reason", "Funnel plot"])],
            run.Sites.Select(s => new TableRow(
                [s.SiteId, F.Role(s.Role), s.RoleReason, s.FunnelPosition is { } pos ? F.FunnelShort(pos) : F.Missing])).ToList()));
    }

    private static void Patterns(RunModel run, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.Patterns));
        var cc = run.CrossCase;
        if (cc.Matrix is not { } matrix || cc.Patterns is not { } patterns)
        {
            blocks.Add(new Paragraph(cc.UnavailableReason ?? "The cross-case comparison is not available for this run."));
            return;
        }

        blocks.Add(new Paragraph(
            $"Coded interview data from the {F.Plural(matrix.SiteIds.Count, "selected case", "selected cases")} ({string.Join(", ", matrix.SiteIds)}) were compared in a framework matrix of " +
            $"{F.Plural(matrix.Rows.Count, "code", "codes")}, grouped by domain and construct of the adapted PARIHS framework. A site has a code when " +
            $"{F.Count(matrix.MinSourcesPerCode)} or more distinct sources (pseudonymised interviewees) at that site were coded with it. " +
            "Each code lists the sites that have it, its sources, how its coded segments lean (facilitator, barrier, neutral) and up to three quoted excerpts."));

        Matrix(matrix, blocks);

        foreach (var (pattern, title) in new[] { (patterns.A, "Pattern A: shared by every case"), (patterns.B, "Pattern B: high–high cases only"), (patterns.C, "Pattern C: low–low cases only") })
        {
            blocks.Add(new Heading(3, title));
            blocks.Add(new Paragraph(pattern.Description));
            if (!pattern.Available)
            {
                blocks.Add(new Paragraph($"Pattern {pattern.Id} is not available: {pattern.UnavailableReason}"));
            }
            else if (pattern.Codes.Count == 0)
            {
                blocks.Add(new Paragraph($"No code fits pattern {pattern.Id}."));
            }
            else
            {
                blocks.AddRange(CodeBlocks.PatternCodes(pattern.Codes));
            }
        }

        if (patterns.D.Count == 0)
        {
            blocks.Add(new Heading(3, "Pattern D: outliers"));
            blocks.Add(new Paragraph(patterns.DUnavailableReason ?? "No outlier was selected, so pattern D is not available."));
        }

        foreach (var d in patterns.D)
        {
            var site = run.Sites.FirstOrDefault(s => s.SiteId == d.SiteId);
            blocks.Add(new Heading(3, $"Pattern D: outlier {(site is null ? d.SiteId : SiteName(site))}"));
            if (site is not null)
            {
                blocks.Add(new Paragraph(site.RoleReason));
            }

            foreach (var (codes, label, none) in new[]
            {
                (d.SharedWithHighHigh, "Pattern B codes it has (shared with the high–high cases)", "It has none of the pattern B codes."),
                (d.SharedWithLowLow, "Pattern C codes it has (shared with the low–low cases)", "It has none of the pattern C codes."),
                (d.Unique, "Codes no other selected case has", "It has no code that no other selected case has."),
            })
            {
                blocks.Add(new Paragraph([TextRun.Bold(label)]));
                if (codes.Count == 0)
                {
                    blocks.Add(new Paragraph(none));
                }
                else
                {
                    blocks.AddRange(CodeBlocks.PatternCodes(codes, showSites: false));
                }
            }
        }
    }

    /// <summary>Sources per cell of the matrix when it fits the page; wider matrices are left to run.json.</summary>
    private static void Matrix(FrameworkMatrix matrix, List<Block> blocks)
    {
        blocks.Add(new Heading(3, "Framework matrix"));
        if (matrix.Rows.Count == 0)
        {
            blocks.Add(new Paragraph("No code was recorded at the selected cases."));
            return;
        }

        const int maxColumns = 10;
        if (matrix.SiteIds.Count > maxColumns)
        {
            blocks.Add(new Paragraph(
                $"With {F.Plural(matrix.SiteIds.Count, "case", "cases")} the matrix is too wide to print; it is in run.json (crossCase.matrix). The patterns below summarise it."));
            return;
        }

        blocks.Add(new Paragraph(
            "Number of distinct sources coded with each code at each case; an empty cell means none, a number in brackets means too few sources for the site to have the code."));
        var columns = new List<TableColumn> { new(110), new(190) };
        columns.AddRange(matrix.SiteIds.Select(_ => new TableColumn(Math.Min(34, 170.0 / matrix.SiteIds.Count), ColumnAlignment.Center)));
        var header = new List<TableCell> { "Domain · construct", "Code" };
        header.AddRange(matrix.SiteIds.Select(id => new TableCell(id)));
        var rows = matrix.Rows.Select(r =>
        {
            var cells = new List<TableCell> { CodeBlocks.GroupLabel(r.Code.Domain, r.Code.Construct), r.Code.Code.Trim() };
            cells.AddRange(r.Cells.Select(c => new TableCell(
                c.Sources.Count == 0 ? string.Empty : c.Has ? F.Count(c.Sources.Count) : $"({F.Count(c.Sources.Count)})")));
            return new TableRow(cells);
        }).ToList();
        blocks.Add(new Table(columns, [new TableRow(header)], rows));
    }

    private static void Outcome(RunModel run, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.Outcome));
        if (run.Pooled.Outcome is not { } pooled)
        {
            blocks.Add(new Paragraph(
                "Outcome by engagement is not available: it needs contacts.csv (to tell engaged from not engaged participants) and readmitted_12m recorded for at least one participant."));
            return;
        }

        blocks.Add(new Note(
            "Descriptive only. Readmission within 12 months, where recorded, by group: participants chose whether to engage, so these groups are not randomised comparisons and differences between them are not effects of peer support."));
        var rows = run.Sites.Select(s => s.Outcome is { } o
            ? new TableRow([s.SiteId, .. OutcomeCells(o)])
            : new TableRow([s.SiteId, new TableCell("not recorded", 6)])).ToList();
        rows.Add(new TableRow([new TableCell("Pooled"), .. OutcomeCells(pooled)], RowEmphasis.Bold));
        blocks.Add(new Table(
            [
                new TableColumn(45),
                new TableColumn(50, ColumnAlignment.Right), new TableColumn(92, ColumnAlignment.Right),
                new TableColumn(50, ColumnAlignment.Right), new TableColumn(92, ColumnAlignment.Right),
                new TableColumn(50, ColumnAlignment.Right), new TableColumn(92, ColumnAlignment.Right),
            ],
            [
                new TableRow([string.Empty, new TableCell("Engaged", 2), new TableCell("Not engaged (peer support arm)", 2), new TableCell("Usual care", 2)]),
                new TableRow(["Site", "Readmitted", "% (95% CI)", "Readmitted", "% (95% CI)", "Readmitted", "% (95% CI)"]),
            ],
            rows));
    }

    private static IEnumerable<TableCell> OutcomeCells(OutcomeGroups o)
    {
        foreach (var p in new[] { o.Engaged, o.NotEngaged, o.UsualCare })
        {
            yield return $"{F.Count(p.Count)}/{F.Count(p.Total)}";
            yield return F.PercentWithInterval(p);
        }
    }

    private static void Provenance(RunModel run, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.Provenance));
        var pv = run.Provenance;
        blocks.Add(new KeyValuePanel(
        [
            new("Run id", run.RunId),
            new("Pipeline version", run.PipelineVersion),
            new("run.json schema", run.SchemaVersion),
            new("Data cut-off", $"{F.Date(run.Trial.DataCutOff)} ({CutOffSource(run.Trial)})"),
            new("Validation", $"{F.Plural(pv.Errors, "error", "errors")} and {F.Plural(pv.Warnings, "warning", "warnings")} over {F.Plural(pv.Files.Count, "file", "files")}"),
        ]) { KeyWidthFraction = 0.3 });
        blocks.Add(new Paragraph(
            "The run id is derived from the pipeline version and each input file’s SHA-256, so the same files on the same pipeline give the same run and the same reports."));
        blocks.Add(new Table(
            [
                new TableColumn(68), new TableColumn(32, ColumnAlignment.Right), new TableColumn(40, ColumnAlignment.Right),
                new TableColumn(49, ColumnAlignment.Right), new TableColumn(282),
            ],
            [new TableRow(["File", "Rows", "Bytes", "Errors / warnings", "SHA-256"])],
            pv.Files.Select(f => new TableRow(
            [
                f.FileName,
                f.Kind == DatasetKind.Trial ? F.Missing : F.Count(f.Rows),
                F.Count(f.Bytes),
                $"{F.Count(f.Errors)} / {F.Count(f.Warnings)}",
                f.Sha256,
            ])).ToList()));
    }

    private static void Methods(RunModel run, List<Block> blocks)
    {
        blocks.Add(new Heading(2, Sections.Methods));
        blocks.Add(new BulletList(MethodsItems(run).Select(m => new Paragraph(m)).ToList()));
        if (run.Cautions.Count > 0)
        {
            blocks.Add(new Heading(3, "Cautions"));
            blocks.Add(new BulletList(run.Cautions.Select(c => new Paragraph(c)).ToList()));
        }
    }

    /// <summary>The rules the run applied, in words (shared with the site report).</summary>
    internal static IEnumerable<string> MethodsItems(RunModel run)
    {
        var t = run.Trial;
        var rule = t.Engagement;
        var window = rule.FollowUpDays is { } days
            ? $"and no later than {F.Plural(days, "day", "days")} after discharge"
            : "with no limit after discharge";
        yield return $"Engagement: a participant offered peer support is engaged with at least {F.Count(rule.MinContacts)} counted contacts, at least {F.Count(rule.MinPostDischargeContacts)} of them after the day of discharge. " +
            $"Only completed contacts count, from randomisation to withdrawal {window}. Offered = everyone in the peer-support arm, withdrawn included; " +
            "pending = offered, not engaged, not withdrawn and still able to engage by the cut-off. Intervals are Wilson 95% intervals.";
        if (t.FidelityInstrument is { } instrument)
        {
            yield return $"Fidelity: {instrument}" + (t.FidelityItems is { } n ? $", {F.Plural(n, "item", "items")}" : "") + (t.FidelityMaxTotal is { } max ? $", maximum total {F.Number(max)}" : "") +
                ". The site score is the mean of the complete raters’ totals at the site’s latest assessment; a rater who missed an item is reported but not scored.";
        }

        if (run.Classification.Engagement is { } e && run.Classification.Fidelity is { } f)
        {
            yield return $"Classification: {Thresholds(e, f)}; thresholds are inclusive.";
        }

        yield return "Case selection: high–high and low–low sites are the contrasting cases; outliers are high on one axis and low or mid-range on the other, or outside the funnel plot’s 99.8% limits.";
        yield return $"Cross-case comparison: a selected site has a code when {F.Count(t.MinSourcesPerCode)} or more distinct sources at the site were coded with it; codes are compared by domain, construct and code text, ignoring case.";
    }
}
