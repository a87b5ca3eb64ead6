namespace Reporting.Core.Analysis;

/// <summary>Where a site's proportion falls against the funnel limits for its size.</summary>
public enum FunnelPosition
{
    /// <summary>Within the 95% limits.</summary>
    Within95,

    /// <summary>Above the 95% upper limit, within the 99.8% limits.</summary>
    Above95,

    /// <summary>Below the 95% lower limit, within the 99.8% limits.</summary>
    Below95,

    /// <summary>Above the 99.8% upper limit: a statistical outlier.</summary>
    Above998,

    /// <summary>Below the 99.8% lower limit: a statistical outlier.</summary>
    Below998,
}

/// <summary>Limits at one number offered.</summary>
public sealed record FunnelLimits(int N, double Lower95, double Upper95, double Lower998, double Upper998);

/// <summary>One site on the funnel plot.</summary>
public sealed record FunnelSite(string SiteId, int N, double Proportion, FunnelLimits Limits, FunnelPosition Position)
{
    /// <summary>Outside the 99.8% limits.</summary>
    public bool Flagged => Position is FunnelPosition.Above998 or FunnelPosition.Below998;
}

/// <summary>Funnel plot data (Spiegelhalter 2005): the target, the limit curves to draw and each site's position.</summary>
public sealed record FunnelPlot(double Target, IReadOnlyList<FunnelLimits> Curve, IReadOnlyList<FunnelSite> Sites);

/// <summary>Funnel plot for proportions with normal-approximation limits p0 ± z·sqrt(p0(1−p0)/n), clipped to [0, 1].</summary>
public static class Funnel
{
    /// <summary>The limits at <paramref name="n"/> around <paramref name="target"/>.</summary>
    public static FunnelLimits Limits(double target, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var se = Math.Sqrt(target * (1 - target) / n);
        return new FunnelLimits(
            n,
            Math.Max(0, target - (Statistics.Z95 * se)),
            Math.Min(1, target + (Statistics.Z95 * se)),
            Math.Max(0, target - (Statistics.Z998 * se)),
            Math.Min(1, target + (Statistics.Z998 * se)));
    }

    /// <summary>Builds the plot for sites given as (id, engaged, offered); sites with nobody offered are left out.</summary>
    public static FunnelPlot? Build(double target, IReadOnlyList<(string SiteId, int Engaged, int Offered)> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var usable = sites.Where(s => s.Offered > 0).ToList();
        if (usable.Count == 0)
        {
            return null;
        }

        var placed = usable.Select(s =>
        {
            var p = (double)s.Engaged / s.Offered;
            var limits = Limits(target, s.Offered);
            var position =
                p > limits.Upper998 ? FunnelPosition.Above998 :
                p < limits.Lower998 ? FunnelPosition.Below998 :
                p > limits.Upper95 ? FunnelPosition.Above95 :
                p < limits.Lower95 ? FunnelPosition.Below95 : FunnelPosition.Within95;
            return new FunnelSite(s.SiteId, s.Offered, p, limits, position);
        }).ToList();

        // The curve runs from n = 1 to a little past the largest site, densely where the funnel bends.
        var maxN = (int)Math.Ceiling(usable.Max(s => s.Offered) * 1.2);
        var ns = new SortedSet<int>();
        for (var n = 1; n <= maxN; n = Math.Max(n + 1, (int)(n * 1.08)))
        {
            ns.Add(n);
        }

        ns.Add(maxN);
        var curve = ns.Select(n => Limits(target, n)).ToList();
        return new FunnelPlot(target, curve, placed);
    }
}
