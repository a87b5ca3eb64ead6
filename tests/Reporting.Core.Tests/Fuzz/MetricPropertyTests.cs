using System.Globalization;
using System.Text;
using CsCheck;
using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Core.Metrics;

namespace Reporting.Core.Tests.Fuzz;

/// <summary>
/// Invariants of the figures that hold for every export (CsCheck generates the trials and shrinks a failing one; the
/// seed it prints reruns it, with <c>CsCheck_Seed=…</c>): engaged ≤ offered, pending ≤ offered − engaged, the Wilson
/// interval contains the estimate, the figures equal a plain recount of the rule in docs/method.md, and rows and files
/// in any order give the same figures.
/// </summary>
public sealed class MetricPropertyTests
{
    private static readonly DateOnly Origin = new(2018, 1, 1);

    private static readonly DateOnly CutOff = new(2019, 6, 30);

    /// <summary>One participant: site index, arm, and days after <see cref="Origin"/>.</summary>
    private sealed record Person(int Site, bool PeerSupport, int Randomised, int? Discharged, int? Withdrawn, bool? Readmitted);

    /// <summary>One contact: which peer-support participant (an index into them), days after that participant's
    /// randomisation (negative: before it), and its status.</summary>
    private sealed record Contact(int Person, int Offset, ContactStatus Status);

    private sealed record Trial(int Sites, int MinContacts, int MinPost, int? FollowUp, Person[] People, Contact[] Contacts, int[] Scores)
    {
        public IReadOnlyList<Person> Peer => [.. People.Where(p => p.PeerSupport)];

        public override string ToString() =>
            Invariant($"{Sites} sites, rule {MinContacts}/{MinPost}/{FollowUp?.ToString(CultureInfo.InvariantCulture) ?? "none"}, {People.Length} participants, {Contacts.Length} contacts");
    }

    private static readonly Gen<Person> GenPerson = Gen.Select(Gen.Int[0, 5], Gen.Bool, Gen.Int[0, 200], Gen.Int[-1, 60], Gen.Int[-1, 200], Gen.Int[0, 2],
        (site, peer, randomised, discharge, withdrawn, readmitted) => new Person(
            site, peer, randomised, discharge < 0 ? null : randomised + discharge, withdrawn < 0 ? null : randomised + withdrawn,
            readmitted switch { 0 => null, 1 => true, _ => false }));

    private static readonly Gen<Contact> GenContact = Gen.Select(Gen.Int[0, 1000], Gen.Int[-10, 250], Gen.Int[0, 2],
        (person, offset, status) => new Contact(person, offset, (ContactStatus)status));

    private static readonly Gen<Trial> GenTrial = Gen.Select(Gen.Int[1, 6], Gen.Int[1, 4], Gen.Int[0, 3], Gen.Int[-1, 200],
        GenPerson.Array[1, 60], GenContact.Array[0, 300], Gen.Int[0, 2].Array[24],
        (sites, minContacts, minPost, followUp, people, contacts, scores) => new Trial(
            sites, minContacts, Math.Min(minPost, minContacts), followUp < 0 ? null : followUp,
            [.. people.Select(p => p with { Site = p.Site % sites })], contacts, scores));

    [Fact]
    public void Proportion_AnyCountOutOfAnyTotal_WilsonIntervalContainsTheEstimate()
    {
        // Every count of every total up to 1,000 (sites are that small), then sampled totals up to two million with
        // none, all and any count.
        for (var total = 1; total <= 1_000; total++)
        {
            for (var count = 0; count <= total; count++)
            {
                CheckInterval(count, total);
            }
        }

        Gen.Select(Gen.Int[1, 2_000_000], Gen.Int[0, 2_000_000], Gen.Int[0, 2]).Sample((total, any, edge) =>
            CheckInterval(edge switch { 0 => 0, 1 => total, _ => any % (total + 1) }, total));
        Assert.Null(Proportion.Of(0, 0).Value);
    }

    private static void CheckInterval(int count, int total)
    {
        var p = Proportion.Of(count, total);
        if (!(p.CiLow <= p.Value && p.Value <= p.CiHigh && p.CiLow >= 0 && p.CiHigh <= 1 && p.CiLow < p.CiHigh))
        {
            Assert.Fail(Invariant($"{count} of {total}: estimate {p.Value:R}, interval {p.CiLow:R} to {p.CiHigh:R}"));
        }
    }

