using System.Text;
using Reporting.Core.Export;

namespace Reporting.Core.Tests;

/// <summary>Builds small inline exports for the rule tests.</summary>
internal static class Exports
{
    public const string Trial = """
        {
          "trialId": "t1",
          "title": "Test trial",
          "dataCutOff": "2019-06-30",
          "funders": [{ "funderId": "f1", "name": "Funder One" }],
          "engagement": { "minContacts": 2, "minPostDischargeContacts": 1, "followUpDays": 120 },
          "fidelity": { "instrument": "Index", "items": [
            { "itemId": "i1", "domain": "Trust", "min": 0, "max": 2 },
            { "itemId": "i2", "domain": "Reciprocity", "min": 0, "max": 2 } ] },
          "comparison": { "minSourcesPerCode": 1 }
        }
        """;

    public const string Sites = """
        site_id,site_name,locality,employer
        S1,North,urban,nhs
        S2,South,rural,voluntary
        """;

    /// <summary>One peer-support participant P1 at S1 randomised 2019-01-01, discharged 2019-01-10; one usual-care participant U1.</summary>
    public const string Participants = """
        participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on
        P1,S1,peer_support,2019-01-01,2019-01-10,no,
        U1,S1,usual_care,2019-01-01,2019-01-12,yes,
        """;

    public static ExportBundle Read(params (string Name, string Content)[] files) =>
        ExportBundleReader.Read(files.Select(f => ExportFile.FromBytes(f.Name, Encoding.UTF8.GetBytes(f.Content.ReplaceLineEndings("\n") + "\n"))).ToList());

    public static ExportBundle WithContacts(string contacts, string participants = Participants, string trial = Trial) =>
        Read(("trial.json", trial), ("sites.csv", Sites), ("participants.csv", participants), ("contacts.csv", contacts));

    public static FileValidation File(this ExportBundle bundle, string name) => bundle.Files.Single(f => f.FileName == name);
}
