using System.Globalization;

namespace Reporting.Bench;

/// <summary>A site whose offered or engaged count differs between the two implementations (null: site missing).</summary>
internal sealed record SiteDifference(string SiteId, SiteCount? CSharp, SiteCount? R)
{
    public override string ToString()
    {
        static string Of(SiteCount? s) => s is null ? "absent" : string.Create(CultureInfo.InvariantCulture, $"{s.Engaged}/{s.Offered}");
        return $"{SiteId}: C# {Of(CSharp)} vs R {Of(R)}";
    }
}

/// <summary>Compares per-site engaged/offered from Core with the R peer's.</summary>
internal static class EngagementCheck
{
    /// <summary>
    /// The sites that differ. A site with nobody offered may be absent from one side (R groups the participants it
    /// reads, so a site without peer-support participants has no row there); that is not a difference.
    /// </summary>
    public static IReadOnlyList<SiteDifference> Compare(IReadOnlyList<SiteCount> csharp, IReadOnlyList<SiteCount> r)
    {
        ArgumentNullException.ThrowIfNull(csharp);
        ArgumentNullException.ThrowIfNull(r);
        var left = csharp.ToDictionary(s => s.SiteId, StringComparer.Ordinal);
        var right = r.ToDictionary(s => s.SiteId, StringComparer.Ordinal);
        var differences = new List<SiteDifference>();
        foreach (var id in left.Keys.Union(right.Keys).Order(StringComparer.Ordinal))
        {
            var a = left.GetValueOrDefault(id);
            var b = right.GetValueOrDefault(id);
            var same = (a, b) switch
            {
                ({ } x, { } y) => x.Offered == y.Offered && x.Engaged == y.Engaged,
                ({ } x, null) => x.Offered == 0,
                (null, { } y) => y.Offered == 0,
                _ => true,
            };
            if (!same)
            {
                differences.Add(new SiteDifference(id, a, b));
            }
        }

        return differences;
    }
}