    [Fact]
    public void Engagement_AnyTrial_EngagedAndPendingWithinOfferedAndEqualToARecount()
    {
        GenTrial.Sample(trial =>
        {
            var result = Run(trial, shuffle: null);

            Assert.False(result.HasErrors, string.Join("\n", result.AllIssues.Take(5)));
            var run = result.Run!;
            var expected = Recount(trial);
            foreach (var site in run.Sites)
            {
                var e = site.Engagement!;
                Assert.True(e.Engaged <= e.Offered, $"{site.SiteId}: engaged {e.Engaged} > offered {e.Offered}");
                Assert.True(e.Pending <= e.Offered - e.Engaged, $"{site.SiteId}: pending {e.Pending} > offered − engaged");
                Assert.True(e.Withdrawn <= e.Offered, $"{site.SiteId}: withdrawn {e.Withdrawn} > offered {e.Offered}");
                if (e.Proportion.Value is { } value)
                {
                    Assert.InRange(value, e.Proportion.CiLow!.Value, e.Proportion.CiHigh!.Value);
                }

                Assert.Equal(expected[site.SiteId], (e.Offered, e.Engaged, e.Pending, e.Withdrawn));
            }

            var pooled = run.Pooled.Engagement!;
            Assert.Equal((run.Sites.Sum(s => s.Engagement!.Offered), run.Sites.Sum(s => s.Engagement!.Engaged), run.Sites.Sum(s => s.Engagement!.Pending)),
                (pooled.Offered, pooled.Engaged, pooled.Pending));
            Assert.True(pooled.Pending <= pooled.Offered - pooled.Engaged);
        }, iter: 200, print: t => t.ToString());
    }

    [Fact]
    public void Pipeline_RowsAndFilesInAnyOrder_SameFigures()
    {
        Gen.Select(GenTrial, Gen.Int).Sample((trial, seed) =>
        {
            var inOrder = Figures(Run(trial, shuffle: null).Run!);
            var shuffled = Figures(Run(trial, shuffle: new Random(seed)).Run!);

            Assert.Equal(inOrder, shuffled);
        }, iter: 100, print: t => t.ToString());
    }

    /// <summary>The rule of docs/method.md, counted the plain way from the generated trial (not from the CSV the
    /// pipeline reads): a reference the pipeline's streaming tally must agree with.</summary>
    private static Dictionary<string, (int Offered, int Engaged, int Pending, int Withdrawn)> Recount(Trial trial)
    {
        var peer = trial.Peer;
        var counts = new Dictionary<string, (int, int, int, int)>(StringComparer.Ordinal);
        for (var s = 0; s < trial.Sites; s++)
        {
            counts[SiteId(s)] = (0, 0, 0, 0);
        }

        for (var i = 0; i < peer.Count; i++)
        {
            var p = peer[i];
            var counted = 0;
            var afterDischarge = 0;
            foreach (var c in trial.Contacts.Where(c => c.Person % peer.Count == i))
            {
                var day = p.Randomised + c.Offset;
                var inWindow = c.Status == ContactStatus.Completed && day >= p.Randomised
                    && (p.Withdrawn is null || day <= p.Withdrawn)
                    && (trial.FollowUp is null || p.Discharged is null || day <= p.Discharged + trial.FollowUp);
                if (inWindow)
                {
                    counted++;
                    if (p.Discharged is { } d && day > d)
                    {
                        afterDischarge++;
                    }
                }
            }

            var engaged = counted >= trial.MinContacts && afterDischarge >= trial.MinPost;
            var pending = !engaged && p.Withdrawn is null
                && (p.Discharged is null || trial.FollowUp is { } f && Origin.AddDays(p.Discharged.Value + f) > CutOff);
            var (o, e, pe, w) = counts[SiteId(p.Site)];
            counts[SiteId(p.Site)] = (o + 1, e + (engaged ? 1 : 0), pe + (pending ? 1 : 0), w + (p.Withdrawn is null ? 0 : 1));
        }

        return counts;
    }

