using System.Globalization;
using System.Text;
using Reporting.Core.Analysis;
using Reporting.Core.Export;

namespace Reporting.Core.Tests;

/// <summary>The whole pipeline on a small hand-built trial whose classes are known in advance.</summary>
public class RunBuilderTests
{
    // Site: (offered, engaged, fidelity total per rater). Thresholds: engagement 0.45/0.60, fidelity 2/3 (two items 0–2).
    private static readonly (string Id, int Offered, int Engaged, int Fidelity)[] Design =
    [
        ("H1", 10, 8, 4), // 80%, 4 → high–high
        ("H2", 10, 6, 3), // exactly 60% and exactly 3: thresholds are inclusive → high–high
        ("L1", 10, 2, 1), // 20%, 1 → low–low
        ("O1", 10, 5, 4), // 50% (mid), 4 (high) → outlier
        ("M1", 10, 5, 2), // 50% (mid), 2 (low, inclusive) → not compared
    ];

    private const string Trial = """
        { "trialId": "t1", "title": "Small trial", "dataCutOff": "2019-06-30",
          "funders": [{ "funderId": "f1", "name": "Funder One" }],
          "fidelity": { "items": [ { "itemId": "i1", "min": 0, "max": 2 }, { "itemId": "i2", "min": 0, "max": 2 } ] },
          "classification": { "engagementHigh": 0.60, "engagementLow": 0.45, "fidelityHigh": 3, "fidelityLow": 2 } }
        """;

    internal static List<ExportFile> Files(string? codings = null, string trial = Trial)
    {
        var sites = new StringBuilder("site_id,site_name\n");
        var participants = new StringBuilder("participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on\n");
        var contacts = new StringBuilder("contact_id,participant_id,contact_on,status\n");
        var fidelity = new StringBuilder("site_id,assessed_on,rater_id,item_id,score\n");
        foreach (var (id, offered, engaged, total) in Design)
        {
            sites.Append(CultureInfo.InvariantCulture, $"{id},Site {id}\n");
            for (var i = 0; i < offered; i++)
            {
                var p = $"{id}P{i}";
                participants.Append(CultureInfo.InvariantCulture, $"{p},{id},peer_support,2018-01-01,2018-01-10,{(i % 2 == 0 ? "yes" : "no")},\n");
                participants.Append(CultureInfo.InvariantCulture, $"{id}U{i},{id},usual_care,2018-01-01,2018-01-10,yes,\n");
                contacts.Append(CultureInfo.InvariantCulture, $",{p},2018-01-05,completed\n");
                if (i < engaged)
                {
                    contacts.Append(CultureInfo.InvariantCulture, $",{p},2018-01-20,completed\n");
                }
            }

            foreach (var rater in new[] { "R1", "R2" })
            {
                fidelity.Append(CultureInfo.InvariantCulture, $"{id},2019-05-01,{rater},i1,{Math.Min(2, total)}\n");
                fidelity.Append(CultureInfo.InvariantCulture, $"{id},2019-05-01,{rater},i2,{total - Math.Min(2, total)}\n");
            }
        }

        var files = new List<ExportFile>
        {
            ExportFile.FromBytes("trial.json", Encoding.UTF8.GetBytes(trial)),
            ExportFile.FromBytes("sites.csv", Encoding.UTF8.GetBytes(sites.ToString())),
            ExportFile.FromBytes("participants.csv", Encoding.UTF8.GetBytes(participants.ToString())),
            ExportFile.FromBytes("contacts.csv", Encoding.UTF8.GetBytes(contacts.ToString())),
            ExportFile.FromBytes("fidelity.csv", Encoding.UTF8.GetBytes(fidelity.ToString())),
        };
        if (codings is not null)
        {
            files.Add(ExportFile.FromBytes("codings.csv", Encoding.UTF8.GetBytes("site_id,source,role,domain,construct,code,valence,excerpt\n" + codings)));
        }

        return files;
    }

