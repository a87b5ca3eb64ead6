using System.Globalization;

namespace Reporting.Samples;

/// <summary>
/// Synthetic trials of any size for benchmarks and scale tests. Each site gets a latent implementation quality
/// that drives both its engagement and its fidelity (with noise), so the chart shows a plausible spread of
/// high, mid and low sites, and its codes lean towards the high- or low-implementation codes accordingly.
/// </summary>
internal static class ScaledTrial
{
    private static readonly string[] Prefixes =
        ["North", "South", "East", "West", "Upper", "Lower", "Old", "New", "Great", "Little", "Kings", "Abbey", "Church", "Mill", "Bridge"];

    private static readonly string[] Suffixes =
        ["gate", "field", "wood", "ford", "brook", "ton", "bury", "ley", "moor", "wick", "stow", "dale", "holm", "port"];

    private static readonly string[] Localities = ["urban", "urban", "town", "town", "rural", "mixed"];

    private static readonly string[] Regions =
        ["North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands", "East of England",
         "London", "South East", "South West", "Wales", "Scotland", "Northern Ireland"];

    public static TrialSpec Spec(ScaledOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // A stream of its own: the site plan must not depend on how the writer later consumes the seed.
        var random = new SampleRandom(seed ^ 0x5CA1ED5CA1EDUL);
        var siteCount = options.Sites;
        var sizes = Allocate(options.Participants, siteCount, random);
        var qualities = new double[siteCount];
        var sites = new List<SiteSpec>(siteCount);
        var assessedEarlier = new DateOnly(2018, 3, 1);
        var assessedLatest = new DateOnly(2018, 10, 1);

        for (var i = 0; i < siteCount; i++)
        {
            var siteId = "S" + (i + 1).ToString(CultureInfo.InvariantCulture);
            var quality = random.NextDouble();
            qualities[i] = quality;
            var size = sizes[i];
            // 1:1 randomisation; an odd site size gives the spare participant to either arm.
            var offered = (size / 2) + (size % 2 == 1 && random.Chance(0.5) ? 1 : 0);
            var usualCare = size - offered;
            var withdrawn = (int)Math.Round(offered * 0.03);
            var pending = (int)Math.Round(offered * 0.03);
            var rate = Math.Clamp(0.25 + (0.6 * quality) + ((random.NextDouble() - 0.5) * 0.2), 0.05, 0.95);
            var engaged = Math.Min((int)Math.Round(rate * offered), offered - withdrawn - pending);
            var engagedThenWithdrawn = engaged > 20 && random.Chance(0.5) ? 1 : 0;
            var preRandomisation = offered / 500;

            var fidelity = Math.Clamp(3 + (11 * quality) + ((random.NextDouble() - 0.5) * 3), 0, 16);
            var rater1 = (int)Math.Clamp(Math.Round(fidelity), 0, 16);
            var rater2 = Math.Clamp(rater1 + random.Next(-2, 2), 0, 16);
            var earlier1 = Math.Clamp(rater1 + random.Next(-3, 1), 0, 16);
            var earlier2 = Math.Clamp(earlier1 + random.Next(-1, 1), 0, 16);

            sites.Add(new SiteSpec(
                siteId,
                SiteName(i),
                Localities[random.Next(0, Localities.Length - 1)],
                random.Chance(0.3) ? "voluntary" : "nhs",
                Regions[random.Next(0, Regions.Length - 1)],
                random.Chance(0.5) ? "0.5" : "1",
                offered,
                engaged,
                usualCare,
                engagedThenWithdrawn,
                withdrawn,
                pending,
                preRandomisation,
                Math.Clamp(offered / 30, 1, 9),
                new FidelitySpec(
                    assessedEarlier.AddDays(i % 28), earlier1, earlier2, random.Chance(0.05),
                    assessedLatest.AddDays(i % 28), rater1, rater2)));
        }

        return new TrialSpec(
            options.TrialId,
            string.Create(CultureInfo.InvariantCulture,
                $"Synthetic scaled trial: {siteCount} sites, {options.Participants} participants (synthetic)"),
            "ISRCTN00000000 (synthetic)",
            options.ContactsPerParticipant,
            sites,
            codingRandom => Codings(sites, qualities, codingRandom));
    }

    private static IReadOnlyList<CodingRow> Codings(IReadOnlyList<SiteSpec> sites, double[] qualities, SampleRandom random)
    {
        var rows = new List<CodingRow>();
        for (var i = 0; i < sites.Count; i++)
        {
            var site = sites[i];
            var quality = qualities[i];
            var codes = new List<(CodeDefinition, int)>();
            foreach (var code in CodeCatalogue.PatternA)
            {
                codes.Add((code, random.Next(1, 2)));
            }

            AddSome(codes, CodeCatalogue.HighImplementation, 0.05 + (0.85 * quality), random);
            AddSome(codes, CodeCatalogue.LowImplementation, 0.9 - (0.85 * quality), random);
            AddSome(codes, CodeCatalogue.Circumstantial, 0.15, random);
            if (site.Employer == "voluntary")
            {
                AddSome(codes, CodeCatalogue.VoluntarySectorOnly, 0.7, random);
            }

            rows.AddRange(CodeCatalogue.RowsFor(site.SiteId, CodeCatalogue.Sources(site.SiteId, 2, 1, 2), codes, random));
        }

        return rows;
    }

    private static void AddSome(List<(CodeDefinition, int)> codes, IReadOnlyList<CodeDefinition> from, double probability, SampleRandom random)
    {
        foreach (var code in from)
        {
            if (random.Chance(probability))
            {
                codes.Add((code, random.Next(1, 2)));
            }
        }
    }

    /// <summary>
    /// Site sizes that vary (weights 0.5–1.5) and add up exactly (largest remainder); every site gets at least
    /// two participants so that both arms can exist.
    /// </summary>
    private static int[] Allocate(int total, int sites, SampleRandom random)
    {
        const int MinimumPerSite = 2;
        var weights = new double[sites];
        for (var i = 0; i < sites; i++)
        {
            weights[i] = 0.5 + random.NextDouble();
        }

        var sum = weights.Sum();
        var spread = total - (MinimumPerSite * sites);
        var sizes = new int[sites];
        var remainders = new (double Remainder, int Index)[sites];
        var allocated = 0;
        for (var i = 0; i < sites; i++)
        {
            var exact = spread * weights[i] / sum;
            sizes[i] = (int)exact;
            allocated += sizes[i];
            remainders[i] = (exact - sizes[i], i);
        }

        Array.Sort(remainders, static (a, b) => a.Remainder != b.Remainder ? b.Remainder.CompareTo(a.Remainder) : a.Index.CompareTo(b.Index));
        for (var k = 0; k < spread - allocated; k++)
        {
            sizes[remainders[k].Index]++;
        }

        for (var i = 0; i < sites; i++)
        {
            sizes[i] += MinimumPerSite;
        }

        return sizes;
    }

    private static string SiteName(int index)
    {
        var name = Prefixes[index % Prefixes.Length] + Suffixes[(index / Prefixes.Length) % Suffixes.Length];
        var round = index / (Prefixes.Length * Suffixes.Length);
        return round == 0
            ? name + " (synthetic)"
            : string.Create(CultureInfo.InvariantCulture, $"{name} {round + 1} (synthetic)");
    }
}
