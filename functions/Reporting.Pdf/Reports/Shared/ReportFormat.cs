using System.Globalization;
using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Core.Metrics;

namespace Reporting.Pdf;

/// <summary>How the reports print the run model's values. Formatting and rounding only; nothing is computed here.</summary>
internal static class ReportFormat
{
    /// <summary>Printed where a value is not available.</summary>
    public const string Missing = "—";

    private static readonly CultureInfo _inv = CultureInfo.InvariantCulture;

    public static string Count(int value) => value.ToString("N0", _inv);

    public static string Count(long value) => value.ToString("N0", _inv);

    /// <summary>A proportion (0–1) as a percentage with one decimal, e.g. 61.0%.</summary>
    public static string Percent(double? proportion) =>
        proportion is { } p ? (p * 100).ToString("0.0", _inv) + "%" : Missing;

    /// <summary>A Wilson interval as "55.3–66.4%".</summary>
    public static string Interval(double? low, double? high) =>
        low is { } l && high is { } h ? $"{(l * 100).ToString("0.0", _inv)}–{(h * 100).ToString("0.0", _inv)}%" : Missing;

    public static string Interval(Proportion p) => Interval(p.CiLow, p.CiHigh);

    /// <summary>"21/41 (51.2%; 95% CI 36.5–65.7%)".</summary>
    public static string ProportionLong(Proportion p) =>
        p.Value is null
            ? $"{Count(p.Count)}/{Count(p.Total)}"
            : $"{Count(p.Count)}/{Count(p.Total)} ({Percent(p.Value)}; 95% CI {Interval(p)})";

    /// <summary>"51.2% (36.5–65.7%)" or a dash without a denominator.</summary>
    public static string PercentWithInterval(Proportion p) =>
        p.Value is null ? Missing : $"{Percent(p.Value)} ({Interval(p)})";

    /// <summary>A fidelity score or rater total with one decimal.</summary>
    public static string Score(double? score) => score is { } s ? s.ToString("0.0", _inv) : Missing;

    /// <summary>A change of proportion in percentage points with its sign, e.g. "+3.2 pp".</summary>
    public static string PointsChange(double? change)
    {
        if (change is not { } c)
        {
            return "not available";
        }

        var points = Math.Round(c * 100, 1, MidpointRounding.AwayFromZero);
        var sign = points > 0 ? "+" : points < 0 ? "−" : "±";
        return sign + Math.Abs(points).ToString("0.0", _inv) + " pp";
    }

    /// <summary>A change of score with its sign and one decimal, e.g. "+1.5", "−0.5", "±0.0".</summary>
    public static string ScoreChange(double change)
    {
        var rounded = Math.Round(change, 1, MidpointRounding.AwayFromZero);
        var sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "±";
        return sign + Math.Abs(rounded).ToString("0.0", _inv);
    }

    public static string Rho(double rho) => (rho < 0 ? "−" : "") + Math.Abs(rho).ToString("0.00", _inv);

    public static string PValue(double p) => p < 0.001 ? "< 0.001" : "= " + p.ToString("0.000", _inv);

    /// <summary>"ρ = 0.86, exact two-sided p = 0.024 (7 sites)".</summary>
    public static string Spearman(SpearmanResult s) =>
        $"ρ = {Rho(s.Rho)}, {(s.Method == "exact" ? "exact" : "Monte Carlo")} two-sided p {PValue(s.PValue)} ({Count(s.N)} sites)";

    /// <summary>A date written out, e.g. 30 June 2019.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", _inv);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : Missing;

    /// <summary>A date in a chart's axis, e.g. 30 Jun 2019.</summary>
    public static string ShortDate(DateOnly date) => date.ToString("d MMM yyyy", _inv);

    /// <summary>A period (yyyy-MM) written out, e.g. November 2026.</summary>
    public static string Period(string period) =>
        DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", _inv, DateTimeStyles.None, out var d) ? d.ToString("MMMM yyyy", _inv) : period;

    public static string Number(double value) => value.ToString("0.##", _inv);

    /// <summary>A descriptive statistic of interview scores (median, quartile, mean) with one or two decimals, e.g. 4.0, 3.25.</summary>
    public static string Statistic(double? value) => value is { } v ? v.ToString("0.0#", _inv) : Missing;

    /// <summary>A QCA fit value (consistency, coverage, PRI) with three decimals as R QCA prints it, e.g. 0.800.</summary>
    public static string Fit(double? value) => value is { } v ? v.ToString("0.000", _inv) : Missing;

