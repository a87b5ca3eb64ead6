using System.Globalization;
using Reporting.Core.Analysis;
using Reporting.Core.Export;

namespace Reporting.Core.Qca;

/// <summary>Where a trial QCA set (outcome or condition) comes from.</summary>
public enum QcaSetSource
{
    /// <summary>The site's engagement class is high.</summary>
    EngagementHigh,

    /// <summary>The site's fidelity class is high.</summary>
    FidelityHigh,

    /// <summary>A site characteristic has a value (<c>employer=nhs</c>).</summary>
    CharacteristicEquals,

    /// <summary>A number characteristic passes a threshold (<c>supervisor_days_per_week&gt;=1</c>).</summary>
    CharacteristicThreshold,

    /// <summary>The site has a code (<c>code:&lt;text&gt;</c>): at least minSourcesPerCode of its sources were coded with it.</summary>
    Code,
}

/// <summary>How a number characteristic is compared with its threshold.</summary>
public enum ThresholdOperator
{
    /// <summary><c>&gt;=</c></summary>
    AtLeast,

    /// <summary><c>&gt;</c></summary>
    Above,

    /// <summary><c>&lt;=</c></summary>
    AtMost,

    /// <summary><c>&lt;</c></summary>
    Below,
}

/// <summary>
/// One crisp set of a trial QCA, as trial.json writes it (docs/qca.md): <c>engagement</c>, <c>fidelity</c>,
/// <c>name=value</c>, <c>name&gt;=number</c> (also <c>&gt;</c>, <c>&lt;=</c>, <c>&lt;</c>) or <c>code:&lt;text&gt;</c>.
/// <see cref="Text"/> is also the set's name in the truth table and the solutions.
/// </summary>
public sealed record QcaSetSpec(string Text, QcaSetSource Source, string? Characteristic, string? Value, ThresholdOperator? Operator, double? Threshold, string? Code)
{
    /// <summary>Parses a set; <paramref name="error"/> says what is wrong (it never repeats the text).</summary>
    public static bool TryParse(string text, bool outcome, out QcaSetSpec? spec, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        spec = null;
        text = text.Trim();
        if (text.Length == 0)
        {
            error = "a set cannot be empty.";
            return false;
        }

        if (text.IndexOfAny(['*', '+', '~', '[', ']']) >= 0)
        {
            error = "a set cannot contain *, +, ~, [ or ]: they are the notation of the solutions.";
            return false;
        }

        if (string.Equals(text, "engagement", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "fidelity", StringComparison.OrdinalIgnoreCase))
        {
            if (!outcome)
            {
                error = "engagement and fidelity can be the outcome, not a condition.";
                return false;
            }

            var source = string.Equals(text, "engagement", StringComparison.OrdinalIgnoreCase) ? QcaSetSource.EngagementHigh : QcaSetSource.FidelityHigh;
            spec = new QcaSetSpec(text.ToLowerInvariant(), source, null, null, null, null, null);
            error = null;
            return true;
        }

        if (text.StartsWith("code:", StringComparison.OrdinalIgnoreCase))
        {
            var code = text[5..].Trim();
            if (code.Length == 0)
            {
                error = "code: needs the code's text after the colon.";
                return false;
            }

            spec = new QcaSetSpec("code:" + code, QcaSetSource.Code, null, null, null, null, code);
            error = null;
            return true;
        }

        foreach (var (symbol, op) in new[] { (">=", ThresholdOperator.AtLeast), ("<=", ThresholdOperator.AtMost), (">", ThresholdOperator.Above), ("<", ThresholdOperator.Below) })
        {
            var at = text.IndexOf(symbol, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var name = text[..at].Trim();
            var number = text[(at + symbol.Length)..].Trim();
            if (name.Length == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) || !double.IsFinite(threshold))
            {
                error = "a threshold set is written name>=number (or >, <=, <), with '.' as the decimal point.";
                return false;
            }

            spec = new QcaSetSpec(name + symbol + number, QcaSetSource.CharacteristicThreshold, name, null, op, threshold, null);
            error = null;
            return true;
        }

        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0 && eq < text.Length - 1)
        {
            var name = text[..eq].Trim();
            var value = text[(eq + 1)..].Trim();
            spec = new QcaSetSpec(name + "=" + value, QcaSetSource.CharacteristicEquals, name, value, null, null, null);
            error = null;
            return true;
        }

