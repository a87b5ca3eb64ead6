using Reporting.Core.Qca;
using F = Reporting.Pdf.ReportFormat;
using RunModel = Reporting.Core.Analysis.RunModel;

namespace Reporting.Pdf.TrialSections;

/// <summary>A condition of the trial QCA and the letter that heads its column in the case and truth tables.</summary>
internal sealed record QcaConditionLegend(string Letter, string Name);

/// <summary>A model of a solution with the truth table rows of its simplifying assumptions (remainders it covers).</summary>
internal sealed record QcaModelView(QcaModel Model, IReadOnlyList<TruthTableRow> Assumptions);

/// <summary>
/// One solution as the report prints it: at most <see cref="QcaSectionModel.MaxModels"/> of its models, and how many
/// more it has (in run.json); <see cref="Solution"/> null with <see cref="UnavailableReason"/> when there is none.
/// </summary>
internal sealed record QcaSolutionView(SolutionType Type, QcaSolution? Solution, string? UnavailableReason, IReadOnlyList<QcaModelView> Models, int ModelsNotShown);

/// <summary>
/// The trial's QCA (docs/qca.md): its cases and their memberships, the observed truth table rows, the conservative
/// and parsimonious solutions, necessity, and the caution. <see cref="Qca"/> is null when trial.json configures no QCA,
/// and the section then prints nothing. Conditions are lettered A, B, … in the case and truth tables, whose columns
/// would not otherwise fit A4 portrait with up to 16 conditions; the solutions and necessity name them in full.
/// </summary>
/// <param name="Qca">Core's trial QCA, or null.</param>
/// <param name="Conditions">The conditions in order with their letters.</param>
/// <param name="Observed">Truth table rows with at least one case, in row-id order.</param>
/// <param name="Unobserved">Configurations no case falls into (left out of the printed table).</param>
/// <param name="Solutions">The conservative and the parsimonious solution.</param>
internal sealed record QcaSectionModel(
    TrialQcaResult? Qca,
    IReadOnlyList<QcaConditionLegend> Conditions,
    IReadOnlyList<TruthTableRow> Observed,
    int Unobserved,
    IReadOnlyList<QcaSolutionView> Solutions)
{
    /// <summary>The most models of one solution printed; the others are in run.json.</summary>
    public const int MaxModels = 10;

    public static QcaSectionModel From(RunModel run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Qca is not { } qca)
        {
            return new(null, [], [], 0, []);
        }

        var legend = qca.Conditions.Select((c, i) => new QcaConditionLegend(((char)('A' + i)).ToString(), c)).ToList();
        if (qca.Result is not { } result)
        {
            return new(qca, legend, [], 0, []);
        }

        var rows = result.TruthTable.Rows;
        var byId = rows.ToDictionary(r => r.RowId);
        QcaSolutionView View(SolutionType type, QcaSolution? solution, string? unavailable) => new(
            type,
            solution,
            solution is null ? unavailable ?? result.SolutionsUnavailableReason : null,
            (solution?.Models ?? []).Take(MaxModels)
                .Select(m => new QcaModelView(m, m.SimplifyingAssumptions.Where(byId.ContainsKey).Select(id => byId[id]).ToList()))
                .ToList(),
            Math.Max(0, (solution?.Models.Count ?? 0) - MaxModels));
        return new(
            qca,
            legend,
            rows.Where(r => r.N > 0).ToList(),
            rows.Count(r => r.N == 0),
            [
                View(SolutionType.Conservative, result.Conservative, null),
                View(SolutionType.Parsimonious, result.Parsimonious, result.ParsimoniousUnavailableReason),
            ]);
    }
}

