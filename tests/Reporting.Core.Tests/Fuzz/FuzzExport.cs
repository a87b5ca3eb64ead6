using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reporting.Core.Tests.Fuzz;

/// <summary>
/// A valid export to mutate: trial.json as a JSON tree and every CSV as a table. <see cref="Marked"/> replaces every
/// identifier and every free-text value with markers (the same value with the same marker in every file, so the
/// export stays valid and its figures stay as they were), so that a message echoing any cell is caught.
/// Values that messages list by design stay as they are: the trial's roles, characteristic names and values, and
/// framework domains are the trial's own vocabulary ("allowed values are …"), not participant data.
/// </summary>
internal sealed class FuzzExport
{
    /// <summary>Columns whose values are identifiers of one kind, shared across files: (file, column, kind).</summary>
    private static readonly (string File, string Column, string Kind)[] IdColumns =
    [
        ("sites.csv", "site_id", "site"),
        ("participants.csv", "site_id", "site"),
        ("fidelity.csv", "site_id", "site"),
        ("codings.csv", "site_id", "site"),
        ("interviews.csv", "site_id", "site"),
        ("participants.csv", "participant_id", "participant"),
        ("contacts.csv", "participant_id", "participant"),
        ("contacts.csv", "contact_id", "contact"),
        ("contacts.csv", "peer_worker_id", "worker"),
        ("fidelity.csv", "rater_id", "rater"),
        ("fidelity.csv", "item_id", "fidelity-item"),
        ("codings.csv", "source", "source"),
        ("interviews.csv", "source", "source"),
        ("interviews.csv", "item_id", "interview-item"),
        ("sites.csv", "site_name", "text"),
        ("sites.csv", "region", "text"),
        ("codings.csv", "code", "code"),
        ("codings.csv", "excerpt", "text"),
    ];

    private FuzzExport(string name, JsonObject trial, Dictionary<string, CsvTable> tables)
    {
        Name = name;
        Trial = trial;
        Tables = tables;
    }

    public string Name { get; }

    public JsonObject Trial { get; }

    /// <summary>The CSV files by contract name, in contract order.</summary>
    public Dictionary<string, CsvTable> Tables { get; }

    public string TrialId => (string)Trial["trialId"]!;

    /// <summary>The bases every case starts from: the two committed samples and two small hand-made exports (one with
    /// QCA, a number characteristic, an inline framework and structured answers).</summary>
    public static IReadOnlyList<FuzzExport> Bases { get; } = [Sample("peer-support-synthetic"), Sample("upsides-synthetic"), Small(), SmallWithQca()];

    public FuzzExport Clone() => new(Name, (JsonObject)Trial.DeepClone(), Tables.ToDictionary(t => t.Key, t => t.Value.Clone()));

    /// <summary>The files as an honest exporter writes them.</summary>
    public List<(string Name, byte[] Content)> Files() =>
    [
        ("trial.json", Encoding.UTF8.GetBytes(Trial.ToJsonString(new JsonSerializerOptions { WriteIndented = true }))),
        .. Tables.Select(t => (t.Key, Encoding.UTF8.GetBytes(t.Value.Write()))),
    ];