        error = outcome
            ? "the outcome is engagement, fidelity, a characteristic value (employer=nhs) or a number threshold (beds>=20)."
            : "a condition is a characteristic value (employer=nhs), a number threshold (supervisor_days_per_week>=1) or code:<text>.";
        return false;
    }
}

/// <summary>trial.json <c>qca</c>: the outcome, the conditions and the truth table's cut-offs (docs/qca.md).</summary>
public sealed record QcaTrialSettings(QcaSetSpec Outcome, IReadOnlyList<QcaSetSpec> Conditions, double InclCut, double? ContradictionCut, int NCut, double PriCut);

/// <summary>A site in the trial QCA: its crisp membership in the outcome and in each condition (1 or 0).</summary>
public sealed record QcaSiteCase(string SiteId, int Outcome, IReadOnlyList<int> Conditions);

/// <summary>A site left out of the trial QCA, and why.</summary>
public sealed record QcaExcludedSite(string SiteId, string Reason);

/// <summary>
/// run.json <c>qca</c>: the trial's sites as QCA cases, the analysis, and the caution that it describes these cases
/// only. <see cref="Result"/> is null, with <see cref="UnavailableReason"/>, when the sets cannot be evaluated.
/// </summary>
public sealed record TrialQcaResult(
    string Outcome,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<QcaSiteCase> Cases,
    IReadOnlyList<QcaExcludedSite> Excluded,
    QcaResult? Result,
    string? UnavailableReason,
    string Caution);

/// <summary>The value of one site characteristic: a category, a number, or none recorded.</summary>
/// <param name="Known">Whether the name is a characteristic at all.</param>
public readonly record struct QcaCharacteristicValue(bool Known, string? Category, double? Number);

/// <summary>Builds the trial QCA from the run's sites (docs/qca.md).</summary>
public static class TrialQca
{
    /// <summary>The built-in site characteristics (sites.csv's own columns).</summary>
    public static IReadOnlyList<string> BuiltInCharacteristics { get; } = ["locality", "employer", "region", "supervisor_days_per_week"];

    /// <summary>
    /// Looks a characteristic up by name on a site: the site's own (built-in or declared in trial.json
    /// <c>siteCharacteristics</c>, <see cref="SiteResult.Characteristic"/>), or its free-text <c>region</c>.
    /// </summary>
    public static QcaCharacteristicValue Characteristic(SiteResult site, string name)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(name);
        if (string.Equals(name.Trim(), "region", StringComparison.OrdinalIgnoreCase))
        {
            return new(true, site.Region, null);
        }

