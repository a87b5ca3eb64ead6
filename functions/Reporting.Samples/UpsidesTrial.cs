using static Reporting.Samples.CodeCatalogue;

namespace Reporting.Samples;

/// <summary>
/// A second designed sample shaped like UPSIDES (Ramesh et al. 2023): five sites in high- and low-income settings,
/// focus groups of peer support workers, clinicians, managers and policy-makers as sources, coded under the
/// <c>upsides</c> framework (eight principles, five implementation influences), compared by income level. Every
/// name, figure and quote is invented.
/// </summary>
internal static class UpsidesTrial
{
    public const string TrialId = "upsides-synthetic";

    private const string PolicyMaker = "policy_maker";
    private const string Manager = CodeCatalogue.Manager;
    private const string Principles = "principles";
    private const string Influences = "influences";

    private static readonly DateOnly Spring = new(2018, 4, 9);
    private static readonly DateOnly Autumn = new(2018, 10, 15);

    // Offered, engaged and usual care per site, then engaged-then-withdrew, withdrew, pending, pre-randomisation contacts,
    // peer workers; latest fidelity totals per rater give 12.5, 11, 9, 7.5 and 10.5 out of 16.
    public static IReadOnlyList<SiteSpec> Sites { get; } =
    [
        new("U1", "Elbmünde (synthetic)", "urban", "other", "Western Europe", "1", 40, 28, 40, 1, 1, 1, 0, 3,
            new(Spring, 11, 12, false, Autumn, 12, 13)) { Characteristics = ["high"] },
        new("U2", "Carmel Heights (synthetic)", "urban", "other", "Middle East", "1", 36, 22, 36, 0, 1, 1, 0, 2,
            new(Spring.AddDays(3), 10, 10, false, Autumn.AddDays(3), 11, 11)) { Characteristics = ["high"] },
        new("U3", "Ghatpur (synthetic)", "mixed", "voluntary", "South Asia", "0.5", 42, 21, 41, 0, 1, 1, 0, 3,
            new(Spring.AddDays(8), 8, 9, false, Autumn.AddDays(8), 9, 9)) { Characteristics = ["low"] },
        new("U4", "Lakeside Hill (synthetic)", "town", "other", "East Africa", "0.5", 38, 15, 38, 0, 2, 1, 0, 2,
            new(Spring.AddDays(10), 6, 7, true, Autumn.AddDays(10), 7, 8)) { Characteristics = ["low"] },
        new("U5", "Harbour Coast (synthetic)", "urban", "voluntary", "East Africa", "0.5", 34, 17, 35, 0, 1, 1, 0, 2,
            new(Spring.AddDays(15), 9, 10, false, Autumn.AddDays(15), 10, 11)) { Characteristics = ["low"] },
    ];

    public static TrialSpec Spec { get; } = new(
        TrialId,
        "Peer support in high- and low-income settings (synthetic sample shaped like UPSIDES)",
        "ISRCTN00000000 (synthetic)",
        ContactsPerParticipant: 5,
        Sites,
        Codings)
    {
        Funder = ("eu-horizon-2020", "European Union Horizon 2020 (synthetic)"),
        FixedThresholds = false,
        Characteristics = [new("income_level", "Country income level", ["high", "low"])],
        Roles = [PeerWorker, Clinician, Manager, PolicyMaker],
        Framework = "upsides",
        Axes = ["income_level", "role"],
    };

    /// <summary>Shared by every site.</summary>
    private static readonly CodeDefinition SharedBond = new(
        Principles, "Mutual", "Shared experience of mental illness creates a bond", "facilitator",
        [PeerWorker, Clinician, Manager],
        ["We have both been there; that is where the trust starts.", "Patients talk to them about things they never tell us."]);

    private static readonly CodeDefinition HopeFromOwnLife = new(
        Principles, "Recovery-focused", "The peer worker's own life shows that recovery is possible", "facilitator",
        [PeerWorker, Clinician, Manager, PolicyMaker],
        ["When they see I have a job and a family, they start to believe it can happen.", "She is living proof, and that does more than any leaflet."]);

    private static readonly CodeDefinition PaidLess = new(
        "other", "Working conditions", "Peer workers paid less than other staff for comparable work", "barrier",
        [PeerWorker, Manager],
        ["I do a full day's work for half of what an assistant earns.", "The salary scale has no place for lived experience."]);

    private static readonly CodeDefinition LearnBothWays = new(
        Principles, "Reciprocal", "Both people learn from the relationship", "facilitator",
        [PeerWorker, Clinician],
        ["I learn as much from them as they do from me.", "It goes both ways, which is why it works."]);

    private static readonly CodeDefinition WhatTheyCanDo = new(
        Principles, "Strengths-based", "Peer workers start from what service users can do", "facilitator",
        [PeerWorker, Clinician],
        ["We ask what is going well before we ask what is wrong.", "She found out I could cook, and built from there."]);

    private static readonly CodeDefinition WardDuties = new(
        Influences, "Extent workers focus on the peer support users", "Peer workers pulled into general ward duties", "barrier",
        [Clinician, PeerWorker],
        ["On busy days they are asked to hand out meals, and the peer work waits.", "I became an extra pair of hands, not a peer."]);

    private static readonly CodeDefinition NotInNationalPolicy = new(
        "other", "Policy context", "Peer support work not yet recognised in national policy", "barrier",
        [PolicyMaker],
        ["There is no job title for peer support in the national health workforce plan.", "Until the ministry recognises the role, every post depends on a project."]);

