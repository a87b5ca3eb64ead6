namespace Reporting.Samples;

/// <summary>
/// Invented codes from a framework analysis over an adapted PARIHS framework (docs/method.md), each with
/// a few invented excerpts. Nothing here is a real quotation; excerpts never name a site or a person.
/// </summary>
internal static class CodeCatalogue
{
    public const string PeerWorker = "pw";
    public const string Coordinator = "pwc";
    public const string Clinician = "clinician";
    public const string Manager = "manager";
    public const string ServiceUser = "service_user";
    public const string LineManager = "line_manager";
    public const string StrategicManager = "strategic_manager";
    public const string Commissioner = "commissioner";

    /// <summary>Shared by every kind of site (pattern A in the designed sample).</summary>
    public static readonly CodeDefinition SharedExperienceBuildsTrust = new(
        "evidence", "Peer support model", "Shared lived experience builds trust quickly", "facilitator",
        [PeerWorker, ServiceUser, Coordinator],
        [
            "Because she'd been on a ward herself, I didn't have to explain everything.",
            "He said, \"I've been where you are,\" and something just shifted.",
            "They open up faster with me than with the nurses, because I've sat in that chair.",
            "It wasn't therapy. It was someone who got it.",
        ]);

    public static readonly CodeDefinition RecoveryStorySelectively = new(
        "facilitation", "Experiential knowledge", "Peer workers draw on own recovery story selectively", "facilitator",
        [PeerWorker, Coordinator, ServiceUser],
        [
            "I share a bit of my story when it helps them, not when it helps me.",
            "You learn which parts to tell, and when to keep quiet.",
            "She told me about her first week home; that was the bit I needed.",
        ]);

    public static readonly CodeDefinition StaffUnsureOfRole = new(
        "context", "Culture", "Staff initially unsure what peer workers are for", "barrier",
        [Clinician, PeerWorker, Manager, Coordinator],
        [
            "At first the nurses asked if I was a volunteer, or a patient, or what.",
            "Honestly, we didn't know what to do with them for the first few months.",
            "There was a lot of \"so what is it you actually do?\"",
        ]);

    /// <summary>Characterises high engagement and high fidelity (pattern B).</summary>
    public static readonly CodeDefinition ProtectedTime = new(
        "context", "Leadership (access and authority)", "Peer workers given protected time for relationship building", "facilitator",
        [PeerWorker, Coordinator, Manager],
        [
            "My manager protected Tuesday and Thursday for visits; nobody could book over that.",
            "We're not counted in the ward numbers, so I have time just to sit with people.",
            "Time to build the relationship was written into the job, not squeezed in.",
        ]);

    public static readonly CodeDefinition AccessToMeetings = new(
        "context", "Leadership (access and authority)", "Peer workers have access to ward and team meetings", "facilitator",
        [PeerWorker, Clinician, Coordinator],
        [
            "I go to the Monday ward round, so I hear who's coming up for discharge.",
            "Having them in the team meeting means referrals happen there and then.",
            "I've got a swipe card and a seat at handover, which says a lot.",
        ]);

    public static readonly CodeDefinition CoordinatorSupervision = new(
        "context", "Monitoring and feedback", "Regular supervision from an experienced peer worker coordinator", "facilitator",
        [PeerWorker, Coordinator],
        [
            "Supervision with someone who's done the job keeps me honest about boundaries.",
            "Every fortnight we go through each person I'm seeing, and how I'm doing too.",
            "She'd been a peer worker for years, so she knew exactly what I meant.",
        ]);

    public static readonly CodeDefinition ClearWrittenRole = new(
        "facilitation", "Role characterisation", "Clear written role distinct from clinical roles", "facilitator",
        [Manager, Coordinator, PeerWorker, Clinician],
        [
            "The role description says what we do, and what we don't do, in plain words.",
            "When a nurse asked me to do obs, I could point to the role and say, \"that's not me.\"",
            "Everyone got a one-page sheet on the peer role before we started.",
        ]);

    public static readonly CodeDefinition FlexibleMeetingPlaces = new(
        "facilitation", "Flexibility vs consistency", "Flexible meeting places in the community", "facilitator",
        [PeerWorker, ServiceUser],
        [
            "We met in the café by the library; it felt normal, not like an appointment.",
            "Walking round the park was easier than sitting opposite someone.",
            "She came to mine at first, then we went to the allotment together.",
        ]);

    public static readonly CodeDefinition ReciprocalRelationship = new(
        "evidence", "Peer support model", "Reciprocal relationship feels different from care", "facilitator",
        [ServiceUser, PeerWorker],
        [
            "It went both ways. I helped her with something once, and that mattered to me.",
            "It didn't feel like being looked after; it felt like being met.",
            "We swapped tips on sleeping, like two people, not patient and staff.",
        ]);