        return site.Characteristic(name) is { } value ? new(true, value.Category, value.Number) : new(false, null, null);
    }

    /// <summary>The caution every trial QCA carries.</summary>
    public static string Caution(int cases) =>
        $"QCA with few cases describes these cases only: the solutions summarise which combinations of conditions went with the outcome at these {cases.ToString(CultureInfo.InvariantCulture)} site(s). They are not evidence that the conditions cause the outcome, nor that they would elsewhere.";

    /// <summary>Evaluates the sets for each site and runs the QCA.</summary>
    public static TrialQcaResult Build(QcaTrialSettings settings, IReadOnlyList<SiteResult> sites, IReadOnlyList<Coding>? codings, int minSourcesPerCode)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sites);
        var names = settings.Conditions.Select(c => c.Text).ToList();
        TrialQcaResult Unavailable(string reason) => new(settings.Outcome.Text, names, [], [], null, reason, Caution(0));

        var sets = settings.Conditions.Prepend(settings.Outcome).ToList();
        foreach (var set in sets.Where(s => s.Characteristic is not null))
        {
            if (sites.Count > 0 && !Characteristic(sites[0], set.Characteristic!).Known)
            {
                return Unavailable($"{set.Text} names {set.Characteristic}, which is not a site characteristic ({string.Join(", ", BuiltInCharacteristics)}, or one trial.json declares).");
            }
        }

        if (codings is null && sets.Any(s => s.Source == QcaSetSource.Code))
        {
            return Unavailable("A condition is a code, but no coded interview data (codings.csv) was supplied.");
        }

        var sourcesByCode = (codings ?? [])
            .GroupBy(c => (c.SiteId, Code: c.Code.Trim().ToUpperInvariant()))
            .ToDictionary(g => g.Key, g => g.Select(c => c.Source).Distinct(StringComparer.Ordinal).Count());

        var cases = new List<QcaSiteCase>();
        var excluded = new List<QcaExcludedSite>();
        foreach (var site in sites)
        {
            var values = new List<int>();
            string? reason = null;
            foreach (var set in sets)
            {
                var (value, why) = Evaluate(set, site, sourcesByCode, minSourcesPerCode);
                if (value is null)
                {
                    reason ??= why;
                    continue;
                }

                values.Add(value.Value);
            }

            if (reason is not null)
            {
                excluded.Add(new QcaExcludedSite(site.SiteId, reason));
                continue;
            }

            cases.Add(new QcaSiteCase(site.SiteId, values[0], values.Skip(1).ToList()));
        }

        if (cases.Count == 0)
        {
            return new TrialQcaResult(settings.Outcome.Text, names, cases, excluded, null, "No site has the outcome and every condition available.", Caution(0));
        }

        var columns = new List<QcaColumn> { new(settings.Outcome.Text, [.. cases.Select(c => (double)c.Outcome)]) };
        columns.AddRange(names.Select((n, i) => new QcaColumn(n, [.. cases.Select(c => (double)c.Conditions[i])])));
        var table = new QcaTable([.. cases.Select(c => c.SiteId)], columns);
        var options = new QcaOptions(settings.Outcome.Text, names, settings.InclCut, settings.ContradictionCut, settings.NCut, settings.PriCut);
        if (QcaAnalysis.Problem(table, options) is { } problem)
        {
            return new TrialQcaResult(settings.Outcome.Text, names, cases, excluded, null, problem, Caution(cases.Count));
        }

        return new TrialQcaResult(settings.Outcome.Text, names, cases, excluded, QcaAnalysis.Run(table, options), null, Caution(cases.Count));
    }

    private static (int? Value, string Reason) Evaluate(QcaSetSpec set, SiteResult site, Dictionary<(string, string), int> sourcesByCode, int minSources)
    {
        switch (set.Source)
        {
            case QcaSetSource.EngagementHigh:
                return site.EngagementClass is { } e ? (e.Level == Level.High ? 1 : 0, "") : (null, "engagement is not classified");
            case QcaSetSource.FidelityHigh:
                return site.FidelityClass is { } f ? (f.Level == Level.High ? 1 : 0, "") : (null, "fidelity is not classified");
            case QcaSetSource.Code:
                var n = sourcesByCode.GetValueOrDefault((site.SiteId, set.Code!.Trim().ToUpperInvariant()));
                return (n >= minSources ? 1 : 0, "");
        }

        var value = Characteristic(site, set.Characteristic!);
        if (set.Source == QcaSetSource.CharacteristicThreshold)
        {
            if (value.Number is not { } x)
            {
                return (null, value.Category is null ? $"{set.Characteristic} is not recorded" : $"{set.Characteristic} is not a number");
            }

            var pass = set.Operator switch
            {
                ThresholdOperator.AtLeast => x >= set.Threshold,
                ThresholdOperator.Above => x > set.Threshold,
                ThresholdOperator.AtMost => x <= set.Threshold,
                _ => x < set.Threshold,
            };
            return (pass ? 1 : 0, "");
        }

        if (value.Category is { } category)
        {
            return (string.Equals(category, set.Value, StringComparison.OrdinalIgnoreCase) ? 1 : 0, "");
        }

        if (value.Number is { } number)
        {
            return double.TryParse(set.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var target)
                ? (number == target ? 1 : 0, "")
                : (null, $"{set.Characteristic} is a number; compare it with a number");
        }

        return (null, $"{set.Characteristic} is not recorded");
    }
}