/// <summary>Formats <see cref="QcaSectionModel"/>.</summary>
internal static class QcaSection
{
    public static IEnumerable<Block> Compose(QcaSectionModel m)
    {
        if (m.Qca is not { } qca)
        {
            yield break;
        }

        yield return new PageBreak();
        yield return new Heading(2, TrialReportDocument.Sections.Qca);
        yield return new Paragraph(
            $"The trial’s settings (trial.json qca) configure a crisp-set Qualitative Comparative Analysis over the trial’s sites, computed as R’s QCA package computes it: which combinations of conditions went with the outcome {qca.Outcome}. " +
            "Each set is crisp, 1 when the site is in it and 0 otherwise: engagement and fidelity are 1 for a site classed high on that axis; name=value is 1 when the site’s characteristic has that value; " +
            "name>=n (or >, <=, <) when the number passes the threshold; code:text when enough of the site’s sources were coded with that code. In the solutions * is AND, + is OR and ~ is NOT.");
        yield return new Note(qca.Caution);

        foreach (var block in Cases(m, qca))
        {
            yield return block;
        }

        if (qca.Result is not { } result)
        {
            yield return new Paragraph($"The QCA is not available: {qca.UnavailableReason}");
            yield break;
        }

        foreach (var block in TruthTable(m, result))
        {
            yield return block;
        }

        foreach (var solution in m.Solutions)
        {
            foreach (var block in Solution(m, solution, qca.Outcome))
            {
                yield return block;
            }
        }

        foreach (var block in Necessity(result))
        {
            yield return block;
        }
    }

    private static IEnumerable<Block> Cases(QcaSectionModel m, TrialQcaResult qca)
    {
        yield return new Heading(3, "Cases and conditions");
        yield return new BulletList(
        [
            new Paragraph([TextRun.Bold("Outcome: "), qca.Outcome]),
            .. m.Conditions.Select(c => new Paragraph([TextRun.Bold($"{c.Letter}: "), c.Name])),
        ]);
        if (qca.Cases.Count > 0)
        {
            var columns = new List<TableColumn> { new(60), new(70, ColumnAlignment.Center) };
            columns.AddRange(m.Conditions.Select(_ => new TableColumn(24, ColumnAlignment.Center)));
            yield return new Table(
                columns,
                [new TableRow([new TableCell("Site"), new TableCell("Outcome"), .. m.Conditions.Select(c => new TableCell(c.Letter))])],
                qca.Cases.Select(c => new TableRow(
                    [new TableCell(c.SiteId), new TableCell(F.Count(c.Outcome)), .. c.Conditions.Select(v => new TableCell(F.Count(v)))])).ToList())
            {
                RowHeaders = true,
                KeepTogether = true,
            };
        }

        if (qca.Excluded.Count > 0)
        {
            yield return new Paragraph(
                $"{F.Plural(qca.Excluded.Count, "site is", "sites are")} left out: " + string.Join("; ", qca.Excluded.Select(e => $"{e.SiteId}, {e.Reason}")) + ".");
        }
    }

    private static IEnumerable<Block> TruthTable(QcaSectionModel m, QcaResult result)
    {
        var cut = result.CutOffs;
        yield return new Heading(3, "Truth table");
        yield return new Paragraph(
            $"The {F.Plural(m.Observed.Count, "configuration", "configurations")} of the conditions that sites fall into; the other {F.Count(m.Unobserved)} have no site (logical remainders) and are not shown. " +
            $"n is the number of sites, incl the consistency with the outcome, PRI its proportional reduction in inconsistency. OUT is 1 when n ≥ {F.Count(cut.NCut)}, incl ≥ {F.Fit(cut.InclCut)}" +
            (cut.PriCut > 0 ? $" and PRI ≥ {F.Fit(cut.PriCut)}" : "") +
            (cut.ContradictionCut is { } c ? $", C (contradiction) when incl is below that and at least {F.Fit(c)}" : "") +
            ", otherwise 0.");
        var columns = new List<TableColumn> { new(30, ColumnAlignment.Right) };
        columns.AddRange(m.Conditions.Select(_ => new TableColumn(20, ColumnAlignment.Center)));
        columns.AddRange([new(30, ColumnAlignment.Center), new(24, ColumnAlignment.Right), new(40, ColumnAlignment.Right), new(40, ColumnAlignment.Right), new(120)]);
        yield return new Table(
            columns,
            [new TableRow([new TableCell("Row"), .. m.Conditions.Select(c => new TableCell(c.Letter)), "OUT", "n", "incl", "PRI", "Sites"])],
            m.Observed.Select(r => new TableRow(
            [
                new TableCell(F.Count(r.RowId)),
                .. r.Values.Select(v => new TableCell(F.Count(v))),
                Out(r.Out),
                F.Count(r.N),
                F.Fit(r.Incl),
                F.Fit(r.Pri),
                string.Join(", ", r.Cases),
            ], r.Out == RowOutput.Positive ? RowEmphasis.Bold : RowEmphasis.None)).ToList())
        {
            RowHeaders = true,
            KeepTogether = true,
        };
    }