    /// <summary>Every figure of the run that must not depend on the order of rows or files, sites sorted by id.</summary>
    private static string Figures(RunModel run)
    {
        var metrics = MetricsDocument.From(run);
        var sb = new StringBuilder();
        foreach (var site in metrics.Sites.OrderBy(s => s.SiteId, StringComparer.Ordinal))
        {
            sb.Append(RunModelJson.SerializeValue(site));
        }

        sb.Append(RunModelJson.SerializeValue(metrics.Pooled));
        foreach (var site in run.Sites.OrderBy(s => s.SiteId, StringComparer.Ordinal))
        {
            sb.Append(Invariant($"{site.SiteId} {site.EngagementClass?.Level} {site.FidelityClass?.Level} {site.Role} {site.FunnelPosition}\n"));
        }

        sb.Append(RunModelJson.SerializeValue(run.Classification));
        sb.Append(RunModelJson.SerializeValue(run.Spearman));
        sb.Append(RunModelJson.SerializeValue(run.Pooled));
        return sb.ToString();
    }

    private static PipelineResult Run(Trial trial, Random? shuffle)
    {
        var peer = trial.Peer;
        string Date(int day) => Origin.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sites = Enumerable.Range(0, trial.Sites).Select(s => Invariant($"{SiteId(s)},Site {s},urban,nhs")).ToList();
        var participants = trial.People.Select((p, i) => Invariant(
            $"P{i},{SiteId(p.Site)},{(p.PeerSupport ? "peer_support" : "usual_care")},{Date(p.Randomised)},{(p.Discharged is { } d ? Date(d) : "")},{p.Readmitted switch { null => "", true => "yes", false => "no" }},{(p.Withdrawn is { } w ? Date(w) : "")}")).ToList();
        var peerIds = trial.People.Select((p, i) => (p, i)).Where(x => x.p.PeerSupport).Select(x => x.i).ToList();
        var contacts = peer.Count == 0 ? [] : trial.Contacts.Select((c, k) =>
        {
            var who = c.Person % peer.Count;
            return Invariant($"C{k},P{peerIds[who]},{Date(peer[who].Randomised + c.Offset)},W1,phone,{EnumText<ContactStatus>.ToText(c.Status)}");
        }).ToList();
        var fidelity = new List<string>();
        for (var s = 0; s < trial.Sites; s++)
        {
            for (var r = 0; r < 2; r++)
            {
                for (var item = 0; item < 2; item++)
                {
                    fidelity.Add(Invariant($"{SiteId(s)},2019-05-01,R{r},i{item + 1},{trial.Scores[(s * 4) + (r * 2) + item]}"));
                }
            }
        }

        var followUp = trial.FollowUp?.ToString(CultureInfo.InvariantCulture) ?? "null";
        // The base trial.json's rule is replaced by the generated one (which may be the same rule: 2/1/120 is drawn too),
        // so the base must hold the text replaced.
        const string baseRule = "\"engagement\": { \"minContacts\": 2, \"minPostDischargeContacts\": 1, \"followUpDays\": 120 }";
        Assert.Contains(baseRule, Exports.Trial, StringComparison.Ordinal);
        var settings = Exports.Trial.Replace(
            baseRule,
            Invariant($"\"engagement\": {{ \"minContacts\": {trial.MinContacts}, \"minPostDischargeContacts\": {trial.MinPost}, \"followUpDays\": {followUp} }}"),
            StringComparison.Ordinal);
        var files = new List<(string Name, string Header, List<string> Rows)>
        {
            ("sites.csv", "site_id,site_name,locality,employer", sites),
            ("participants.csv", "participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on", participants),
            ("contacts.csv", "contact_id,participant_id,contact_on,peer_worker_id,mode,status", contacts),
            ("fidelity.csv", "site_id,assessed_on,rater_id,item_id,score", fidelity),
        };
        if (shuffle is not null)
        {
            foreach (var (_, _, rows) in files)
            {
                Shuffle(rows, shuffle);
            }

            Shuffle(files, shuffle);
        }

        var exportFiles = files.Select(f => ExportFile.FromBytes(f.Name, Encoding.UTF8.GetBytes(f.Header + "\n" + string.Join("\n", f.Rows) + "\n"))).ToList();
        exportFiles.Insert(shuffle?.Next(exportFiles.Count + 1) ?? 0, ExportFile.FromBytes("trial.json", Encoding.UTF8.GetBytes(settings)));
        return TrialPipeline.Run(exportFiles);
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static string SiteId(int s) => "S" + s.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
