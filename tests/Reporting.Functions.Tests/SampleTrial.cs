using System.IO.Compression;
using System.Text;

namespace Reporting.Functions.Tests;

/// <summary>A small synthetic trial (three sites) in the export contract (docs/export-contract.md). No real participant data.</summary>
internal static class SampleTrial
{
    public static string Trial(string trialId) => $$"""
        {
          "trialId": "{{trialId}}",
          "title": "Synthetic peer support trial",
          "dataCutOff": "2019-06-30",
          "funders": [{ "funderId": "funder-{{trialId}}", "name": "Synthetic Funder" }],
          "engagement": { "minContacts": 2, "minPostDischargeContacts": 1, "followUpDays": 120 },
          "fidelity": { "instrument": "Index", "items": [
            { "itemId": "i1", "domain": "Trust", "min": 0, "max": 3 },
            { "itemId": "i2", "domain": "Reciprocity", "min": 0, "max": 3 } ] },
          "comparison": { "minSourcesPerCode": 1 }
        }
        """;

    public const string Sites = """
        site_id,site_name,locality,employer
        S1,North,urban,nhs
        S2,South,rural,voluntary
        S3,East,town,nhs
        """;

    public const string Participants = """
        participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on
        P01,S1,peer_support,2019-01-01,2019-01-10,no,
        P02,S1,peer_support,2019-01-02,2019-01-11,no,
        P03,S1,peer_support,2019-01-03,2019-01-12,yes,
        P04,S1,usual_care,2019-01-04,2019-01-13,yes,
        P05,S2,peer_support,2019-01-01,2019-01-10,no,
        P06,S2,peer_support,2019-01-02,2019-01-11,yes,
        P07,S2,peer_support,2019-01-03,2019-01-12,yes,
        P08,S2,usual_care,2019-01-04,2019-01-13,no,
        P09,S3,peer_support,2019-01-01,2019-01-10,no,
        P10,S3,peer_support,2019-01-02,2019-01-11,no,
        P11,S3,peer_support,2019-01-03,2019-01-12,no,
        P12,S3,usual_care,2019-01-04,2019-01-13,yes,
        """;

    public const string Contacts = """
        contact_id,participant_id,contact_on,peer_worker_id,mode,status
        C01,P01,2019-01-05,W1,in_person,completed
        C02,P01,2019-01-20,W1,phone,completed
        C03,P02,2019-01-06,W1,in_person,completed
        C04,P02,2019-01-21,W1,phone,completed
        C05,P03,2019-01-07,W1,in_person,completed
        C06,P03,2019-01-22,W1,phone,completed
        C07,P05,2019-01-05,W2,in_person,completed
        C08,P05,2019-01-20,W2,phone,did_not_attend
        C09,P06,2019-01-06,W2,in_person,completed
        C10,P09,2019-01-05,W3,in_person,completed
        C11,P09,2019-01-20,W3,video,completed
        C12,P10,2019-01-06,W3,in_person,completed
        C13,P10,2019-01-25,W3,message,completed
        """;

    public const string Fidelity = """
        site_id,assessed_on,rater_id,item_id,score
        S1,2019-05-01,R1,i1,3
        S1,2019-05-01,R1,i2,3
        S2,2019-05-01,R1,i1,1
        S2,2019-05-01,R1,i2,0
        S3,2019-05-01,R1,i1,2
        S3,2019-05-01,R1,i2,1
        """;

    public const string Codings = """
        site_id,source,role,domain,construct,code,valence,excerpt
        S1,S1PW1,pw,context,culture,Team values peer work,facilitator,Synthetic excerpt one
        S1,S1M1,manager,facilitation,role characterisation,Clear role,facilitator,Synthetic excerpt two
        S2,S2PW1,pw,context,culture,Team values peer work,facilitator,Synthetic excerpt three
        S2,S2C1,clinician,facilitation,role characterisation,Unclear role,barrier,Synthetic excerpt four
        S3,S3PW1,pw,context,leadership,Access to wards,barrier,Synthetic excerpt five
        """;

    public static IReadOnlyList<(string Name, byte[] Content)> Files(string trialId) =>
    [
        ("trial.json", Bytes(Trial(trialId))),
        ("sites.csv", Bytes(Sites)),
        ("participants.csv", Bytes(Participants)),
        ("contacts.csv", Bytes(Contacts)),
        ("fidelity.csv", Bytes(Fidelity)),
        ("codings.csv", Bytes(Codings)),
    ];

    public static IReadOnlyList<string> SiteIds { get; } = ["S1", "S2", "S3"];

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n") + "\n");

    public static byte[] Zip(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