    private static IEnumerable<Block> Solution(QcaSectionModel m, QcaSolutionView view, string outcome)
    {
        var (title, what) = view.Type == SolutionType.Conservative
            ? ("Conservative solution", "The conservative (complex) solution minimises the positive rows only, assuming nothing about configurations no site falls into.")
            : ("Parsimonious solution", "The parsimonious solution may also use the logical remainders wherever they simplify it; the remainders a model uses are its simplifying assumptions, which these data cannot check.");
        yield return new Heading(3, title);
        yield return new Paragraph(what);
        if (view.Solution is not { } solution)
        {
            yield return new Paragraph($"Not available: {view.UnavailableReason}");
            yield break;
        }

        if (view.Models.Count > 1 || view.ModelsNotShown > 0)
        {
            yield return new Paragraph(
                $"{F.Plural(solution.Models.Count, "model covers", "models cover")} the positive rows equally well" + (solution.ModelsComplete ? "" : " (and there are more that are not listed)") +
                (view.ModelsNotShown > 0 ? $"; the first {F.Count(view.Models.Count)} are shown, every one is in run.json." : "."));
        }

        foreach (var (model, assumptions) in view.Models)
        {
            yield return new Paragraph([TextRun.Bold($"{model.Name}: "), $"{model.Expression} → {outcome}"]);
            var rows = model.TermStats.Select(t => new TableRow(
            [
                t.Term,
                F.Fit(t.InclS),
                F.Fit(t.Pri),
                F.Fit(t.CovS),
                F.Fit(t.CovU),
                string.Join("; ", t.Cases.Select(c => string.Join(", ", c))),
            ])).ToList();
            var fit = model.SolutionStats;
            rows.Add(new TableRow([$"{model.Name} (solution)", F.Fit(fit.InclS), F.Fit(fit.Pri), F.Fit(fit.CovS), string.Empty, string.Empty], RowEmphasis.Bold));
            yield return new Table(
                [
                    new TableColumn(170), new TableColumn(38, ColumnAlignment.Right), new TableColumn(38, ColumnAlignment.Right),
                    new TableColumn(38, ColumnAlignment.Right), new TableColumn(38, ColumnAlignment.Right), new TableColumn(110),
                ],
                [new TableRow(["Term", "inclS", "PRI", "covS", "covU", "Sites it covers"])],
                rows) { RowHeaders = true, KeepTogether = true };
            if (view.Type == SolutionType.Parsimonious)
            {
                yield return new Paragraph(assumptions.Count == 0
                    ? $"{model.Name} uses no simplifying assumption."
                    : $"Simplifying assumptions of {model.Name} (remainders treated as if they had the outcome): " +
                      string.Join("; ", assumptions.Select(a => $"row {F.Count(a.RowId)} ({string.Join(", ", a.Values.Select((v, i) => $"{m.Conditions[i].Letter} = {F.Count(v)}"))})")) + ".");
            }
        }
    }

    private static IEnumerable<Block> Necessity(QcaResult result)
    {
        yield return new Heading(3, "Necessity");
        yield return new Paragraph(
            "How far each condition, and its negation, is necessary for the outcome: inclN is the share of the outcome’s membership inside the condition, RoN its relevance (low when the condition is almost always present) and covN its coverage.");
        yield return new Table(
            [new TableColumn(250), new TableColumn(50, ColumnAlignment.Right), new TableColumn(50, ColumnAlignment.Right), new TableColumn(50, ColumnAlignment.Right)],
            [new TableRow(["Condition", "inclN", "RoN", "covN"])],
            result.Necessity.Select(n => new TableRow([n.Set, F.Fit(n.InclN), F.Fit(n.RoN), F.Fit(n.CovN)])).ToList()) { RowHeaders = true, KeepTogether = true };
    }

    private static string Out(RowOutput output) => output switch
    {
        RowOutput.Positive => "1",
        RowOutput.Negative => "0",
        RowOutput.Contradiction => "C",
        _ => "?",
    };
}