    /// <summary>A copy with every identifier and free-text value replaced by a marker.</summary>
    public FuzzExport Marked(Markers markers)
    {
        var copy = Clone();
        var maps = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        string Map(string kind, string value)
        {
            if (value.Length == 0)
            {
                return value;
            }

            if (!maps.TryGetValue(kind, out var map))
            {
                maps[kind] = map = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            if (!map.TryGetValue(value, out var marked))
            {
                // Free text keeps its words after the marker (codes must stay distinct and readable); an excerpt
                // gets a marker of its own per cell.
                marked = kind is "text" or "code" ? markers.Next() + " " + value : markers.Next();
                if (kind == "text")
                {
                    return marked;
                }

                map[value] = marked;
            }

            return marked;
        }

        foreach (var (file, column, kind) in IdColumns)
        {
            if (!copy.Tables.TryGetValue(file, out var table) || table.Column(column) is var c && c < 0)
            {
                continue;
            }

            foreach (var row in table.Rows)
            {
                row[c] = Map(kind, row[c]);
            }
        }

        var trial = copy.Trial;
        trial["trialId"] = markers.Next();
        trial["title"] = markers.Next() + " " + (string?)trial["title"];
        if (trial["registration"] is not null)
        {
            trial["registration"] = markers.Next();
        }

        foreach (var funder in trial["funders"]?.AsArray() ?? [])
        {
            funder!["funderId"] = markers.Next();
            funder["name"] = markers.Next() + " funder";
        }

        if (trial["fidelity"] is JsonObject fidelity)
        {
            fidelity["instrument"] = markers.Next() + " index";
            foreach (var item in fidelity["items"]!.AsArray())
            {
                item!["itemId"] = Map("fidelity-item", (string)item["itemId"]!);
                item["domain"] = markers.Next() + " domain";
            }
        }

        foreach (var item in trial["interviewItems"]?.AsArray() ?? [])
        {
            item!["itemId"] = Map("interview-item", (string)item["itemId"]!);
            item["text"] = markers.Next() + " statement";
        }

        foreach (var characteristic in trial["siteCharacteristics"]?.AsArray() ?? [])
        {
            characteristic!["label"] = markers.Next() + " label";
        }

        return copy;
    }

    private static FuzzExport Sample(string name)
    {
        var folder = Path.Combine(RepoPaths.Root, "samples", name);
        var trial = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "trial.json")))!.AsObject();
        var tables = new Dictionary<string, CsvTable>(StringComparer.Ordinal);
        foreach (var file in new[] { "sites.csv", "participants.csv", "contacts.csv", "fidelity.csv", "codings.csv", "interviews.csv" })
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path))
            {
                tables[file] = CsvTable.Parse(File.ReadAllText(path));
            }
        }

        return new FuzzExport(name, trial, tables);
    }

    private static FuzzExport Small() => new("small", JsonNode.Parse(Exports.Trial)!.AsObject(), new Dictionary<string, CsvTable>(StringComparer.Ordinal)
    {
        ["sites.csv"] = CsvTable.Parse(Exports.Sites),
        ["participants.csv"] = CsvTable.Parse("""
            participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on
            P1,S1,peer_support,2019-01-01,2019-01-10,no,
            P2,S1,peer_support,2019-01-02,,yes,
            P3,S2,peer_support,2019-01-03,2019-01-20,,2019-03-01
            P4,S2,peer_support,2019-02-01,2019-02-10,no,
            U1,S1,usual_care,2019-01-01,2019-01-12,yes,
            """),
        ["contacts.csv"] = CsvTable.Parse("""
            contact_id,participant_id,contact_on,peer_worker_id,mode,status
            C1,P1,2019-01-05,W1,in_person,completed
            C2,P1,2019-01-20,W1,phone,completed
            C3,P2,2019-01-06,W1,video,did_not_attend
            ,P3,2019-01-25,W2,message,completed
            C5,P3,2019-02-25,W2,phone,completed
            C6,P4,2019-02-12,,in_person,cancelled
            """),
        ["fidelity.csv"] = CsvTable.Parse("""
            site_id,assessed_on,rater_id,item_id,score
            S1,2019-05-01,R1,i1,2
            S1,2019-05-01,R1,i2,1
            S1,2019-05-01,R2,i1,2
            S2,2019-05-01,R1,i1,0
            S2,2019-05-01,R1,i2,1
            """),
        ["codings.csv"] = CsvTable.Parse("""
            site_id,source,role,domain,construct,code,valence,excerpt
            S1,S1PW1,pw,context,culture,Team values peer work,facilitator,"Said ""we"" often, and meant it"
            S2,S2C1,clinician,facilitation,role,Unclear role,barrier,
            S2,S2PW1,pw,other,other,Team values peer work,neutral,A line
            """),
    });

    private static FuzzExport SmallWithQca()
    {
        var trial = JsonNode.Parse("""
            {
              "trialId": "q1",
              "title": "Trial with QCA",
              "dataCutOff": "2019-06-30",
              "funders": [{ "funderId": "f1", "name": "Funder" }],
              "engagement": { "minContacts": 1, "minPostDischargeContacts": 0, "followUpDays": null },
              "fidelity": { "instrument": "Index", "items": [ { "itemId": "i1", "domain": "Trust", "min": 0, "max": 4 } ] },
              "comparison": { "minSourcesPerCode": 1, "framework": { "domains": [ { "domain": "context", "constructs": ["culture", "resources"] } ] }, "axes": ["beds", "role"] },
              "siteCharacteristics": [ { "name": "beds", "label": "Beds", "kind": "number" }, { "name": "setting", "label": "Setting", "values": ["ward", "community"] } ],
              "roles": ["pw", "manager"],
              "interviewItems": [ { "itemId": "q1", "text": "Clear role", "min": 1, "max": 5 } ],
              "qca": { "outcome": "engagement", "conditions": ["employer=nhs", "beds>=20", "setting=ward"], "inclCut": [0.8, 0.6] }
            }
            """)!.AsObject();
        return new FuzzExport("small-qca", trial, new Dictionary<string, CsvTable>(StringComparer.Ordinal)
        {
            ["sites.csv"] = CsvTable.Parse("""
                site_id,site_name,locality,employer,region,supervisor_days_per_week,beds,setting
                A,Alpha,urban,nhs,North,1,24,ward
                B,Beta,rural,voluntary,South,0.5,12,community
                C,Gamma,town,nhs,East,2,30,
                D,Delta,mixed,other,West,0,8,community
                """),
            ["participants.csv"] = CsvTable.Parse("""
                participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on
                a1,A,peer_support,2019-01-01,2019-01-05,no,
                a2,A,peer_support,2019-01-01,,,
                b1,B,peer_support,2019-01-01,2019-01-05,yes,
                b2,B,usual_care,2019-01-01,2019-01-05,no,
                c1,C,peer_support,2019-01-01,2019-01-05,no,
                d1,D,peer_support,2019-01-01,2019-01-05,no,2019-02-01
                """),
            ["contacts.csv"] = CsvTable.Parse("""
                contact_id,participant_id,contact_on,peer_worker_id,mode,status
                k1,a1,2019-01-10,w,phone,completed
                k2,a2,2019-01-10,w,phone,completed
                k3,b1,2019-01-10,w,phone,cancelled
                k4,c1,2019-01-10,w,phone,completed
                k5,d1,2019-03-10,w,phone,completed
                """),
            ["fidelity.csv"] = CsvTable.Parse("""
                site_id,assessed_on,rater_id,item_id,score
                A,2019-05-01,R1,i1,4
                B,2019-05-01,R1,i1,1
                C,2019-05-01,R1,i1,3
                D,2019-05-01,R1,i1,0
                """),
            ["codings.csv"] = CsvTable.Parse("""
                site_id,source,role,domain,construct,code,valence,excerpt
                A,A1,pw,context,culture,Protected time,facilitator,Time to talk
                B,B1,manager,context,resources,No room,barrier,No room to meet
                C,C1,pw,context,culture,Protected time,facilitator,
                D,D1,manager,other,anything,Short staffed,barrier,Always short
                """),
            ["interviews.csv"] = CsvTable.Parse("""
                site_id,source,role,item_id,score
                A,A1,pw,q1,5
                B,B1,manager,q1,2
                C,C1,pw,q1,4
                """),
        });
    }
}
