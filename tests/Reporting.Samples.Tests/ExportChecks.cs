using System.Globalization;
using System.Text;

namespace Reporting.Samples.Tests;

/// <summary>The contract rules of the export contract (docs/export-contract.md) that any generated export must satisfy, checked from the files.</summary>
internal static class ExportChecks
{
    public static void AssertValid(Export export)
    {
        AssertEncoding(export.Directory);
        AssertHeaders(export);
        AssertIdentifiers(export);
        AssertDates(export);
        AssertReferences(export);
        AssertEnumerations(export);
        AssertFidelity(export);
        AssertInterviews(export);
    }

    /// <summary>The domains each framework accepts (docs/export-contract.md, "Frameworks"); null: any.</summary>
    private static string[]? Domains(string framework) => framework switch
    {
        "parihs-enrich" => ["evidence", "context", "facilitation", "other"],
        "upsides" => ["principles", "influences", "other"],
        _ => null,
    };

    private static void AssertEncoding(string directory)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        foreach (var name in Export.FilesIn(directory))
        {
            var bytes = File.ReadAllBytes(Path.Combine(directory, name));
            Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), $"{name} starts with a BOM");
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.Equal((byte)'\n', bytes[^1]);
            _ = strict.GetString(bytes); // throws on invalid UTF-8
        }
    }

    private static void AssertHeaders(Export export)
    {
        Assert.Equal(["site_id", "site_name", "locality", "employer", "region", "supervisor_days_per_week", .. export.Characteristics.Select(c => c.Name)], export.Sites.Header);
        Assert.Equal(["participant_id", "site_id", "arm", "randomised_on", "discharged_on", "readmitted_12m", "withdrawn_on"], export.Participants.Header);
        Assert.Equal(["contact_id", "participant_id", "contact_on", "peer_worker_id", "mode", "status"], export.Contacts.Header);
        Assert.Equal(["site_id", "assessed_on", "rater_id", "item_id", "score"], export.Fidelity.Header);
        Assert.Equal(["site_id", "source", "role", "domain", "construct", "code", "valence", "excerpt"], export.Codings.Header);
        if (export.Interviews is { } interviews)
        {
            Assert.Equal(["site_id", "source", "role", "item_id", "score"], interviews.Header);
        }

        foreach (var csv in new[] { export.Sites, export.Participants, export.Contacts, export.Fidelity, export.Codings, export.Interviews }.OfType<SimpleCsv>())
        {
            Assert.All(csv.Rows, row => Assert.Equal(csv.Header.Count, row.Length));
        }
    }

    public static bool IsIdentifier(string value) =>
        value.Length is >= 1 and <= 64 && value[0] != '.'
        && value.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.');

    private static void AssertIdentifiers(Export export)
    {
        var root = export.Trial.RootElement;
        var ids = new List<string> { root.GetProperty("trialId").GetString()! };
        ids.AddRange(root.GetProperty("funders").EnumerateArray().Select(f => f.GetProperty("funderId").GetString()!));
        ids.AddRange(root.GetProperty("fidelity").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!));
        ids.AddRange(export.Sites.Records().Select(r => r["site_id"]));
        foreach (var r in export.Participants.Records())
        {
            ids.Add(r["participant_id"]);
            ids.Add(r["site_id"]);
        }

        foreach (var r in export.Contacts.Records())
        {
            ids.Add(r["contact_id"]);
            ids.Add(r["participant_id"]);
        }

        foreach (var r in export.Fidelity.Records())
        {
            ids.Add(r["site_id"]);
            ids.Add(r["rater_id"]);
            ids.Add(r["item_id"]);
        }

        foreach (var r in export.Codings.Records())
        {
            ids.Add(r["site_id"]);
            ids.Add(r["source"]);
        }

        var invalid = ids.Where(id => !IsIdentifier(id)).Distinct(StringComparer.Ordinal).ToList();
        Assert.Empty(invalid);
    }

    private static void AssertDates(Export export)
    {
        var cutOff = export.DataCutOff;
        var dates = new List<string>();
        foreach (var r in export.Participants.Records())
        {
            dates.Add(r["randomised_on"]);
            dates.Add(r["discharged_on"]);
            dates.Add(r["withdrawn_on"]);
            var randomised = Export.Date(r["randomised_on"]);
            if (Export.OptionalDate(r["discharged_on"]) is { } discharged)
            {
                Assert.True(discharged >= randomised, "discharged before randomised");
            }
        }

        dates.AddRange(export.Contacts.Records().Select(r => r["contact_on"]));
        dates.AddRange(export.Fidelity.Records().Select(r => r["assessed_on"]));
        foreach (var text in dates.Where(d => d.Length > 0))
        {
            Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text);
            Assert.True(Export.Date(text) <= cutOff, "a date after the data cut-off");
        }
    }

    private static void AssertReferences(Export export)
    {
        var sites = export.Sites.Records().Select(r => r["site_id"]).ToList();
        Assert.Equal(sites.Count, sites.Distinct(StringComparer.Ordinal).Count());
        var siteSet = sites.ToHashSet(StringComparer.Ordinal);

        var participants = export.Participants.Records().ToList();
        Assert.Equal(participants.Count, participants.Select(p => p["participant_id"]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(participants, p => Assert.Contains(p["site_id"], siteSet));
        var arms = participants.ToDictionary(p => p["participant_id"], p => p["arm"], StringComparer.Ordinal);

        var contacts = export.Contacts.Records().ToList();
        Assert.Equal(contacts.Count, contacts.Select(c => c["contact_id"]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(contacts, c => Assert.Equal("peer_support", arms[c["participant_id"]]));

        Assert.All(export.Fidelity.Records(), r => Assert.Contains(r["site_id"], siteSet));
        Assert.All(export.Codings.Records(), r => Assert.Contains(r["site_id"], siteSet));
    }

    private static void AssertEnumerations(Export export)
    {
        Assert.All(export.Sites.Records(), r =>
        {
            Assert.Contains(r["locality"], new[] { "urban", "town", "rural", "mixed" });
            Assert.Contains(r["employer"], new[] { "nhs", "voluntary", "other" });
            _ = decimal.Parse(r["supervisor_days_per_week"], CultureInfo.InvariantCulture);
            foreach (var (name, values) in export.Characteristics)
            {
                if (values is null)
                {
                    _ = decimal.Parse(r[name], CultureInfo.InvariantCulture);
                }
                else
                {
                    Assert.Contains(r[name], values);
                }
            }
        });
        Assert.All(export.Participants.Records(), r =>
        {
            Assert.Contains(r["arm"], new[] { "peer_support", "usual_care" });
            Assert.Contains(r["readmitted_12m"], new[] { "yes", "no", "" });
        });
        Assert.All(export.Contacts.Records(), r =>
        {
            Assert.Contains(r["mode"], new[] { "in_person", "phone", "video", "message" });
            Assert.Contains(r["status"], new[] { "completed", "did_not_attend", "cancelled" });
        });
        Assert.All(export.Codings.Records(), r =>
        {
            Assert.Contains(r["role"], export.Roles);
            if (Domains(export.Framework) is { } domains)
            {
                Assert.Contains(r["domain"], domains);
            }

            Assert.Contains(r["valence"], new[] { "facilitator", "barrier", "neutral" });
            Assert.False(string.IsNullOrWhiteSpace(r["construct"]));
            Assert.False(string.IsNullOrWhiteSpace(r["code"]));
        });
    }

    private static void AssertInterviews(Export export)
    {
        if (export.Interviews is not { } interviews)
        {
            Assert.False(export.Trial.RootElement.TryGetProperty("interviewItems", out _), "interview items declared but no interviews.csv");
            return;
        }

        var items = export.Trial.RootElement.GetProperty("interviewItems").EnumerateArray()
            .ToDictionary(i => i.GetProperty("itemId").GetString()!, i => (Min: i.GetProperty("min").GetInt32(), Max: i.GetProperty("max").GetInt32()), StringComparer.Ordinal);
        var codedRole = export.Codings.Records().GroupBy(r => r["source"]).ToDictionary(g => g.Key, g => g.Select(r => r["role"]).Distinct().Single(), StringComparer.Ordinal);
        var sites = export.Sites.Records().Select(r => r["site_id"]).ToHashSet(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in interviews.Records())
        {
            Assert.True(IsIdentifier(r["source"]), "a source that is not an identifier");
            Assert.Contains(r["site_id"], sites);
            Assert.Contains(r["role"], export.Roles);
            Assert.True(items.TryGetValue(r["item_id"], out var range), "item not in interviewItems");
            Assert.InRange(int.Parse(r["score"], CultureInfo.InvariantCulture), range.Min, range.Max);
            Assert.True(keys.Add(r["source"] + "|" + r["item_id"]), "two scores for one source and item");
            if (codedRole.TryGetValue(r["source"], out var role))
            {
                Assert.Equal(role, r["role"]);
            }
        }
    }

    private static void AssertFidelity(Export export)
    {
        var items = export.Trial.RootElement.GetProperty("fidelity").GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("itemId").GetString()!, i => (Min: i.GetProperty("min").GetInt32(), Max: i.GetProperty("max").GetInt32()), StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in export.Fidelity.Records())
        {
            Assert.True(items.TryGetValue(r["item_id"], out var range), "item not in the instrument");
            var score = int.Parse(r["score"], CultureInfo.InvariantCulture);
            Assert.InRange(score, range.Min, range.Max);
            Assert.True(keys.Add(string.Join('|', r["site_id"], r["assessed_on"], r["rater_id"], r["item_id"])), "two scores for one item");
        }
    }
}