    /// <summary>High-income settings only.</summary>
    private static readonly CodeDefinition OptionsNotAdvice = new(
        Principles, "Non-directive", "Peer workers offer options rather than advice", "facilitator",
        [PeerWorker, Clinician],
        ["I never tell anyone what to do; I say what helped me and what else there is.", "They lay out the choices and step back."]);

    private static readonly CodeDefinition CrisisRules = new(
        Principles, "Safe", "Clear rules for crisis situations make peer workers feel safe", "facilitator",
        [Manager, Clinician, PolicyMaker],
        ["There is a written plan for when someone talks about suicide, so nobody is alone with it.", "Knowing who to call at night makes the job possible."]);

    private static readonly CodeDefinition ChooseWorker = new(
        Influences, "Extent both parties choose the relationship", "Service users choose their own peer worker", "facilitator",
        [PeerWorker],
        ["People pick who they want to meet after a first conversation.", "If it doesn't click, they can ask for someone else."]);

    private static readonly CodeDefinition EmploymentRules = new(
        Influences, "Extent rules govern the relationship", "Employment rules limit contact outside working hours", "barrier",
        [PeerWorker, Manager],
        ["I am not allowed to answer a message after five, even when I know it matters.", "The contract decides when I can be a peer."]);

    /// <summary>Low-income settings only.</summary>
    private static readonly CodeDefinition FamilyWelcome = new(
        Principles, "Inclusive", "Family members are welcome in peer support", "facilitator",
        [PeerWorker, Manager],
        ["Mothers and brothers come too; recovery happens in the family here.", "We meet the whole household, not one person."]);

    private static readonly CodeDefinition GroupsReachMore = new(
        Influences, "Group vs individual", "Group sessions reach more people with few peer workers", "facilitator",
        [Manager, PolicyMaker, PeerWorker],
        ["With two peer workers for a district, groups are the only way.", "A group under the tree reaches twenty people in an afternoon."]);

    private static readonly CodeDefinition NegotiatedCaseByCase = new(
        Influences, "Extent rules govern the relationship", "Few written rules; each relationship is negotiated", "neutral",
        [PeerWorker, Clinician],
        ["There is no handbook; we agree together what we will do.", "Every relationship finds its own rules."]);

    private static readonly CodeDefinition StillManagingSymptoms = new(
        Influences, "Extent the parties are at the same place in recovery", "Peer workers still managing their own symptoms", "barrier",
        [Clinician, Manager],
        ["Some weeks the peer worker needs support as much as the people she sees.", "We worry when they are not far ahead on the road."]);

    private static readonly CodeDefinition CommunityStigma = new(
        "other", "Community attitudes", "Stigma in the community towards mental illness", "barrier",
        [PeerWorker, PolicyMaker, Manager],
        ["Neighbours still call it a curse, so people hide.", "Being seen with a peer worker can cost you your standing in the village."]);

    /// <summary>Which focus group said what. "Progressive", one of the eight principles, is deliberately never coded:
    /// the coverage table lists it as a construct nobody was coded under.</summary>
    private static IReadOnlyList<CodingRow> Codings(SampleRandom random)
    {
        var plan = new (string Site, bool PolicyMakers, (CodeDefinition, int)[] Codes)[]
        {
            ("U1", true,
            [
                (SharedBond, 2), (HopeFromOwnLife, 2), (PaidLess, 1), (LearnBothWays, 1), (OptionsNotAdvice, 2),
                (CrisisRules, 2), (ChooseWorker, 1), (EmploymentRules, 2), (NotInNationalPolicy, 1),
            ]),
            ("U2", false,
            [
                (SharedBond, 2), (HopeFromOwnLife, 1), (PaidLess, 2), (WhatTheyCanDo, 1), (OptionsNotAdvice, 1),
                (CrisisRules, 2), (EmploymentRules, 1), (WardDuties, 1),
            ]),
            ("U3", true,
            [
                (SharedBond, 1), (HopeFromOwnLife, 2), (PaidLess, 1), (LearnBothWays, 2), (FamilyWelcome, 2),
                (GroupsReachMore, 2), (StillManagingSymptoms, 1), (WardDuties, 2), (CommunityStigma, 2), (NotInNationalPolicy, 1),
            ]),
            ("U4", false,
            [
                (SharedBond, 2), (HopeFromOwnLife, 1), (PaidLess, 1), (LearnBothWays, 1), (WhatTheyCanDo, 2),
                (FamilyWelcome, 1), (NegotiatedCaseByCase, 2), (StillManagingSymptoms, 2), (CommunityStigma, 1),
            ]),
            ("U5", true,
            [
                (SharedBond, 1), (HopeFromOwnLife, 1), (PaidLess, 2), (FamilyWelcome, 2), (GroupsReachMore, 1),
                (NegotiatedCaseByCase, 1), (WardDuties, 1), (CommunityStigma, 2), (NotInNationalPolicy, 1),
            ]),
        };

        var rows = new List<CodingRow>();
        foreach (var (site, policyMakers, codes) in plan)
        {
            rows.AddRange(RowsFor(site, FocusGroups(site, policyMakers), codes, random));
        }

        return rows;
    }

    /// <summary>One focus group per stakeholder group: U1FGPW, U1FGCL, U1FGMG and, where policy-makers took part, U1FGPM.</summary>
    private static IReadOnlyList<Source> FocusGroups(string site, bool policyMakers)
    {
        var groups = new List<Source>
        {
            new(site + "FGPW", PeerWorker),
            new(site + "FGCL", Clinician),
            new(site + "FGMG", Manager),
        };
        if (policyMakers)
        {
            groups.Add(new Source(site + "FGPM", PolicyMaker));
        }

        return groups;
    }
}
