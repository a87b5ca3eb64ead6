using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Reporting.Core.Export;
using Reporting.Core.Metrics;

namespace Reporting.Core.Analysis;

/// <summary>Builds the run model from a validated export bundle (docs/method.md).</summary>
public static class RunBuilder
{
    /// <summary>Version of run.json's shape.</summary>
    public const string SchemaVersion = "1";

    /// <summary>Builds the run. The bundle must hold settings, sites and participants without errors.</summary>
    public static RunModel Build(ExportBundle bundle, string pipelineVersion)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var settings = bundle.Settings ?? throw new ArgumentException("The bundle has no usable trial settings.", nameof(bundle));
        var sites = bundle.Sites ?? throw new ArgumentException("The bundle has no usable sites.", nameof(bundle));
        var participants = bundle.Participants ?? throw new ArgumentException("The bundle has no usable participants.", nameof(bundle));
        var cutOff = bundle.DataCutOff ?? participants.Max(p => p.RandomisedOn);
        var (engagement, pooled, fidelity) = Measures(bundle);

        var engagementById = engagement?.ToDictionary(e => e.SiteId, StringComparer.Ordinal);
        var fidelityById = fidelity?.ToDictionary(f => f.SiteId, StringComparer.Ordinal);
        double? EngagementOf(string id) => engagementById?.GetValueOrDefault(id)?.Proportion.Value;
        double? FidelityOf(string id) => fidelityById?.GetValueOrDefault(id)?.Score;

        // Thresholds and classes.
        var engagementValues = sites.Select(s => EngagementOf(s.SiteId)).OfType<double>().ToList();
        var fidelityValues = sites.Select(s => FidelityOf(s.SiteId)).OfType<double>().ToList();
        var fixedThresholds = settings.Classification;
        var engagementThresholds = Classification.Thresholds(fixedThresholds?.EngagementLow, fixedThresholds?.EngagementHigh, engagementValues);
        var fidelityThresholds = Classification.Thresholds(fixedThresholds?.FidelityLow, fixedThresholds?.FidelityHigh, fidelityValues);

        // Funnel plot against the pooled proportion.
        FunnelPlot? funnel = null;
        if (engagement is not null && pooled?.Proportion.Value is { } target)
        {
            funnel = Funnel.Build(target, engagement.Select(e => (e.SiteId, e.Engaged, e.Offered)).ToList());
        }

        var funnelById = funnel?.Sites.ToDictionary(f => f.SiteId, StringComparer.Ordinal);

        // Classification and case selection (docs/method.md, "Cases").
        var classified = sites.Select(site =>
        {
            var e = EngagementOf(site.SiteId);
            var f = FidelityOf(site.SiteId);
            var ec = e is { } ev && engagementThresholds is not null ? Classification.Classify("engagement", ev, engagementThresholds, Classification.Percent) : null;
            var fc = f is { } fv && fidelityThresholds is not null ? Classification.Classify("fidelity", fv, fidelityThresholds, Classification.Score) : null;
            var flagged = funnelById?.GetValueOrDefault(site.SiteId)?.Flagged ?? false;
            var (role, reason) = Select(ec, fc, flagged, funnelById?.GetValueOrDefault(site.SiteId));
            return (Site: site, Ec: ec, Fc: fc, Role: role, Reason: reason, Flagged: flagged);
        }).ToList();

        var cases = classified.Where(c => c.Role != CaseRole.NotSelected)
            .Select(c => new SelectedCase(c.Site.SiteId, c.Role, c.Reason, c.Flagged)).ToList();
        var roles = classified.ToDictionary(c => c.Site.SiteId, c => c.Role, StringComparer.Ordinal);

        // Cross-case comparison (docs/method.md, "Cross-case comparison").
        FrameworkMatrix? matrix = null;
        Patterns? patterns = null;
        string? crossCaseReason = null;
        if (bundle.Codings is not { } codings)
        {
            crossCaseReason = "No coded interview data was supplied; patterns A–D are not available.";
        }
        else if (cases.Count == 0)
        {
            crossCaseReason = "No site was selected as a case (engagement and fidelity are both needed to classify sites), so there is nothing to compare.";
        }
        else
        {
            matrix = Comparison.Matrix(cases.Select(c => c.SiteId).ToList(), codings, settings.Comparison.MinSourcesPerCode, settings.Comparison.Framework);
            patterns = Comparison.Find(matrix, roles);
        }

        // Outcome by engagement (descriptive).
        var outcomes = Outcomes(sites, participants, bundle.Contacts, settings.Engagement);

