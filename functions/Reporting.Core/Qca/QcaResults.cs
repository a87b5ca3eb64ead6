using System.Text.Json.Serialization;

namespace Reporting.Core.Qca;

/// <summary>
/// What to analyse and the truth table's cut-offs, as R QCA's <c>truthTable()</c> and <c>minimize()</c> take them
/// (docs/qca.md). A row is positive when it has at least <see cref="NCut"/> cases, its consistency is at least
/// <see cref="InclCut"/> and its PRI at least <see cref="PriCut"/>; a row below <see cref="InclCut"/> but at or above
/// <see cref="ContradictionCut"/> is a contradiction.
/// </summary>
public sealed record QcaOptions
{
    /// <summary>Validates and builds the options; throws <see cref="ArgumentException"/> for values R QCA would refuse.</summary>
    public QcaOptions(
        string outcome,
        IReadOnlyList<string>? conditions = null,
        double inclCut = 1,
        double? contradictionCut = null,
        int nCut = 1,
        double priCut = 0,
        bool rowDominance = false,
        IReadOnlyList<DirectionalExpectation>? directionalExpectations = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        var negated = outcome.StartsWith('~');
        Outcome = negated ? outcome[1..].Trim() : outcome.Trim();
        ArgumentException.ThrowIfNullOrWhiteSpace(Outcome, nameof(outcome));
        NegateOutcome = negated;
        Conditions = conditions ?? [];
        if (!(inclCut > 0 && inclCut <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(inclCut), "The inclusion cut-off must be above 0 and at most 1.");
        }

        if (contradictionCut is { } c && !(c > 0 && c <= inclCut))
        {
            throw new ArgumentOutOfRangeException(nameof(contradictionCut), "The contradiction cut-off must be above 0 and at most the inclusion cut-off.");
        }

        if (nCut < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nCut), "n.cut must be at least 1.");
        }

        if (!(priCut >= 0 && priCut <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(priCut), "pri.cut must be between 0 and 1.");
        }

        InclCut = inclCut;
        ContradictionCut = contradictionCut;
        NCut = nCut;
        PriCut = priCut;
        RowDominance = rowDominance;
        DirectionalExpectations = directionalExpectations ?? [];
    }

    /// <summary>The outcome column.</summary>
    public string Outcome { get; }

    /// <summary>Whether the analysis explains the negated outcome (<c>~X</c>: membership 1 − x).</summary>
    public bool NegateOutcome { get; }

    /// <summary>The condition columns, first the most significant; empty means every column but the outcome.</summary>
    public IReadOnlyList<string> Conditions { get; }

    /// <summary>incl.cut's first value: the consistency a positive row needs.</summary>
    public double InclCut { get; }

    /// <summary>incl.cut's second value, when given: rows between it and <see cref="InclCut"/> are contradictions.</summary>
    public double? ContradictionCut { get; }

    /// <summary>n.cut: rows with fewer cases are remainders.</summary>
    public int NCut { get; }

    /// <summary>pri.cut: the PRI a positive row needs.</summary>
    public double PriCut { get; }

    /// <summary>row.dom: drop prime implicants whose positive rows another prime implicant covers, before choosing models.</summary>
    public bool RowDominance { get; }

    /// <summary>Directional expectations for the intermediate solution (dir.exp); empty means no intermediate solution.</summary>
    public IReadOnlyList<DirectionalExpectation> DirectionalExpectations { get; }

    /// <summary>The outcome as the notation writes it: <c>X</c> or <c>~X</c>.</summary>
    public string OutcomeLabel => (NegateOutcome ? "~" : "") + Outcome;
}

/// <summary>A directional expectation: the condition is expected to contribute to the outcome when present
/// (<see cref="Value"/> 1) or absent (0); for a multi-value condition, at that value.</summary>
public sealed record DirectionalExpectation(string Condition, int Value);

/// <summary>A truth table row's output value.</summary>
public enum RowOutput
{
    /// <summary><c>1</c>: enough cases and consistent enough; explained by the solutions.</summary>
    Positive,

    /// <summary><c>0</c>: observed, not consistent enough.</summary>
    Negative,

    /// <summary><c>C</c>: consistency between the two inclusion cut-offs.</summary>
    Contradiction,

    /// <summary><c>?</c>: a logical remainder (fewer cases than n.cut, usually none).</summary>
    Remainder,
}

/// <summary>One condition of the analysis.</summary>
/// <param name="Levels">2 for crisp and fuzzy conditions; 3 or more for a multi-value condition.</param>
public sealed record QcaCondition(string Name, int Levels, bool Fuzzy);

/// <summary>
/// The result of one QCA (docs/qca.md): the truth table, the conservative and parsimonious solutions (and the
/// intermediate one when directional expectations were given), and the necessity of each condition.
/// </summary>
/// <param name="SolutionsUnavailableReason">Why there are no solutions (no positive row), or null.</param>
/// <param name="ParsimoniousUnavailableReason">Why the parsimonious solution is missing (no negative row: every
/// configuration could be used), or null.</param>
public sealed record QcaResult(
    string Outcome,
    bool NegatedOutcome,
    IReadOnlyList<QcaCondition> Conditions,
    bool MultiValue,
    QcaCutOffs CutOffs,
    TruthTable TruthTable,
    QcaSolution? Conservative,
    QcaSolution? Parsimonious,
    IReadOnlyList<IntermediateSolution> Intermediate,
    string? SolutionsUnavailableReason,
    string? ParsimoniousUnavailableReason,
    IReadOnlyList<NecessityFit> Necessity);

