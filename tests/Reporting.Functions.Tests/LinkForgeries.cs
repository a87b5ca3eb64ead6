using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Reporting.Functions.Tests;

/// <summary>
/// A forged download link derived from a genuine one: the path it is presented on and its query string.
/// <see cref="SignedPartIntact"/> is true when the signed site, expiry and signature are the genuine ones (only the
/// path changed): such a link may be told apart as another site's (403); every other forgery must be refused as 401.
/// </summary>
internal sealed record Forgery(string What, string PathTrial, string PathSite, string Query, bool SignedPartIntact)
{
    /// <summary>The query's parameter as the HTTP function reads it (<c>request.Query[name]</c>: repeated values joined by commas).</summary>
    public string? Parameter(string name) => QueryHelpers.ParseQuery(Query).TryGetValue(name, out var v) ? (string?)v : null;
}

/// <summary>
/// Forgeries of a site link <c>site=S&amp;expires=E&amp;sig=X</c> presented on <c>reports/{trial}/{site}</c>: every character
/// of the signature, the expiry, the signed site and the path's ids changed one at a time (to several other characters),
/// cut, lengthened, re-encoded and repeated; signatures of the other purposes (trial and funder links over the same
/// ids); and random combinations of these, up to the number asked for. The list is fixed by the seed.
/// </summary>
internal static class LinkForgeries
{
    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static List<Forgery> ForSite(Links.DownloadLinks links, string trial, string site, DateTimeOffset now, DateTimeOffset expires, int count, int seed)
    {
        var genuine = links.SignSite(trial, site, expires);
        var q = QueryHelpers.ParseQuery(genuine);
        var sig = (string)q[Links.DownloadLinks.SignatureParameter]!;
        var exp = (string)q[Links.DownloadLinks.ExpiresParameter]!;
        var list = new List<Forgery>();
        var random = new Random(seed);

        string Query(string? s, string? e, string? g) => string.Join('&', new[]
        {
            s is null ? null : Links.DownloadLinks.SiteParameter + "=" + s,
            e is null ? null : Links.DownloadLinks.ExpiresParameter + "=" + e,
            g is null ? null : Links.DownloadLinks.SignatureParameter + "=" + g,
        }.Where(p => p is not null));

        void Add(string what, string? s, string? e, string? g, string pathTrial = "", string pathSite = "")
        {
            var forgery = new Forgery(what, pathTrial.Length == 0 ? trial : pathTrial, pathSite.Length == 0 ? site : pathSite, Query(s, e, g), false);
            // A change that decodes back to the genuine link (a character replaced by itself) is not a forgery.
            if ((forgery.PathTrial, forgery.PathSite, forgery.Parameter(Links.DownloadLinks.SiteParameter), forgery.Parameter(Links.DownloadLinks.ExpiresParameter),
                    forgery.Parameter(Links.DownloadLinks.SignatureParameter)) != (trial, site, site, exp, sig))
            {
                list.Add(forgery);
            }
        }

        // The signature, one character at a time, to three others (the next one, one of another class, a random one).
        for (var i = 0; i < sig.Length; i++)
        {
            foreach (var c in Substitutes(sig[i], random))
            {
                Add($"sig[{i}]={c}", site, exp, sig[..i] + c + sig[(i + 1)..]);
            }

            Add($"sig[{i}] removed", site, exp, sig.Remove(i, 1));
            Add($"sig[{i}] doubled", site, exp, sig.Insert(i, sig[i].ToString()));
        }

        for (var n = 0; n < sig.Length; n++)
        {
            Add($"sig cut to {n}", site, exp, sig[..n]);
        }

        Add("sig padded", site, exp, sig + "=");
        Add("sig in standard base64", site, exp, sig.Replace('-', '+').Replace('_', '/') + "=");
        Add("sig in standard base64, percent-encoded", site, exp, Uri.EscapeDataString(sig.Replace('-', '+').Replace('_', '/') + "="));
        Add("sig in other case", site, exp, SwapCase(sig));
        Add("sig repeated", site, exp, sig + "&sig=" + sig);
        Add("sig twice over", site, exp, sig + sig);
        Add("sig of zeros", site, exp, new string('A', sig.Length));
        Add("sig missing", site, exp, null);
        Add("sig empty", site, exp, "");
        Add("sig non-ASCII", site, exp, Uri.EscapeDataString("é" + sig[1..]));
        Add("sig with a NUL", site, exp, sig[..^1] + "%00");

        // The expiry, one digit at a time to every other digit, and re-written in other ways.
        for (var i = 0; i < exp.Length; i++)
        {
            for (var d = '0'; d <= '9'; d++)
            {
                if (d != exp[i])
                {
                    Add($"expires[{i}]={d}", site, exp[..i] + d + exp[(i + 1)..], sig);
                }
            }
        }

        var unix = long.Parse(exp, CultureInfo.InvariantCulture);
        foreach (var e in new[] { unix + 1, unix - 1, unix + 3600, unix + 31_536_000, 0, long.MaxValue })
        {
            Add($"expires={e}", site, e.ToString(CultureInfo.InvariantCulture), sig);
        }

        foreach (var e in new[] { "0" + exp, "+" + exp, "%20" + exp, exp + "%20", "-" + exp, exp + ".0", "1e10", "0x" + unix.ToString("x", CultureInfo.InvariantCulture), "", "9223372036854775808", exp + "&expires=" + exp })
        {
            Add($"expires as \"{e}\"", site, e, sig);
        }

        Add("expires missing", site, null, sig);

        // The signed site, one character at a time, in another case, and other sites.
        for (var i = 0; i < site.Length; i++)
        {
            foreach (var c in Substitutes(site[i], random))
            {
                var forged = site[..i] + c + site[(i + 1)..];
                Add($"site[{i}]={c}", forged, exp, sig, pathSite: forged);
            }
        }

        foreach (var s in new[] { SwapCase(site), site + "0", site + ".", "S2", "S3", "S99", "", "%2E%2E", site + "%00", site + "&site=" + site, Uri.EscapeDataString(site + "/") })
        {
            Add($"site as \"{s}\"", s, exp, sig, pathSite: s.Length > 0 && !s.Contains('%', StringComparison.Ordinal) && !s.Contains('&', StringComparison.Ordinal) ? s : "S99");
        }

        Add("site missing", null, exp, sig);

        // The path's trial id, one character at a time, and other trials.
        for (var i = 0; i < trial.Length; i++)
        {
            foreach (var c in Substitutes(trial[i], random).Take(2))
            {
                Add($"trial[{i}]={c}", site, exp, sig, pathTrial: trial[..i] + c + trial[(i + 1)..]);
            }
        }

        Add("trial in other case", site, exp, sig, pathTrial: SwapCase(trial));
        Add("another trial", site, exp, sig, pathTrial: "other-trial");

        // The purpose: signatures of a trial-report or funder-report link over the same ids and expiry.
        var trialSig = Signature(links.SignTrial(trial, site, expires));
        var funderSig = Signature(links.SignFunder(trial, site, expires));
        Add("signature of a trial-report link", site, exp, trialSig);
        Add("signature of a funder-report link", site, exp, funderSig);
        Add("signature of a trial-report link over site and trial swapped", site, exp, Signature(links.SignTrial(site, trial, expires)));
        Add("genuine but expired in 1970", site, "0", Signature(links.SignSite(trial, site, DateTimeOffset.FromUnixTimeSeconds(0))));
        var past = now.AddSeconds(-5);
        Add("genuine, expired seconds ago", site, past.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Signature(links.SignSite(trial, site, past)));

        // The genuine link on another site's path (and on sites that do not exist): not forged, but not this site's.
        foreach (var other in new[] { "S2", "S3", "S99", "s1", site + "x" })
        {
            list.Add(new Forgery($"genuine link on path {other}", trial, other, genuine, true));
        }

        // Random: fresh signatures, and two or three of the changes above at once.
        var systematic = list.Count;
        while (list.Count < count)
        {
            if (random.Next(3) == 0)
            {
                var fresh = new string([.. Enumerable.Range(0, sig.Length).Select(_ => Base64Url[random.Next(Base64Url.Length)])]);
                Add("random signature", site, random.Next(2) == 0 ? exp : (unix + random.Next(-100_000, 100_000)).ToString(CultureInfo.InvariantCulture), fresh);
                continue;
            }

            var a = list[random.Next(systematic)];
            var b = list[random.Next(systematic)];
            var s = b.Parameter(Links.DownloadLinks.SiteParameter) is { } bs && random.Next(2) == 0 ? bs : a.Parameter(Links.DownloadLinks.SiteParameter);
            var e = random.Next(2) == 0 ? b.Parameter(Links.DownloadLinks.ExpiresParameter) : a.Parameter(Links.DownloadLinks.ExpiresParameter);
            var g = random.Next(2) == 0 ? b.Parameter(Links.DownloadLinks.SignatureParameter) : a.Parameter(Links.DownloadLinks.SignatureParameter);
            if (s == site && e == exp && g == sig)
            {
                continue; // the two changes cancelled out: that is the genuine link
            }

            var pathSite = random.Next(2) == 0 ? a.PathSite : b.PathSite;
            list.Add(new Forgery($"{a.What} + {b.What}", random.Next(4) == 0 ? b.PathTrial : a.PathTrial, pathSite,
                Query(Escape(s), Escape(e), Escape(g)), false));
        }

        return list.Count > count ? list[..count] : list;
    }

    /// <summary>The signature of a query string made by <see cref="Links.DownloadLinks"/>.</summary>
    public static string Signature(string query) => (string)QueryHelpers.ParseQuery(query)[Links.DownloadLinks.SignatureParameter]!;

    private static IEnumerable<char> Substitutes(char c, Random random)
    {
        var next = Base64Url[(Base64Url.IndexOf(c, StringComparison.Ordinal) + 1) % Base64Url.Length];
        var other = char.IsAsciiDigit(c) ? 'z' : char.IsAsciiLetterUpper(c) ? '7' : char.IsAsciiLetterLower(c) ? 'Q' : 'a';
        var any = Base64Url[random.Next(Base64Url.Length)];
        return new[] { next, other, any }.Where(x => x != c).Distinct();
    }

    private static string SwapCase(string text) =>
        new([.. text.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c))]);

    private static string? Escape(string? value) => value is null ? null : Uri.EscapeDataString(value);

    internal static string Describe(IEnumerable<Forgery> forgeries) =>
        new StringBuilder().AppendJoin('\n', forgeries.Take(10).Select(f => $"{f.What}: {f.PathTrial}/{f.PathSite}?{f.Query}")).ToString();
}