        // Spearman between site engagement and fidelity.
        var pairs = sites.Select(s => (E: EngagementOf(s.SiteId), F: FidelityOf(s.SiteId))).Where(p => p.E is not null && p.F is not null).ToList();
        var spearman = Statistics.Spearman(pairs.Select(p => p.E!.Value).ToList(), pairs.Select(p => p.F!.Value).ToList());
        var spearmanReason = spearman is not null ? null :
            pairs.Count < 3 ? $"Spearman's correlation needs at least three sites with both engagement and fidelity; {pairs.Count.ToString(CultureInfo.InvariantCulture)} have both."
            : "Spearman's correlation is undefined because every site has the same engagement or the same fidelity.";

        var codingsBySite = bundle.Codings?.ToLookup(c => c.SiteId, StringComparer.Ordinal);
        var siteResults = classified.Select(c => new SiteResult(
            c.Site.SiteId,
            c.Site.SiteName,
            c.Site.Locality,
            c.Site.Employer,
            c.Site.Region,
            c.Site.SupervisorDaysPerWeek,
            engagementById?.GetValueOrDefault(c.Site.SiteId),
            fidelityById?.GetValueOrDefault(c.Site.SiteId),
            c.Ec,
            c.Fc,
            c.Role,
            c.Reason,
            funnelById?.GetValueOrDefault(c.Site.SiteId)?.Position,
            outcomes?.Sites.GetValueOrDefault(c.Site.SiteId),
            codingsBySite is not null ? SiteCodes(c.Site.SiteId, [.. codingsBySite[c.Site.SiteId]], settings.Comparison, patterns) : null)
        {
            Characteristics = c.Site.Characteristics,
        }).ToList();

        // Comparison by context and stakeholder group (docs/method.md), over every site.
        var comparisons = AxisComparisons.Axes(settings, sites)
            .Select(axis => AxisComparisons.Build(axis, settings, sites, bundle.Codings, bundle.Interviews))
            .OfType<AxisComparison>()
            .ToList();

        var files = FileProvenances(bundle);
        var provenance = new Provenance(files, bundle.Files.Sum(f => f.Errors), bundle.Files.Sum(f => f.Warnings) + bundle.BundleIssues.Count(i => i.Severity == Validation.Severity.Warning));

        var trial = new TrialInfo(
            settings.TrialId,
            settings.Title,
            settings.Registration,
            cutOff,
            settings.DataCutOff is null ? "latest-date" : "trial",
            settings.Funders,
            settings.Engagement,
            settings.Fidelity?.Name,
            settings.Fidelity?.Items.Count,
            settings.Fidelity?.Items.Sum(i => i.Max),
            settings.Comparison.MinSourcesPerCode)
        {
            SiteCharacteristics = settings.AllCharacteristics,
            Roles = settings.Roles,
        };

        var pooledResult = new PooledResult(
            pooled,
            outcomes?.Pooled,
            participants.Count,
            participants.Count(p => p.Arm == Arm.PeerSupport),
            participants.Count(p => p.Arm == Arm.UsualCare),
            bundle.ContactRows);

        return new RunModel(
            SchemaVersion,
            RunId(files, pipelineVersion),
            pipelineVersion,
            new DateTimeOffset(cutOff.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            trial,
            siteResults,
            pooledResult,
            new ClassificationInfo(engagementThresholds, fidelityThresholds),
            spearman,
            spearmanReason,
            funnel,
            new CrossCase(cases, matrix, patterns, crossCaseReason),
            provenance,
            Cautions(sites.Count, pairs.Count, spearman, cases, outcomes is not null, engagementThresholds, fidelityThresholds))
        {
            Comparisons = comparisons,
            Framework = FrameworkSummary.Build(settings.Comparison.Framework, bundle.Codings),
            Qca = settings.Qca is { } qca ? Qca.TrialQca.Build(qca, siteResults, bundle.Codings, settings.Comparison.MinSourcesPerCode) : null,
        };
    }

