using System.Globalization;

namespace Reporting.Core.Qca;

/// <summary>How raw values become set memberships.</summary>
public enum CalibrationType
{
    /// <summary>Crisp thresholds: the value is the number of thresholds at or below the raw value (0/1, or 0/1/2… for several thresholds).</summary>
    Crisp,

    /// <summary>The fuzzy direct method with exclusion, crossover and inclusion anchors (three anchors, or six for a bell shape).</summary>
    Fuzzy,
}

/// <summary>
/// A calibration of one column, as R QCA's <c>calibrate()</c> takes it (docs/qca.md). For <see cref="CalibrationType.Fuzzy"/>,
/// <see cref="Thresholds"/> are the anchors in the order e, c, i (or e1, c1, i1, i2, c2, e2); an inclusion anchor below the
/// exclusion anchor gives a decreasing set. For <see cref="CalibrationType.Crisp"/> they are the cut points, in any order.
/// </summary>
public sealed record CalibrationSpec
{
    private CalibrationSpec(CalibrationType type, IReadOnlyList<double> thresholds, bool logistic, double idm, double below, double above)
    {
        Type = type;
        Thresholds = thresholds;
        Logistic = logistic;
        Idm = idm;
        Below = below;
        Above = above;
    }

    /// <summary>Crisp or fuzzy.</summary>
    public CalibrationType Type { get; }

    /// <summary>The anchors (fuzzy, in e, c, i order) or the cut points (crisp).</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Fuzzy with three anchors: the logistic function (true, the default) or the piecewise power function.</summary>
    public bool Logistic { get; }

    /// <summary>The membership the inclusion anchor maps to under the logistic function (0.5 &lt; idm &lt; 1; default 0.95).</summary>
    public double Idm { get; }

    /// <summary>The exponent of the piecewise function between exclusion and crossover (default 1: linear).</summary>
    public double Below { get; }

    /// <summary>The exponent of the piecewise function between crossover and inclusion (default 1: linear).</summary>
    public double Above { get; }

    /// <summary>A crisp calibration with one or more cut points.</summary>
    public static CalibrationSpec Crisp(IReadOnlyList<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (thresholds.Count == 0 || thresholds.Any(t => !double.IsFinite(t)))
        {
            throw new ArgumentException("A crisp calibration needs at least one finite threshold.", nameof(thresholds));
        }

        return new CalibrationSpec(CalibrationType.Crisp, [.. thresholds.Order()], true, 0.95, 1, 1);
    }

    /// <summary>A fuzzy direct calibration. Throws <see cref="ArgumentException"/> when the anchors break R QCA's rules; use
    /// <see cref="TryParse"/> for text from a user.</summary>
    public static CalibrationSpec Fuzzy(IReadOnlyList<double> anchors, bool logistic = true, double idm = 0.95, double below = 1, double above = 1)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        if (FuzzyProblem(anchors, logistic, idm, below, above) is { } problem)
        {
            throw new ArgumentException(problem, nameof(anchors));
        }