    /// <summary>A label inside a sentence: its first letter in lower case unless the label starts with an acronym ("Employer" → "employer", "NHS region" stays).</summary>
    public static string InSentence(string label) =>
        label.Length >= 2 && char.IsUpper(label[0]) && !char.IsUpper(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;

    public static string Level(Level? level) => level switch
    {
        Core.Analysis.Level.High => "high",
        Core.Analysis.Level.Mid => "mid",
        Core.Analysis.Level.Low => "low",
        _ => Missing,
    };

    public static string Role(CaseRole role) => role switch
    {
        CaseRole.HighHigh => "high–high",
        CaseRole.LowLow => "low–low",
        CaseRole.Outlier => "outlier",
        _ => "not compared",
    };

    public static string RoleTitle(CaseRole role) => role switch
    {
        CaseRole.HighHigh => "High–high case",
        CaseRole.LowLow => "Low–low case",
        CaseRole.Outlier => "Outlier case",
        _ => "Not selected for comparison",
    };

    public static string Funnel(FunnelPosition? position) => position switch
    {
        FunnelPosition.Within95 => "within the 95% limits",
        FunnelPosition.Above95 => "above the 95% limit, within the 99.8% limits",
        FunnelPosition.Below95 => "below the 95% limit, within the 99.8% limits",
        FunnelPosition.Above998 => "above the 99.8% limit (flagged)",
        FunnelPosition.Below998 => "below the 99.8% limit (flagged)",
        _ => "not on the funnel plot",
    };

    /// <summary>The funnel position in a table cell.</summary>
    public static string FunnelShort(FunnelPosition position) => position switch
    {
        FunnelPosition.Within95 => "within 95%",
        FunnelPosition.Above95 => "above 95%",
        FunnelPosition.Below95 => "below 95%",
        FunnelPosition.Above998 => "above 99.8% (flagged)",
        _ => "below 99.8% (flagged)",
    };

    public static string Locality(Locality? locality) => locality is { } l ? EnumText<Locality>.ToText(l) : Missing;

    public static string Employer(Employer? employer) => employer switch
    {
        Core.Export.Employer.Nhs => "NHS",
        Core.Export.Employer.Voluntary => "voluntary",
        Core.Export.Employer.Other => "other",
        _ => Missing,
    };

    public static string Kind(DatasetKind kind) => EnumText<DatasetKind>.ToText(kind);

    /// <summary>"5 facilitator, 0 barrier, 1 neutral" (and unstated when any).</summary>
    public static string Valence(ValenceCounts v)
    {
        var text = $"{Count(v.Facilitator)} facilitator, {Count(v.Barrier)} barrier, {Count(v.Neutral)} neutral";
        return v.Unstated > 0 ? text + $", {Count(v.Unstated)} without valence" : text;
    }

    /// <summary>"S2 Eastwell": a site's id and name.</summary>
    public static string SiteName(SiteResult site) => $"{site.SiteId} {site.SiteName}";

    /// <summary>Both axes' classification thresholds in one clause, with where each came from.</summary>
    public static string Thresholds(AxisThresholds e, AxisThresholds f) =>
        $"engagement high ≥ {Percent(e.High)} and low ≤ {Percent(e.Low)}, {ThresholdSource(e)}; fidelity high ≥ {Score(f.High)} and low ≤ {Score(f.Low)}, {ThresholdSource(f)}";

    public static string ThresholdSource(AxisThresholds a) => a.Source == "tertiles" ? "the trial’s tertiles" : "set by the trial";

    /// <summary>Where the data cut-off came from, in words.</summary>
    public static string CutOffSource(TrialInfo t) => t.DataCutOffSource == "trial" ? "set in trial.json" : "the latest date in the data";

    /// <summary>"Run 3f9c2a7b · pipeline 1.0.0", and "· synthetic data" when the trial says so.</summary>
    public static string RunFooter(SharedSections.RunFacts run) =>
        $"Run {run.RunId} · pipeline {run.PipelineVersion}" + (run.IsSynthetic ? " · synthetic data" : "");

    /// <summary>"1 site" / "3 sites".</summary>
    public static string Plural(int count, string one, string many) => $"{Count(count)} {(count == 1 ? one : many)}";

    /// <summary>"S1, S2 and S3".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "none",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>An excerpt in curly quotes.</summary>
    public static string Quote(string text) => "“" + text.Trim() + "”";

    /// <summary>Whether a run's data are synthetic: said by the trial's own title, never assumed.</summary>
    public static bool IsSynthetic(string title) => title.Contains("synthetic", StringComparison.OrdinalIgnoreCase);
}
