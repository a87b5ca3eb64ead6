using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Security.Cryptography;
using Reporting.Functions.Links;
using Xunit.Abstractions;

namespace Reporting.Functions.Tests;

/// <summary>
/// Forged download links, derived from genuine ones, are refused, and the answer never says whether another site exists
/// (docs/testing.md). The suite runs a thousand forgeries against <see cref="DownloadLinks"/> and a few hundred through
/// the HTTP function; <c>FUZZ_LINKS=10000</c> (set by <c>scripts/fuzz.sh</c>) runs ten thousand of each.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class LinkForgeryTests(ITestOutputHelper output)
{
    private const int Seed = 15;

    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static int Count(int fallback) =>
        Environment.GetEnvironmentVariable("FUZZ_LINKS") is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    [Fact]
    public void CheckSite_ForgeriesOfAGenuineLink_NoneAccepted()
    {
        var links = new DownloadLinks(AppFixture.SigningKey, new FixedClock(Now));
        var forgeries = LinkForgeries.ForSite(links, "trial-1", "S1", Now, Now.AddDays(14), Count(1_000), Seed);

        var accepted = new List<Forgery>();
        var misjudged = new List<Forgery>();
        foreach (var f in forgeries)
        {
            var check = links.CheckSite(f.PathTrial, f.PathSite, f.Parameter(DownloadLinks.SiteParameter), f.Parameter(DownloadLinks.ExpiresParameter),
                f.Parameter(DownloadLinks.SignatureParameter));
            if (check == LinkCheck.Valid)
            {
                accepted.Add(f);
            }
            else if (check != (f.SignedPartIntact ? LinkCheck.OtherSite : LinkCheck.Unauthorised))
            {
                misjudged.Add(f);
            }
        }

        Report(output, string.Create(CultureInfo.InvariantCulture,
            $"DownloadLinks.CheckSite: {forgeries.Count} forgeries tried ({forgeries.Count(f => f.SignedPartIntact)} genuine links on another path), {accepted.Count} accepted, {misjudged.Count} refused for the wrong reason."));
        Assert.Equal(Count(1_000), forgeries.Count);
        Assert.True(accepted.Count == 0, $"{accepted.Count} forged links accepted:\n{LinkForgeries.Describe(accepted)}");
        Assert.True(misjudged.Count == 0, $"{misjudged.Count} refused with the wrong reason (403 is only for a genuine link of another site):\n{LinkForgeries.Describe(misjudged)}");
        // The genuine link itself still opens its site: the forgeries were refused for what was changed.
        Assert.Equal(LinkCheck.Valid, Check(links, "trial-1", "S1", links.SignSite("trial-1", "S1", Now.AddDays(14))));
    }

    [Fact]
    public void CheckTrialAndFunder_SiteLinkSignaturesAndTamperedOnes_NoneAccepted()
    {
        var links = new DownloadLinks(AppFixture.SigningKey, new FixedClock(Now));
        var expires = Now.AddDays(14);
        var trialLink = links.SignTrial("trial-1", "run1", expires);
        var funderLink = links.SignFunder("funder-1", "2025-03", expires);
        var exp = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        // A site link's signature over the same two ids is not a trial or funder link's, and one changed character of
        // a genuine trial or funder signature is not either.
        Assert.Equal(LinkCheck.Unauthorised, links.CheckTrial("trial-1", "run1", exp, LinkForgeries.Signature(links.SignSite("trial-1", "run1", expires))));
        Assert.Equal(LinkCheck.Unauthorised, links.CheckFunder("funder-1", "2025-03", exp, LinkForgeries.Signature(links.SignTrial("funder-1", "2025-03", expires))));
        var trialSig = LinkForgeries.Signature(trialLink);
        var funderSig = LinkForgeries.Signature(funderLink);
        for (var i = 0; i < trialSig.Length; i++)
        {
            Assert.Equal(LinkCheck.Unauthorised, links.CheckTrial("trial-1", "run1", exp, trialSig[..i] + (trialSig[i] == 'A' ? 'B' : 'A') + trialSig[(i + 1)..]));
            Assert.Equal(LinkCheck.Unauthorised, links.CheckFunder("funder-1", "2025-03", exp, funderSig[..i] + (funderSig[i] == 'A' ? 'B' : 'A') + funderSig[(i + 1)..]));
        }

        Assert.Equal(LinkCheck.Unauthorised, links.CheckTrial("trial-1", "run2", exp, trialSig));
        Assert.Equal(LinkCheck.Unauthorised, links.CheckFunder("funder-1", "2025-04", exp, funderSig));
        Assert.Equal(LinkCheck.Valid, links.CheckTrial("trial-1", "run1", exp, trialSig));
        Assert.Equal(LinkCheck.Valid, links.CheckFunder("funder-1", "2025-03", exp, funderSig));
    }

    /// <summary>The signature comparison takes the same time whatever the bytes (no early exit a timing attack could
    /// read): the check calls <see cref="CryptographicOperations.FixedTimeEquals"/> and no ordinary equality.</summary>
    [Fact]
    public void DownloadLinks_SignatureCheck_ComparesInConstantTime()
    {
        var check = typeof(DownloadLinks).GetMethod("TryCheck", BindingFlags.NonPublic | BindingFlags.Instance)!;
        var called = CalledMethods(check).Select(m => $"{m.DeclaringType?.FullName}.{m.Name}").ToList();

        Assert.Contains("System.Security.Cryptography.CryptographicOperations.FixedTimeEquals", called);
        Assert.DoesNotContain(called, m => m.EndsWith(".SequenceEqual", StringComparison.Ordinal) || m.EndsWith(".op_Equality", StringComparison.Ordinal)
            || m == "System.String.Equals" || m == "System.String.CompareOrdinal");
    }

    /// <summary>Writes a run's counts to the test output and, when <c>FUZZ_LINKS_REPORT</c> names a file (scripts/fuzz.sh), appends them there.</summary>
    internal static void Report(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("FUZZ_LINKS_REPORT") is { Length: > 0 } path)
        {
            File.AppendAllText(path, line + "\n");
        }
    }

    internal static LinkCheck Check(DownloadLinks links, string trial, string site, string query)
    {
        var f = new Forgery("", trial, site, query, false);
        return links.CheckSite(trial, site, f.Parameter(DownloadLinks.SiteParameter), f.Parameter(DownloadLinks.ExpiresParameter), f.Parameter(DownloadLinks.SignatureParameter));
    }

    /// <summary>The methods a method body calls, read from its IL.</summary>
    private static IEnumerable<MethodBase> CalledMethods(MethodInfo method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var oneByte = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!)
            .Where(o => o.Size == 1).ToDictionary(o => o.Value);
        var twoByte = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!)
            .Where(o => o.Size == 2).ToDictionary(o => (byte)(o.Value & 0xFF));
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? twoByte[il[++i]] : oneByte[il[i]];
            i++;
            if (code.OperandType == OperandType.InlineMethod)
            {
                MethodBase? callee = null;
                try
                {
                    callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, i), method.DeclaringType!.GetGenericArguments(), null);
                }
                catch (ArgumentException)
                {
                    // A generic method instantiation the module cannot resolve alone: not a comparison.
                }

                if (callee is not null)
                {
                    yield return callee;
                }
            }

            i += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