        return new CalibrationSpec(CalibrationType.Fuzzy, [.. anchors], logistic, idm, below, above);
    }

    /// <summary>
    /// Parses <c>e=…, c=…, i=…</c> (fuzzy; <c>e1, c1, i1, i2, c2, e2</c> for six anchors; options <c>logistic=false</c>,
    /// <c>idm=…</c>, <c>below=…</c>, <c>above=…</c>) or a list of numbers <c>550</c> / <c>550, 850</c> (crisp thresholds).
    /// On failure <paramref name="error"/> says what is wrong without repeating the text.
    /// </summary>
    public static bool TryParse(string text, out CalibrationSpec? spec, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        spec = null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            error = "The calibration is empty: give anchors such as e=2, c=7, i=9.5 or crisp thresholds such as 550.";
            return false;
        }

        if (parts.All(p => !p.Contains('=', StringComparison.Ordinal)))
        {
            var cuts = new List<double>();
            foreach (var p in parts)
            {
                if (!TryNumber(p, out var v))
                {
                    error = "Crisp thresholds must be numbers written with '.' as the decimal point, separated by commas.";
                    return false;
                }

                cuts.Add(v);
            }

            spec = Crisp(cuts);
            error = null;
            return true;
        }

        var named = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        bool logistic = true;
        double idm = 0.95, below = 1, above = 1;
        foreach (var p in parts)
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = "Write every anchor as name=number (e=…, c=…, i=…), separated by commas.";
                return false;
            }

            var name = p[..eq].Trim();
            var value = p[(eq + 1)..].Trim();
            if (string.Equals(name, "logistic", StringComparison.OrdinalIgnoreCase))
            {
                if (!bool.TryParse(value, out logistic))
                {
                    error = "logistic must be true or false.";
                    return false;
                }

                continue;
            }

            if (!TryNumber(value, out var number))
            {
                error = $"The value of {name} must be a number written with '.' as the decimal point.";
                return false;
            }

            switch (name.ToLowerInvariant())
            {
                case "idm":
                    idm = number;
                    break;
                case "below":
                    below = number;
                    break;
                case "above":
                    above = number;
                    break;
                case "e" or "c" or "i" or "e1" or "c1" or "i1" or "i2" or "c2" or "e2":
                    if (!named.TryAdd(name, number))
                    {
                        error = $"The anchor {name} is given twice.";
                        return false;
                    }

                    break;
                default:
                    error = "Anchors are named e, c, i (or e1, c1, i1, i2, c2, e2); options are logistic, idm, below and above.";
                    return false;
            }
        }

        string[] order = named.Count == 6 ? ["e1", "c1", "i1", "i2", "c2", "e2"] : ["e", "c", "i"];
        if (!order.All(named.ContainsKey) || named.Count != order.Length)
        {
            error = "A fuzzy calibration needs exactly the anchors e, c and i (or the six anchors e1, c1, i1, i2, c2, e2).";
            return false;
        }

        var anchors = order.Select(n => named[n]).ToList();
        if (FuzzyProblem(anchors, logistic, idm, below, above) is { } problem)
        {
            error = problem;
            return false;
        }

        spec = new CalibrationSpec(CalibrationType.Fuzzy, anchors, logistic, idm, below, above);
        error = null;
        return true;
    }

    /// <summary>The text form accepted by <see cref="TryParse"/>.</summary>
    public override string ToString()
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        if (Type == CalibrationType.Crisp)
        {
            return string.Join(", ", Thresholds.Select(N));
        }

        string[] names = Thresholds.Count == 6 ? ["e1", "c1", "i1", "i2", "c2", "e2"] : ["e", "c", "i"];
        var text = string.Join(", ", names.Zip(Thresholds, (n, v) => n + "=" + N(v)));
        if (!Logistic)
        {
            text += ", logistic=false";
        }

        if (Idm != 0.95)
        {
            text += ", idm=" + N(Idm);
        }

        if (Below != 1)
        {
            text += ", below=" + N(Below);
        }

        if (Above != 1)
        {
            text += ", above=" + N(Above);
        }

        return text;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static string? FuzzyProblem(IReadOnlyList<double> a, bool logistic, double idm, double below, double above)
    {
        if (a.Count != 3 && a.Count != 6)
        {
            return "A fuzzy direct calibration needs three anchors (e, c, i) or six (e1, c1, i1, i2, c2, e2).";
        }

        if (a.Any(v => !double.IsFinite(v)))
        {
            return "Calibration anchors must be finite numbers.";
        }

        if (!(idm > 0.5 && idm < 1))
        {
            return "idm, the membership at the inclusion anchor, must be above 0.5 and below 1.";
        }

        if (!(below > 0 && above > 0))
        {
            return "below and above must be positive.";
        }

        if (a.Count == 3)
        {
            var (e, c, i) = (a[0], a[1], a[2]);
            if (!((e < c && c < i) || (i < c && c < e)))
            {
                return "The crossover anchor c must lie strictly between the exclusion anchor e and the inclusion anchor i.";
            }

            return null;
        }

        var (e1, c1, i1, i2, c2, e2) = (a[0], a[1], a[2], a[3], a[4], a[5]);
        if (c1 < Math.Min(e1, i1) || c1 > Math.Max(e1, i1))
        {
            return "The first crossover anchor c1 must lie between e1 and i1.";
        }

        if (c2 < Math.Min(e2, i2) || c2 > Math.Max(e2, i2))
        {
            return "The second crossover anchor c2 must lie between i2 and e2.";
        }

        var decreasing = i1 < c1 && c1 < e1 && e1 <= e2 && e2 < c2 && c2 < i2;
        var equal = e1 == c1 || c1 == i1 || e1 == i1 || i2 == c2 || c2 == e2 || i2 == e2 || c1 == c2
            || (decreasing ? i1 == i2 : e1 == e2);
        return equal ? "Some anchors are equal that must differ." : null;
    }
}