/// <summary>An intermediate solution, from one conservative and one parsimonious model (<c>C1P1</c>, …).</summary>
public sealed record IntermediateSolution(string Label, int ConservativeModel, int ParsimoniousModel, QcaSolution Solution);

/// <summary>The cut-offs the truth table used.</summary>
public sealed record QcaCutOffs(double InclCut, double? ContradictionCut, int NCut, double PriCut, bool RowDominance);

/// <summary>Every configuration of the conditions, in row-id order (<c>RowId − 1</c> is the configuration's number,
/// first condition most significant).</summary>
public sealed record TruthTable(IReadOnlyList<TruthTableRow> Rows, int Positive, int Negative, int Contradictions, int Remainders);

/// <summary>One configuration. <see cref="Incl"/> and <see cref="Pri"/> are null for a configuration no case falls into.</summary>
/// <param name="N">Cases with membership above 0.5 in the configuration.</param>
/// <param name="Cases">Those cases, leaving out any with a condition at exactly 0.5.</param>
public sealed record TruthTableRow(
    int RowId,
    IReadOnlyList<int> Values,
    [property: JsonPropertyName("OUT")] RowOutput Out,
    int N,
    double? Incl,
    [property: JsonPropertyName("PRI")] double? Pri,
    IReadOnlyList<string> Cases);

/// <summary>Which solution.</summary>
public enum SolutionType
{
    /// <summary>Positive rows only (no remainders): the complex solution.</summary>
    Conservative,

    /// <summary>Remainders used as simplifying assumptions wherever they simplify.</summary>
    Parsimonious,

    /// <summary>Only the remainders consistent with the directional expectations (easy counterfactuals).</summary>
    Intermediate,
}

/// <summary>
/// A solution: its prime implicants, the models (all equally minimal covers of the positive rows) and the fit.
/// Terms are written with <c>*</c> for AND and <c>~</c> for negation (<c>X[v]</c> for multi-value conditions).
/// </summary>
/// <param name="PrimeImplicants">The prime implicants of the PI chart (after row dominance when asked).</param>
/// <param name="Essential">The terms every model contains.</param>
/// <param name="OverallTermStats">With several models: every term of every model, with <c>covU</c> relative to all of them; else null.</param>
/// <param name="EasyCounterfactuals">Intermediate solution only: the remainders (row ids) it used, the easy counterfactuals; else null.</param>
/// <param name="ModelsComplete">False when the PI chart has more equally minimal models than are listed (more than a
/// thousand, or too many to search exhaustively): the models shown are some of them.</param>
public sealed record QcaSolution(
    SolutionType Type,
    IReadOnlyList<string> PrimeImplicants,
    IReadOnlyList<string> Essential,
    IReadOnlyList<QcaModel> Models,
    IReadOnlyList<TermFit>? OverallTermStats,
    IReadOnlyList<int>? EasyCounterfactuals,
    bool ModelsComplete = true);

/// <summary>One model (M1, M2, …): a disjunction of terms.</summary>
/// <param name="SimplifyingAssumptions">Row ids of the remainders the model's terms cover (none for the conservative solution).</param>
public sealed record QcaModel(
    string Name,
    IReadOnlyList<string> Terms,
    IReadOnlyList<TermFit> TermStats,
    SolutionFit SolutionStats,
    IReadOnlyList<int> SimplifyingAssumptions)
{
    /// <summary>The model as one expression, terms joined by <c> + </c>.</summary>
    public string Expression => string.Join(" + ", Terms);
}

/// <summary>Sufficiency of one term: consistency, PRI, raw and unique coverage, and the cases of each positive row it covers.</summary>
/// <param name="CovU">Unique coverage; null when the model has a single term.</param>
public sealed record TermFit(
    string Term,
    [property: JsonPropertyName("inclS")] double InclS,
    [property: JsonPropertyName("PRI")] double? Pri,
    [property: JsonPropertyName("covS")] double CovS,
    [property: JsonPropertyName("covU")] double? CovU,
    IReadOnlyList<IReadOnlyList<string>> Cases);

/// <summary>Sufficiency of a whole model (the union of its terms). PRI is null when it is 0/0.</summary>
public sealed record SolutionFit(
    [property: JsonPropertyName("inclS")] double InclS,
    [property: JsonPropertyName("PRI")] double? Pri,
    [property: JsonPropertyName("covS")] double CovS);

/// <summary>Necessity of one condition or negated condition for the outcome; a value is null when it is 0/0
/// (for example covN of a set no case belongs to).</summary>
public sealed record NecessityFit(
    string Set,
    [property: JsonPropertyName("inclN")] double? InclN,
    [property: JsonPropertyName("RoN")] double? RoN,
    [property: JsonPropertyName("covN")] double? CovN);