    private static RunModel Run(string? codings = null, string trial = Trial)
    {
        var result = TrialPipeline.Run(Files(codings, trial));
        Assert.True(result.Run is not null, result.NotRunReason + string.Join("\n", result.AllIssues));
        return result.Run!;
    }

    [Fact]
    public void Roles_FollowTheClassification_IncludingExactThresholds()
    {
        var run = Run();

        var roles = run.Sites.ToDictionary(s => s.SiteId, s => s.Role);
        Assert.Equal(CaseRole.HighHigh, roles["H1"]);
        Assert.Equal(CaseRole.HighHigh, roles["H2"]);
        Assert.Equal(CaseRole.LowLow, roles["L1"]);
        Assert.Equal(CaseRole.Outlier, roles["O1"]);
        Assert.Equal(CaseRole.NotSelected, roles["M1"]);
        var h2 = run.Sites.Single(s => s.SiteId == "H2");
        Assert.Equal("engagement 60.0% ≥ high threshold 60.0%", h2.EngagementClass!.Reason);
        Assert.Equal("fidelity 3.0 ≥ high threshold 3.0", h2.FidelityClass!.Reason);
        Assert.StartsWith("Outlier: fidelity is high but engagement is mid-range", run.Sites.Single(s => s.SiteId == "O1").RoleReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pooled_AndOutcome_AreComputed()
    {
        var run = Run();

        Assert.Equal((50, 26), (run.Pooled.Engagement!.Offered, run.Pooled.Engagement.Engaged));
        Assert.Equal((100, 50, 50), (run.Pooled.Participants, run.Pooled.PeerSupport, run.Pooled.UsualCare));
        Assert.Equal(50, run.Pooled.Outcome!.UsualCare.Total);
        Assert.Equal(50, run.Pooled.Outcome.UsualCare.Count);
        Assert.NotNull(run.Spearman);
        Assert.Equal("exact", run.Spearman!.Method);
    }

    [Fact]
    public void NoCodings_CrossCaseSaysWhy()
    {
        var run = Run();

        Assert.Null(run.CrossCase.Patterns);
        Assert.Equal("No coded interview data was supplied; patterns A–D are not available.", run.CrossCase.UnavailableReason);
        Assert.Equal(4, run.CrossCase.Cases.Count);
    }

    [Fact]
    public void Codings_GivePatternsAndSiteSummaries()
    {
        var run = Run("""
            H1,H1PW1,pw,context,Culture,Shared experience,facilitator,"It ""clicked"", really"
            H2,H2PW1,pw,context,Culture,Shared experience,facilitator,
            L1,L1PW1,pw,context,Culture,Shared experience,facilitator,
            O1,O1PW1,pw,context,Culture,Shared experience,facilitator,
            H1,H1PW1,pw,facilitation,Role characterisation,Protected time,facilitator,
            H2,H2MGR1,manager,facilitation,Role characterisation,Protected time,facilitator,
            L1,L1PW1,pw,facilitation,Role characterisation,Drawn into clinical tasks,barrier,
            M1,M1PW1,pw,facilitation,Role characterisation,Protected time,facilitator,
            """);

        var p = run.CrossCase.Patterns!;
        Assert.Equal(["Shared experience"], p.A.Codes.Select(c => c.Code.Code));
        Assert.Equal(["Protected time"], p.B.Codes.Select(c => c.Code.Code));
        Assert.Equal(["Drawn into clinical tasks"], p.C.Codes.Select(c => c.Code.Code));
        Assert.Equal("It \"clicked\", really", p.A.Codes[0].Excerpts.Single().Text);
        var m1 = run.Sites.Single(s => s.SiteId == "M1").Coding!;
        Assert.Equal(["Protected time"], m1.SharedWithHighHigh.Select(c => c.Code));
        Assert.Single(run.Sites.Single(s => s.SiteId == "L1").Coding!.Barriers);
    }

    [Fact]
    public void RunId_SameInputsSameId_ChangedInputNewId()
    {
        var first = Run();
        var second = Run();
        var changed = Run(trial: Trial.Replace("Small trial", "Small trial (renamed)", StringComparison.Ordinal));

        Assert.Equal(first.RunId, second.RunId);
        Assert.NotEqual(first.RunId, changed.RunId);
        Assert.Equal(16, first.RunId.Length);
        Assert.Equal(RunModelJson.Serialize(first), RunModelJson.Serialize(second));
    }

    [Fact]
    public void RunJson_RoundTrips()
    {
        var run = Run("H1,H1PW1,pw,context,Culture,Shared experience,facilitator,x\n");

        var json = RunModelJson.Serialize(run);
        var back = RunModelJson.Deserialize(json);

        Assert.Equal(json, RunModelJson.Serialize(back));
        Assert.Contains("\"role\": \"highHigh\"", json, StringComparison.Ordinal);
        Assert.Contains("\"dataCutOff\": \"2019-06-30\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FileWithErrors_NoRun_AndReasonNamesTheFile()
    {
        var files = Files();
        files[1] = ExportFile.FromBytes("sites.csv", Encoding.UTF8.GetBytes("site_id,site_name\nH1,A\nH1,B\n"));

        var result = TrialPipeline.Run(files);

        Assert.Null(result.Run);
        Assert.Contains("sites.csv", result.NotRunReason, StringComparison.Ordinal);
    }

    [Fact]
    public void FunderPortfolio_ChangeSincePreviousRun()
    {
        var now = Run();
        var before = Run(trial: Trial.Replace("2019-06-30", "2019-05-31", StringComparison.Ordinal));
        var shifted = before with { Pooled = before.Pooled with { Engagement = before.Pooled.Engagement! with { Proportion = Metrics.Proportion.Of(20, 50) } } };

        var portfolio = FunderPortfolios.Build("f1", "Funder One", "2026-10", [new PortfolioTrialInput(now, shifted, "https://example.test/t1")]);
        var other = FunderPortfolios.Build("f2", "Funder Two", "2026-10", [new PortfolioTrialInput(now, null, null)]);

        var trial = Assert.Single(portfolio.Trials);
        Assert.Equal(26.0 / 50 - 20.0 / 50, trial.EngagementChange!.Value, 12);
        Assert.Contains(trial.Flagged, f => f.SiteId == "O1");
        Assert.Empty(other.Trials);
    }

    [Theory]
    [InlineData(null)] // every dataset: engagement and fidelity for every site
    [InlineData("contacts.csv")] // no contacts: engagement unavailable, fidelity still there
    [InlineData("fidelity.csv")] // no fidelity scores: fidelity unavailable, engagement still there
    public void MetricsFromBundle_SameDocumentAsTheRunsMetrics(string? leftOut)
    {
        // `reporting metrics` computes the metrics from the bundle without the rest of the run; the document must be
        // the one the full run gives, run id included.
        var files = Files().Where(f => f.FileName != leftOut).ToList();
        var bundle = ExportBundleReader.Read(files);
        var run = TrialPipeline.Run(bundle).Run!;

        Assert.Null(TrialPipeline.NotRunReason(bundle));
        Assert.Equal(RunModelJson.SerializeValue(MetricsDocument.From(run)), RunModelJson.SerializeValue(MetricsDocument.From(bundle, TrialPipeline.Version)));
    }

    [Fact]
    public void NotRunReason_MissingParticipants_SaysWhy()
    {
        // participants.csv is required: without it there is no run, and the reason names the file.
        var bundle = ExportBundleReader.Read(Files().Where(f => f.FileName != "participants.csv").ToList());

        Assert.Equal("Not analysed: participants.csv is missing or invalid.", TrialPipeline.NotRunReason(bundle));
        Assert.Null(TrialPipeline.Run(bundle).Run);
    }
}