/// <summary>Calibration of raw values into set memberships, computed as R QCA 3.25's <c>calibrate()</c> (docs/qca.md).</summary>
public static class Calibration
{
    /// <summary>Calibrates <paramref name="raw"/> by <paramref name="spec"/>. Crisp thresholds outside the range of the values are
    /// refused by <see cref="Problem"/>; check it first.</summary>
    public static IReadOnlyList<double> Apply(IReadOnlyList<double> raw, CalibrationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Type == CalibrationType.Crisp)
        {
            // findInterval(x, sorted thresholds): how many thresholds are at or below x.
            return [.. raw.Select(x => (double)spec.Thresholds.Count(t => t <= x))];
        }

        var result = new double[raw.Count];
        for (var k = 0; k < raw.Count; k++)
        {
            var fs = spec.Thresholds.Count == 3
                ? (spec.Logistic ? Logistic(raw[k], spec) : Piecewise3(raw[k], spec))
                : Piecewise6(raw[k], spec);

            // calibrate() rounds the tails to exact non-membership and membership.
            result[k] = fs < 0.0001 ? 0 : fs > 0.9999 ? 1 : fs;
        }

        return result;
    }

    /// <summary>Why <paramref name="spec"/> cannot calibrate these values (R refuses crisp thresholds outside their range), or null.</summary>
    public static string? Problem(IReadOnlyList<double> raw, CalibrationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Type == CalibrationType.Crisp && raw.Count > 0)
        {
            var (min, max) = (raw.Min(), raw.Max());
            if (spec.Thresholds.Any(t => t < min || t > max))
            {
                return "A crisp threshold lies outside the range of the column's values; choose thresholds within the range.";
            }
        }

        return null;
    }

    private static double Logistic(double x, CalibrationSpec spec)
    {
        var (e, c, i) = (spec.Thresholds[0], spec.Thresholds[1], spec.Thresholds[2]);
        var inverted = e > i;
        var (ex, inc) = inverted ? (i, e) : (e, i);
        var scale = Math.Log(spec.Idm / (1 - spec.Idm));
        var below = x < c;
        var sign = below ? 1.0 : -1.0;
        var fs = 1 / (1 + Math.Exp(sign * (x - c) * scale / ((below ? ex : inc) - c)));
        return inverted ? 1 - fs : fs;
    }

    // R's check.equal: all.equal with its default tolerance (mean relative difference 1.5e-8).
    private static bool Near(double x, double y)
    {
        var scale = Math.Abs(x);
        var diff = Math.Abs(x - y);
        return scale > 1.5e-8 ? diff / scale < 1.5e-8 : diff < 1.5e-8;
    }

    private static double Piecewise3(double x, CalibrationSpec spec)
    {
        var (ex, cr, inc) = (spec.Thresholds[0], spec.Thresholds[1], spec.Thresholds[2]);
        double Low() => Math.Pow((ex - x) / (ex - cr), spec.Below) / 2;
        double High() => 1 - (Math.Pow((inc - x) / (inc - cr), spec.Above) / 2);
        var increasing = !(inc < cr && cr < ex);
        if (increasing)
        {
            return x < ex || Near(x, ex) ? 0
                : x < cr || Near(x, cr) ? Low()
                : x < inc || Near(x, inc) ? High()
                : 1;
        }

        return x < inc || Near(x, inc) ? 1
            : x < cr || Near(x, cr) ? High()
            : x < ex || Near(x, ex) ? Low()
            : 0;
    }

    private static double Piecewise6(double x, CalibrationSpec spec)
    {
        var t = spec.Thresholds;
        var (e1, c1, i1, i2, c2, e2) = (t[0], t[1], t[2], t[3], t[4], t[5]);
        double Low(double e, double c) => Math.Pow((e - x) / (e - c), spec.Below) / 2;
        double High(double i, double c) => 1 - (Math.Pow((i - x) / (i - c), spec.Above) / 2);
        var increasing = !(i1 < c1 && c1 < e1 && e1 <= e2 && e2 < c2 && c2 < i2);
        if (increasing)
        {
            return x < e1 || Near(x, e1) ? 0
                : x < c1 || Near(x, c1) ? Low(e1, c1)
                : x < i1 ? High(i1, c1)
                : x < i2 || Near(x, i2) ? 1
                : x < c2 || Near(x, c2) ? High(i2, c2)
                : x < e2 || Near(x, e2) ? Low(e2, c2)
                : 0;
        }

        return x < i1 || Near(x, i1) ? 1
            : x < c1 || Near(x, c1) ? High(i1, c1)
            : x < e1 ? Low(e1, c1)
            : x < e2 || Near(x, e2) ? 0
            : x < c2 || Near(x, c2) ? Low(e2, c2)
            : x < i2 || Near(x, i2) ? High(i2, c2)
            : 1;
    }
}
