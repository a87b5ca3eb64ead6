using System.Globalization;
using System.Text.Json;

namespace Reporting.Samples.Tests;

/// <summary>A generated export read back from disk with the test's own parser.</summary>
internal sealed class Export
{
    public Export(string directory)
    {
        Directory = directory;
        Trial = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "trial.json")));
        Sites = SimpleCsv.Read(Path.Combine(directory, "sites.csv"));
        Participants = SimpleCsv.Read(Path.Combine(directory, "participants.csv"));
        Contacts = SimpleCsv.Read(Path.Combine(directory, "contacts.csv"));
        Fidelity = SimpleCsv.Read(Path.Combine(directory, "fidelity.csv"));
        Codings = SimpleCsv.Read(Path.Combine(directory, "codings.csv"));
        var interviews = Path.Combine(directory, "interviews.csv");
        Interviews = File.Exists(interviews) ? SimpleCsv.Read(interviews) : null;
    }

    /// <summary>The files every generated export has.</summary>
    public static readonly string[] FileNames =
        ["trial.json", "sites.csv", "participants.csv", "contacts.csv", "fidelity.csv", "codings.csv"];

    /// <summary>The export files in <paramref name="directory"/>: the six every export has, and interviews.csv when written.</summary>
    public static IReadOnlyList<string> FilesIn(string directory) =>
        File.Exists(Path.Combine(directory, "interviews.csv")) ? [.. FileNames, "interviews.csv"] : FileNames;

    public string Directory { get; }

    public JsonDocument Trial { get; }

    public SimpleCsv Sites { get; }

    public SimpleCsv Participants { get; }

    public SimpleCsv Contacts { get; }

    public SimpleCsv Fidelity { get; }

    public SimpleCsv Codings { get; }

    /// <summary>interviews.csv, or null when the trial declares no structured interview items.</summary>
    public SimpleCsv? Interviews { get; }

    /// <summary>trial.json <c>roles</c>, or the contract's default list.</summary>
    public IReadOnlyList<string> Roles => Trial.RootElement.TryGetProperty("roles", out var roles)
        ? roles.EnumerateArray().Select(r => r.GetString()!).ToList()
        : ["pw", "pwc", "clinician", "manager", "service_user", "coworker", "line_manager", "strategic_manager", "commissioner", "policy_maker", "other"];

    /// <summary>trial.json <c>siteCharacteristics</c> as (name, allowed values or null for a number).</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string>? Values)> Characteristics =>
        Trial.RootElement.TryGetProperty("siteCharacteristics", out var list)
            ? list.EnumerateArray().Select(c => (c.GetProperty("name").GetString()!,
                c.TryGetProperty("values", out var v) ? (IReadOnlyList<string>?)v.EnumerateArray().Select(x => x.GetString()!).ToList() : null)).ToList()
            : [];

    /// <summary>trial.json <c>comparison.framework</c>, or <c>open</c>.</summary>
    public string Framework => Trial.RootElement.TryGetProperty("comparison", out var c) && c.TryGetProperty("framework", out var f) ? f.GetString()! : "open";

    public DateOnly DataCutOff => Date(Trial.RootElement.GetProperty("dataCutOff").GetString()!);

    public int FollowUpDays => Trial.RootElement.GetProperty("engagement").GetProperty("followUpDays").GetInt32();

    public static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? OptionalDate(string text) => text.Length == 0 ? null : Date(text);

    /// <summary>
    /// Offered, engaged and pending per site, computed straight from docs/method.md over the CSV text.
    /// </summary>
    public IReadOnlyDictionary<string, (int Offered, int Engaged, int Pending)> Engagement()
    {
        var cutOff = DataCutOff;
        var followUp = FollowUpDays;
        var peerSupport = Participants.Records()
            .Where(p => p["arm"] == "peer_support")
            .ToDictionary(p => p["participant_id"], StringComparer.Ordinal);

        var counted = new Dictionary<string, int>(StringComparer.Ordinal);
        var countedAfterDischarge = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var contact in Contacts.Records())
        {
            if (contact["status"] != "completed" || !peerSupport.TryGetValue(contact["participant_id"], out var person))
            {
                continue;
            }

            var on = Date(contact["contact_on"]);
            var randomised = Date(person["randomised_on"]);
            var discharged = OptionalDate(person["discharged_on"]);
            var withdrawn = OptionalDate(person["withdrawn_on"]);
            var counts = on >= randomised
                && (withdrawn is null || on <= withdrawn)
                && (discharged is null || on <= discharged.Value.AddDays(followUp));
            if (!counts)
            {
                continue;
            }

            var id = contact["participant_id"];
            counted[id] = counted.GetValueOrDefault(id) + 1;
            if (discharged is not null && on > discharged)
            {
                countedAfterDischarge[id] = countedAfterDischarge.GetValueOrDefault(id) + 1;
            }
        }

        var result = new Dictionary<string, (int Offered, int Engaged, int Pending)>(StringComparer.Ordinal);
        foreach (var (id, person) in peerSupport)
        {
            var engaged = counted.GetValueOrDefault(id) >= 2 && countedAfterDischarge.GetValueOrDefault(id) >= 1;
            var discharged = OptionalDate(person["discharged_on"]);
            var pending = !engaged && person["withdrawn_on"].Length == 0
                && (discharged is null || discharged.Value.AddDays(followUp) > cutOff);
            var site = person["site_id"];
            var (offered, engagedCount, pendingCount) = result.GetValueOrDefault(site);
            result[site] = (offered + 1, engagedCount + (engaged ? 1 : 0), pendingCount + (pending ? 1 : 0));
        }

        return result;
    }

    /// <summary>Per site, the mean of the raters' totals at the latest assessment (all raters here are complete).</summary>
    public IReadOnlyDictionary<string, double> FidelityMeans()
    {
        var itemCount = Trial.RootElement.GetProperty("fidelity").GetProperty("items").GetArrayLength();
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var site in Fidelity.Records().GroupBy(r => r["site_id"]))
        {
            var latest = site.Max(r => Date(r["assessed_on"]));
            var raters = site.Where(r => Date(r["assessed_on"]) == latest).GroupBy(r => r["rater_id"]).ToList();
            Assert.All(raters, rater => Assert.Equal(itemCount, rater.Count()));
            result[site.Key] = raters.Average(rater => rater.Sum(r => int.Parse(r["score"], CultureInfo.InvariantCulture)));
        }

        return result;
    }

    /// <summary>Per value of a declared characteristic, the sites that have it.</summary>
    public IReadOnlyDictionary<string, List<string>> SitesBy(string characteristic) =>
        Sites.Records().GroupBy(s => s[characteristic]).ToDictionary(g => g.Key, g => g.Select(s => s["site_id"]).ToList(), StringComparer.Ordinal);

    /// <summary>Per site, the codes (domain, construct, code; trimmed, lower case) coded on at least one source.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> CodesBySite() =>
        Codings.Records()
            .GroupBy(r => r["site_id"])
            .ToDictionary(
                g => g.Key,
                g => g.Select(CodeKey).ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);

    public static string CodeKey(IReadOnlyDictionary<string, string> row) =>
        string.Join(" | ", row["domain"].Trim(), row["construct"].Trim(), row["code"].Trim()).ToLowerInvariant();
}
