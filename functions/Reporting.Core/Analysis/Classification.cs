using System.Globalization;

namespace Reporting.Core.Analysis;

/// <summary>Where a site stands on one axis.</summary>
public enum Level
{
    /// <summary>At or below the low threshold.</summary>
    Low,

    /// <summary>Between the thresholds.</summary>
    Mid,

    /// <summary>At or above the high threshold.</summary>
    High,
}

/// <summary>The thresholds of one axis and where they came from.</summary>
/// <param name="Low">Values at or below are low.</param>
/// <param name="High">Values at or above are high.</param>
/// <param name="Source"><c>trial</c> (set in trial.json) or <c>tertiles</c> (1/3 and 2/3 quantiles of the site values).</param>
public sealed record AxisThresholds(double Low, double High, string Source);

/// <summary>A site's level on one axis with the rule written out.</summary>
public sealed record AxisClass(Level Level, string Reason);

/// <summary>Classification rules (docs/export-contract.md, docs/method.md "Cases").</summary>
public static class Classification
{
    /// <summary>The trial's thresholds, or the tertiles of the available site values (null when there are none).</summary>
    public static AxisThresholds? Thresholds(double? low, double? high, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (low is { } l && high is { } h)
        {
            return new AxisThresholds(l, h, "trial");
        }

        if (values.Count == 0)
        {
            return null;
        }

        return new AxisThresholds(Statistics.Quantile(values, 1.0 / 3), Statistics.Quantile(values, 2.0 / 3), "tertiles");
    }

    /// <summary>Classifies <paramref name="value"/>: inclusive thresholds, high wins when low and high coincide.</summary>
    public static AxisClass Classify(string axis, double value, AxisThresholds thresholds, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(format);
        var source = thresholds.Source == "tertiles" ? " (the trial's tertile)" : "";
        if (value >= thresholds.High)
        {
            return new AxisClass(Level.High, $"{axis} {format(value)} ≥ high threshold {format(thresholds.High)}{source}");
        }

        if (value <= thresholds.Low)
        {
            return new AxisClass(Level.Low, $"{axis} {format(value)} ≤ low threshold {format(thresholds.Low)}{source}");
        }

        return new AxisClass(Level.Mid, $"{axis} {format(value)} is between the low threshold {format(thresholds.Low)} and the high threshold {format(thresholds.High)}{source}");
    }

    /// <summary>Engagement as a percentage with one decimal, for reasons.</summary>
    public static string Percent(double proportion) => (proportion * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A fidelity score with one decimal, for reasons.</summary>
    public static string Score(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);
}
