using System.IO.Compression;
using System.Text;

namespace Reporting.Functions.Tests;

/// <summary>
/// A small synthetic trial (three sites) in the export contract (docs/export-contract.md). No real participant data.
/// Every value that is participant data (participant, contact, worker, rater and source ids, site names, codes,
/// excerpts, titles) carries a marker (<see cref="Planted"/>), so that any test uploading the trial shows that none
/// reaches a log line. Trial, site and funder ids carry none: they name blobs, and log lines name blobs.
/// </summary>
internal static class SampleTrial
{
    public static string Trial(string trialId) => $$"""
        {
          "trialId": "{{trialId}}",
          "title": "Synthetic peer support trial {{Planted.Title}}",
          "dataCutOff": "2019-06-30",
          "funders": [{ "funderId": "funder-{{trialId}}", "name": "Synthetic Funder {{Planted.Title}}" }],
          "engagement": { "minContacts": 2, "minPostDischargeContacts": 1, "followUpDays": 120 },
          "fidelity": { "instrument": "Index {{Planted.Title}}", "items": [
            { "itemId": "i1", "domain": "Trust {{Planted.Title}}", "min": 0, "max": 3 },
            { "itemId": "i2", "domain": "Reciprocity", "min": 0, "max": 3 } ] },
          "comparison": { "minSourcesPerCode": 1 }
        }
        """;

    public const string Sites = $$"""
        site_id,site_name,locality,employer
        S1,North {{Planted.SiteName}},urban,nhs
        S2,South {{Planted.SiteName}},rural,voluntary
        S3,East {{Planted.SiteName}},town,nhs
        """;

    public const string Participants = $$"""
        participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on
        P01-{{Planted.Participant}},S1,peer_support,2019-01-01,2019-01-10,no,
        P02-{{Planted.Participant}},S1,peer_support,2019-01-02,2019-01-11,no,
        P03-{{Planted.Participant}},S1,peer_support,2019-01-03,2019-01-12,yes,
        P04-{{Planted.Participant}},S1,usual_care,2019-01-04,2019-01-13,yes,
        P05-{{Planted.Participant}},S2,peer_support,2019-01-01,2019-01-10,no,
        P06-{{Planted.Participant}},S2,peer_support,2019-01-02,2019-01-11,yes,
        P07-{{Planted.Participant}},S2,peer_support,2019-01-03,2019-01-12,yes,
        P08-{{Planted.Participant}},S2,usual_care,2019-01-04,2019-01-13,no,
        P09-{{Planted.Participant}},S3,peer_support,2019-01-01,2019-01-10,no,
        P10-{{Planted.Participant}},S3,peer_support,2019-01-02,2019-01-11,no,
        P11-{{Planted.Participant}},S3,peer_support,2019-01-03,2019-01-12,no,
        P12-{{Planted.Participant}},S3,usual_care,2019-01-04,2019-01-13,yes,
        """;

    public const string Contacts = $$"""
        contact_id,participant_id,contact_on,peer_worker_id,mode,status
        C01-{{Planted.Contact}},P01-{{Planted.Participant}},2019-01-05,W1-{{Planted.Worker}},in_person,completed
        C02-{{Planted.Contact}},P01-{{Planted.Participant}},2019-01-20,W1-{{Planted.Worker}},phone,completed
        C03-{{Planted.Contact}},P02-{{Planted.Participant}},2019-01-06,W1-{{Planted.Worker}},in_person,completed
        C04-{{Planted.Contact}},P02-{{Planted.Participant}},2019-01-21,W1-{{Planted.Worker}},phone,completed
        C05-{{Planted.Contact}},P03-{{Planted.Participant}},2019-01-07,W1-{{Planted.Worker}},in_person,completed
        C06-{{Planted.Contact}},P03-{{Planted.Participant}},2019-01-22,W1-{{Planted.Worker}},phone,completed
        C07-{{Planted.Contact}},P05-{{Planted.Participant}},2019-01-05,W2-{{Planted.Worker}},in_person,completed
        C08-{{Planted.Contact}},P05-{{Planted.Participant}},2019-01-20,W2-{{Planted.Worker}},phone,did_not_attend
        C09-{{Planted.Contact}},P06-{{Planted.Participant}},2019-01-06,W2-{{Planted.Worker}},in_person,completed
        C10-{{Planted.Contact}},P09-{{Planted.Participant}},2019-01-05,W3-{{Planted.Worker}},in_person,completed
        C11-{{Planted.Contact}},P09-{{Planted.Participant}},2019-01-20,W3-{{Planted.Worker}},video,completed
        C12-{{Planted.Contact}},P10-{{Planted.Participant}},2019-01-06,W3-{{Planted.Worker}},in_person,completed
        C13-{{Planted.Contact}},P10-{{Planted.Participant}},2019-01-25,W3-{{Planted.Worker}},message,completed
        """;

    public const string Fidelity = $$"""
        site_id,assessed_on,rater_id,item_id,score
        S1,2019-05-01,R1-{{Planted.Rater}},i1,3
        S1,2019-05-01,R1-{{Planted.Rater}},i2,3
        S2,2019-05-01,R1-{{Planted.Rater}},i1,1
        S2,2019-05-01,R1-{{Planted.Rater}},i2,0
        S3,2019-05-01,R1-{{Planted.Rater}},i1,2
        S3,2019-05-01,R1-{{Planted.Rater}},i2,1
        """;

    public const string Codings = $$"""
        site_id,source,role,domain,construct,code,valence,excerpt
        S1,S1PW1-{{Planted.Source}},pw,context,culture,Team values peer work {{Planted.Code}},facilitator,Synthetic excerpt one {{Planted.Excerpt}}
        S1,S1M1-{{Planted.Source}},manager,facilitation,role characterisation,Clear role {{Planted.Code}},facilitator,Synthetic excerpt two {{Planted.Excerpt}}
        S2,S2PW1-{{Planted.Source}},pw,context,culture,Team values peer work {{Planted.Code}},facilitator,Synthetic excerpt three {{Planted.Excerpt}}
        S2,S2C1-{{Planted.Source}},clinician,facilitation,role characterisation,Unclear role {{Planted.Code}},barrier,Synthetic excerpt four {{Planted.Excerpt}}
        S3,S3PW1-{{Planted.Source}},pw,context,leadership,Access to wards {{Planted.Code}},barrier,Synthetic excerpt five {{Planted.Excerpt}}
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

/// <summary>The markers planted in <see cref="SampleTrial"/> and in the hostile uploads of the log tests, one per kind
/// of value, so a leak says which value leaked. No log line may contain one.</summary>
internal static partial class Planted
{
    public const string Participant = "MKa1i1x1";
    public const string Contact = "MKa1i2x1";
    public const string Worker = "MKa1i3x1";
    public const string Rater = "MKa1i4x1";
    public const string Source = "MKa1i5x1";
    public const string Code = "MKa1i6x1";
    public const string Excerpt = "MKa1i7x1";
    public const string SiteName = "MKa1i8x1";
    public const string Title = "MKa1i9x1";

    /// <summary>The log lines that hold any marker (in any letter case).</summary>
    public static IReadOnlyList<string> In(IEnumerable<string> lines) => [.. lines.Where(l => Pattern().IsMatch(l))];

    [System.Text.RegularExpressions.GeneratedRegex("mk[0-9a-f]+i[0-9]+x[0-9]+", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    public static partial System.Text.RegularExpressions.Regex Pattern();
}