    /// <summary>Per-site and pooled engagement (when contacts were read) and per-site fidelity (when scores and an
    /// instrument were): the figures of the metrics JSON, computed as <see cref="Build"/> computes them.</summary>
    internal static (IReadOnlyList<SiteEngagement>? Engagement, SiteEngagement? Pooled, IReadOnlyList<SiteFidelity>? Fidelity) Measures(ExportBundle bundle)
    {
        var settings = bundle.Settings ?? throw new ArgumentException("The bundle has no usable trial settings.", nameof(bundle));
        var sites = bundle.Sites ?? throw new ArgumentException("The bundle has no usable sites.", nameof(bundle));
        var participants = bundle.Participants ?? throw new ArgumentException("The bundle has no usable participants.", nameof(bundle));
        var cutOff = bundle.DataCutOff ?? participants.Max(p => p.RandomisedOn);

        // Engagement (needs contacts).
        IReadOnlyList<SiteEngagement>? engagement = null;
        SiteEngagement? pooled = null;
        if (bundle.Contacts is { } contacts)
        {
            (engagement, pooled) = Engagement.Compute(sites, participants, contacts, settings.Engagement, cutOff);
        }

        // Fidelity (needs scores and an instrument).
        IReadOnlyList<SiteFidelity>? fidelity = null;
        if (bundle.Fidelity is { } scores && settings.Fidelity is { } instrument)
        {
            fidelity = Fidelity.Compute(sites, scores, instrument);
        }

        return (engagement, pooled, fidelity);
    }

    /// <summary>The provenance of every recognised file, in dataset order (what the run id hashes).</summary>
    internal static List<FileProvenance> FileProvenances(ExportBundle bundle) =>
        bundle.Files.Where(f => f.Kind is not null)
            .OrderBy(f => f.Kind)
            .Select(f => new FileProvenance(f.FileName, f.Kind!.Value, f.Sha256, f.Bytes, f.Rows, f.Errors, f.Warnings))
            .ToList();

    /// <summary>The run id: a hash of the pipeline version and the content hashes of the inputs, so the same
    /// inputs on the same version give the same run, and a fixed pipeline a new one.</summary>
    public static string RunId(IReadOnlyList<FileProvenance> files, string pipelineVersion)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sb = new StringBuilder("reporting-run\n").Append(pipelineVersion).Append('\n');
        foreach (var f in files.OrderBy(f => f.Kind))
        {
            sb.Append(EnumText<DatasetKind>.ToText(f.Kind)).Append(':').Append(f.Sha256).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexStringLower(hash)[..16];
    }

    private static (CaseRole, string) Select(AxisClass? e, AxisClass? f, bool flagged, FunnelSite? funnel)
    {
        var funnelNote = funnel is { Flagged: true }
            ? $"; engagement is {(funnel.Position == FunnelPosition.Above998 ? "above" : "below")} the funnel plot's 99.8% limits for {funnel.N.ToString(CultureInfo.InvariantCulture)} offered"
            : "";
        if (e is null || f is null)
        {
            var missing = e is null && f is null ? "engagement and fidelity are" : e is null ? "engagement is" : "fidelity is";
            return flagged
                ? (CaseRole.Outlier, $"Statistical outlier: {missing} unavailable for classification{funnelNote}.")
                : (CaseRole.NotSelected, $"Not classified: {missing} unavailable.");
        }

        var both = $"{e.Reason}; {f.Reason}";
        return (e.Level, f.Level) switch
        {
            (Level.High, Level.High) => (CaseRole.HighHigh, $"High–high: {both}{funnelNote}."),
            (Level.Low, Level.Low) => (CaseRole.LowLow, $"Low–low: {both}{funnelNote}."),
            (Level.High, _) => (CaseRole.Outlier, $"Outlier: engagement is high but fidelity is {Word(f.Level)} ({both}){funnelNote}."),
            (_, Level.High) => (CaseRole.Outlier, $"Outlier: fidelity is high but engagement is {Word(e.Level)} ({both}){funnelNote}."),
            _ when flagged => (CaseRole.Outlier, $"Statistical outlier: {both}{funnelNote}."),
            _ => (CaseRole.NotSelected, $"Not compared ({Word(e.Level)} engagement, {Word(f.Level)} fidelity): {both}."),
        };
    }

    private static string Word(Level level) => level switch
    {
        Level.High => "high",
        Level.Low => "low",
        _ => "mid-range",
    };