    /// <summary>Characterises low engagement and low fidelity (pattern C).</summary>
    public static readonly CodeDefinition ClinicalTasks = new(
        "facilitation", "Role characterisation", "Peer worker drawn into clinical tasks", "barrier",
        [PeerWorker, Coordinator, Clinician],
        [
            "When the ward is short I end up doing escorts and obs, and the visits slip.",
            "I was asked to chase medication, which isn't what I'm there for.",
            "Some days I'm basically a health care assistant with a different badge.",
        ]);

    public static readonly CodeDefinition WardEscortOnly = new(
        "context", "Leadership (access and authority)", "Peer workers not allowed onto the ward without escort", "barrier",
        [PeerWorker, Coordinator, Manager],
        [
            "I have to wait at the door until someone's free to let me in.",
            "No keys, no access, so by the time I'm in, they've been discharged.",
            "Security said peer workers count as visitors, which says it all.",
        ]);

    public static readonly CodeDefinition ClinicalSupervisionOnly = new(
        "context", "Monitoring and feedback", "Supervision only from a clinical line manager", "barrier",
        [PeerWorker, Manager],
        [
            "My supervision is a caseload check, numbers and risk, nothing about the peer bit.",
            "He's a good manager, but he's never done this job.",
            "Feedback was mostly \"how many contacts this month?\"",
        ]);

    public static readonly CodeDefinition RigidSchedule = new(
        "facilitation", "Flexibility vs consistency", "Rigid contact schedule set by the team", "barrier",
        [PeerWorker, ServiceUser, Clinician],
        [
            "It had to be weekly, at the clinic, at ten, or it didn't count.",
            "I missed one appointment, and that was it, case closed.",
            "The team set the timetable; we just had to fit people into it.",
        ]);

    public static readonly CodeDefinition ReferralsSlow = new(
        "context", "Culture", "Referrals to peer support slow or missing", "barrier",
        [PeerWorker, Coordinator, Clinician],
        [
            "Half the time I found out someone was eligible after they'd gone home.",
            "Referrals depended on which consultant was on, really.",
            "We had to go round the wards asking, \"anyone for us?\"",
        ]);

    /// <summary>Describe the outlier site (pattern D): high fidelity let down by staffing and distance.</summary>
    public static readonly CodeDefinition VacancyAfterTurnover = new(
        "context", "Culture", "Long peer worker vacancy after staff turnover", "barrier",
        [Manager, Coordinator, PeerWorker],
        [
            "We were down to one peer worker for most of the spring.",
            "Recruitment took five months, and the waiting list just grew.",
            "When she left, nobody picked up her people for weeks.",
        ]);

    public static readonly CodeDefinition TravelTime = new(
        "facilitation", "Flexibility vs consistency", "Travel time across a large patch limits contacts after discharge", "barrier",
        [PeerWorker, Coordinator],
        [
            "Two buses each way to see one person; that's half my day.",
            "Once they're home, out past the bypass, I can only get there every other week.",
        ]);

    /// <summary>Codes that fall into no pattern: held by some high and some low sites.</summary>
    public static readonly CodeDefinition ModelUnderstoodDifferently = new(
        "evidence", "Peer support model", "Peer support model understood differently by staff", "neutral",
        [Clinician, Manager, PeerWorker],
        [
            "Some saw it as befriending, others as a kind of therapy.",
            "Ask three people what peer support is here, and you'll get three answers.",
        ]);

    public static readonly CodeDefinition BoardChampion = new(
        "context", "Leadership (access and authority)", "Manager champions peer support at board level", "facilitator",
        [Manager, Coordinator],
        [
            "Our director talks about the peer workers at every board meeting.",
            "Having someone senior on side made the difference when funding was questioned.",
        ]);

    public static readonly CodeDefinition ContactsSpreadsheet = new(
        "context", "Monitoring and feedback", "Contact numbers tracked in a spreadsheet", "neutral",
        [Coordinator, Manager, PeerWorker],
        [
            "We log every contact in a shared spreadsheet, and it's reviewed monthly.",
            "The spreadsheet tells you how many, not how it went.",
        ]);

    public static readonly CodeDefinition UnsureHowMuchToShare = new(
        "facilitation", "Experiential knowledge", "Peer workers unsure how much of their story to share", "barrier",
        [PeerWorker, Coordinator],
        [
            "Early on I told too much, and it wasn't fair on either of us.",
            "I'm still not sure where the line is, to be honest.",
        ]);

    public static readonly CodeDefinition ValuedAsColleagues = new(
        "context", "Culture", "Team values peer workers as colleagues", "facilitator",
        [Clinician, Manager, PeerWorker],
        [
            "They ask my view in the team meeting, the same as anyone's.",
            "I'd ring the peer worker before I'd ring the crisis team, some days.",
        ]);

    public static readonly CodeDefinition VoluntarySectorIndependence = new(
        "context", "Culture", "Voluntary sector host gives independence from the clinical team", "facilitator",
        [PeerWorker, Coordinator, Manager],
        [
            "Not being NHS means people don't see me as part of the system that sectioned them.",
            "Our charity sets its own ways of working, which keeps the peer role peer.",
        ]);