    private static (Dictionary<string, OutcomeGroups> Sites, OutcomeGroups Pooled)? Outcomes(
        IReadOnlyList<Site> sites, IReadOnlyList<Participant> participants, IReadOnlyDictionary<string, ParticipantContacts>? contacts, EngagementSettings settings)
    {
        if (contacts is null || !participants.Any(p => p.Readmitted12m is not null))
        {
            return null;
        }

        var none = new ParticipantContacts(0, 0, 0, 0);
        OutcomeGroups Of(IEnumerable<Participant> group)
        {
            int eN = 0, eX = 0, nN = 0, nX = 0, uN = 0, uX = 0;
            foreach (var p in group)
            {
                if (p.Readmitted12m is not { } readmitted)
                {
                    continue;
                }

                var x = readmitted ? 1 : 0;
                if (p.Arm == Arm.UsualCare)
                {
                    uN++;
                    uX += x;
                }
                else if (Engagement.IsEngaged(contacts.GetValueOrDefault(p.ParticipantId, none), settings))
                {
                    eN++;
                    eX += x;
                }
                else
                {
                    nN++;
                    nX += x;
                }
            }

            return new OutcomeGroups(Proportion.Of(eX, eN), Proportion.Of(nX, nN), Proportion.Of(uX, uN));
        }

        var bySite = participants.ToLookup(p => p.SiteId, StringComparer.Ordinal);
        return (sites.ToDictionary(s => s.SiteId, s => Of(bySite[s.SiteId]), StringComparer.Ordinal), Of(participants));
    }

    private static SiteCoding SiteCodes(string siteId, IReadOnlyList<Coding> mine, ComparisonSettings comparison, Patterns? patterns)
    {
        var matrix = Comparison.Matrix([siteId], mine, comparison.MinSourcesPerCode, comparison.Framework);
        var had = matrix.Rows.Where(r => r.Cells[0].Has).ToList();
        SiteCode ToCode(MatrixRow r) => new(r.Code, r.Cells[0].Sources.Count, r.Cells[0].Valence, r.Cells[0].Excerpts.FirstOrDefault());
        var facilitators = had.Where(r => r.Cells[0].Valence.Facilitator > r.Cells[0].Valence.Barrier).Select(ToCode).ToList();
        var barriers = had.Where(r => r.Cells[0].Valence.Barrier > r.Cells[0].Valence.Facilitator).Select(ToCode).ToList();
        var keys = had.Select(r => r.Code.Normalise()).ToHashSet();
        IReadOnlyList<CodeKey> Shared(Pattern? p) => p is { Available: true } ? p.Codes.Where(c => keys.Contains(c.Code.Normalise())).Select(c => c.Code).ToList() : [];
        return new SiteCoding(mine.Select(c => c.Source).Distinct(StringComparer.Ordinal).Count(), facilitators, barriers, Shared(patterns?.B), Shared(patterns?.C));
    }

    private static List<string> Cautions(int sites, int paired, SpearmanResult? spearman, List<SelectedCase> cases, bool outcomes, AxisThresholds? e, AxisThresholds? f)
    {
        var notes = new List<string>();
        if (sites < 20)
        {
            notes.Add($"With {sites.ToString(CultureInfo.InvariantCulture)} sites, site-level comparisons are descriptive: the report shows counts and proportions, and the only significance test is the exact permutation test of Spearman's correlation.");
        }

        if (spearman is { Method: "exact" })
        {
            notes.Add($"The p-value of Spearman's correlation is exact: all {spearman.Permutations.ToString("N0", CultureInfo.InvariantCulture)} orderings of the {paired.ToString(CultureInfo.InvariantCulture)} sites were enumerated (two-sided; ties by mid-ranks).");
        }
        else if (spearman is { Method: "monte-carlo" })
        {
            notes.Add($"The p-value of Spearman's correlation is a Monte Carlo estimate from {spearman.Permutations.ToString("N0", CultureInfo.InvariantCulture)} seeded random orderings of the {paired.ToString(CultureInfo.InvariantCulture)} sites (two-sided; p = (k + 1)/(N + 1)); more than {Statistics.ExactPermutationMaxN.ToString(CultureInfo.InvariantCulture)} sites make full enumeration impractical.");
        }

        if (e?.Source == "tertiles" || f?.Source == "tertiles")
        {
            notes.Add("The trial set no classification thresholds, so sites were classified by the trial's own tertiles (1/3 and 2/3 quantiles, linear interpolation): by construction about a third of sites fall in each class.");
        }

        if (cases.Count > 0)
        {
            notes.Add("Case selection follows a comparative case study design: patterns describe what the selected cases share or do not share; they are not evidence that a factor causes engagement.");
        }

        if (outcomes)
        {
            notes.Add("Readmission by engagement is descriptive only: participants chose whether to engage, so the groups are not randomised comparisons.");
        }

        notes.Add("Funnel plot limits use the normal approximation p0 ± z·sqrt(p0(1−p0)/n) around the pooled proportion (Spiegelhalter 2005); a site outside the 99.8% limits is flagged.");
        return notes;
    }
}