    /// <summary>Said by commissioners, who were interviewed only at sites outside the compared cases.</summary>
    public static readonly CodeDefinition ContactNumbersNotOutcomes = new(
        "context", "Monitoring and feedback", "Commissioners ask for contact numbers rather than outcomes", "barrier",
        [Commissioner],
        [
            "The contract report asks how many contacts, never what difference they made.",
            "We count what is easy to count, and that is visits.",
        ]);

    public static readonly CodeDefinition OneYearFunding = new(
        "context", "Leadership (access and authority)", "Peer support funded one year at a time", "barrier",
        [Commissioner],
        [
            "Every spring we don't know whether the posts will be there in April.",
            "A one-year contract makes it hard to keep good peer workers.",
        ]);

    public static readonly IReadOnlyList<CodeDefinition> PatternA =
        [SharedExperienceBuildsTrust, RecoveryStorySelectively, StaffUnsureOfRole];

    public static readonly IReadOnlyList<CodeDefinition> HighImplementation =
        [ProtectedTime, AccessToMeetings, CoordinatorSupervision, ClearWrittenRole, FlexibleMeetingPlaces, ReciprocalRelationship];

    public static readonly IReadOnlyList<CodeDefinition> LowImplementation =
        [ClinicalTasks, WardEscortOnly, ClinicalSupervisionOnly, RigidSchedule, ReferralsSlow];

    public static readonly IReadOnlyList<CodeDefinition> Circumstantial =
        [VacancyAfterTurnover, TravelTime, ModelUnderstoodDifferently, BoardChampion, ContactsSpreadsheet,
         UnsureHowMuchToShare, ValuedAsColleagues];

    public static readonly IReadOnlyList<CodeDefinition> VoluntarySectorOnly = [VoluntarySectorIndependence];

    /// <summary>
    /// Coding rows for one site: each code is coded on <c>sources</c> distinct interviewees whose role could
    /// plausibly say it, each row with one of the code's excerpts.
    /// </summary>
    public static IEnumerable<CodingRow> RowsFor(
        string siteId, IReadOnlyList<Source> sources, IEnumerable<(CodeDefinition Code, int Sources)> codes, SampleRandom random)
    {
        var rows = new List<(int SourceIndex, int CodeIndex, CodingRow Row)>();
        var codeIndex = 0;
        foreach (var (code, wanted) in codes)
        {
            var candidates = Enumerable.Range(0, sources.Count)
                .Where(i => code.Roles.Contains(sources[i].Role, StringComparer.Ordinal))
                .ToArray();
            if (candidates.Length == 0)
            {
                candidates = Enumerable.Range(0, sources.Count).ToArray();
            }

            random.Shuffle(candidates.AsSpan());
            var excerpt = random.Next(0, code.Excerpts.Count - 1);
            foreach (var i in candidates.Take(Math.Max(1, wanted)))
            {
                var source = sources[i];
                // An interview is often coded more than once with the same code, on different passages.
                var passages = code.Excerpts.Count > 1 && random.Chance(0.35) ? 2 : 1;
                for (var passage = 0; passage < passages; passage++)
                {
                    rows.Add((i, codeIndex, new CodingRow(
                        siteId, source.Id, source.Role, code.Domain, code.Construct, code.Code, code.Valence,
                        code.Excerpts[excerpt++ % code.Excerpts.Count])));
                }
            }

            codeIndex++;
        }

        // Listed interview by interview, as a framework matrix is charted.
        return rows.OrderBy(r => r.SourceIndex).ThenBy(r => r.CodeIndex).Select(r => r.Row);
    }

    /// <summary>The interviewees of a site, pseudonymised as S1PW1, S1PWC1, S1CL1, S1MGR1, S1SU1.</summary>
    public static IReadOnlyList<Source> Sources(string siteId, int peerWorkers, int clinicians, int serviceUsers)
    {
        var list = new List<Source>();
        for (var i = 1; i <= peerWorkers; i++)
        {
            list.Add(new Source(Id(siteId, "PW", i), PeerWorker));
        }

        list.Add(new Source(Id(siteId, "PWC", 1), Coordinator));
        for (var i = 1; i <= clinicians; i++)
        {
            list.Add(new Source(Id(siteId, "CL", i), Clinician));
        }

        list.Add(new Source(Id(siteId, "MGR", 1), Manager));
        for (var i = 1; i <= serviceUsers; i++)
        {
            list.Add(new Source(Id(siteId, "SU", i), ServiceUser));
        }

        return list;
    }

    private static string Id(string siteId, string role, int number) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{siteId}{role}{number}");
}

internal sealed record CodeDefinition(
    string Domain,
    string Construct,
    string Code,
    string Valence,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Excerpts);

internal sealed record Source(string Id, string Role);
