using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reporting.Samples;

/// <summary>
/// Writes the files of the export contract (docs/export-contract.md) for a <see cref="TrialSpec"/>: the six every
/// trial has, and interviews.csv when the trial declares structured interview items.
/// Participants and their contacts are generated one participant at a time and streamed to disk,
/// so memory stays flat however many contacts are asked for.
/// </summary>
internal static class ExportWriter
{
    private static readonly string[] Modes = ["in_person", "phone", "video", "message"];
    private static readonly string[] Statuses = ["completed", "did_not_attend", "cancelled"];
    private const byte Completed = 0;
    private const byte DidNotAttend = 1;
    private const byte Cancelled = 2;

    /// <summary>
    /// Writes the export. With <paramref name="cutOff"/> before the trial's own cut-off, the export is the same trial as
    /// its team would have exported it at that earlier date: the same participants, contacts and assessments, leaving
    /// out what had not happened yet (see <see cref="AsOf"/>).
    /// </summary>
    public static SampleSummary Write(TrialSpec trial, string directory, ulong seed, DateOnly? cutOff = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var asOf = new AsOf(cutOff ?? TrialConstants.DataCutOff);
        if (asOf.CutOff > TrialConstants.DataCutOff)
        {
            throw new ArgumentOutOfRangeException(nameof(cutOff), "An export's cut-off can only be earlier than the trial's own.");
        }

        Directory.CreateDirectory(directory);

        // Each part of the export draws from its own stream, so changing (say) the codings
        // does not move a single participant date.
        var root = new SampleRandom(seed);
        var participantRandom = root.Fork(1);
        var fidelityRandom = root.Fork(2);
        var codingRandom = root.Fork(3);

        WriteTrialJson(trial, Path.Combine(directory, "trial.json"), asOf.CutOff);
        WriteSites(trial, Path.Combine(directory, "sites.csv"));
        var (participants, peerSupport, contacts) = WriteParticipantsAndContacts(trial, directory, participantRandom, asOf);
        var fidelityRows = WriteFidelity(trial, Path.Combine(directory, "fidelity.csv"), fidelityRandom, asOf);
        var codings = trial.Codings(codingRandom);
        var codingRows = WriteCodings(codings, Path.Combine(directory, "codings.csv"));
        var interviewRows = 0;
        if (trial.InterviewItems.Count > 0 && trial.Interviews is { } interviews)
        {
            // A fourth stream, forked after the others, so adding answers moves no earlier row.
            interviewRows = WriteInterviews(interviews(root.Fork(4), codings), Path.Combine(directory, "interviews.csv"));
        }

        return new SampleSummary(trial.TrialId, trial.Sites.Count, participants, peerSupport, contacts, fidelityRows, codingRows, interviewRows);
    }

    private static void WriteTrialJson(TrialSpec trial, string path, DateOnly cutOff)
    {
        using var stream = File.Create(path);
        // A file for people to read, never embedded in HTML: "supervisor_days_per_week>=1" stays as written, not \u003E.
        var options = new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartObject();
            json.WriteString("trialId", trial.TrialId);
            json.WriteString("title", trial.Title);
            json.WriteString("registration", trial.Registration);
            json.WriteString("dataCutOff", cutOff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteStartArray("funders");
            json.WriteStartObject();
            json.WriteString("funderId", trial.Funder.FunderId);
            json.WriteString("name", trial.Funder.Name);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("engagement");
            json.WriteNumber("minContacts", 2);
            json.WriteNumber("minPostDischargeContacts", 1);
            json.WriteNumber("followUpDays", TrialConstants.FollowUpDays);
            json.WriteEndObject();
            json.WriteStartObject("fidelity");
            json.WriteString("instrument", "Peer support fidelity index (synthetic)");
            json.WriteStartArray("items");
            foreach (var item in TrialConstants.Items)
            {
                json.WriteStartObject();
                json.WriteString("itemId", item.ItemId);
                json.WriteString("domain", item.Domain);
                json.WriteNumber("min", TrialConstants.ItemMin);
                json.WriteNumber("max", TrialConstants.ItemMax);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            if (trial.FixedThresholds)
            {
                json.WriteStartObject("classification");
                json.WriteNumber("engagementHigh", 0.60);
                json.WriteNumber("engagementLow", 0.45);
                json.WriteNumber("fidelityHigh", 10);
                json.WriteNumber("fidelityLow", 7);
                json.WriteEndObject();
            }

            json.WriteStartObject("comparison");
            json.WriteNumber("minSourcesPerCode", 1);
            if (trial.Framework is { } framework)
            {
                json.WriteString("framework", framework);
            }

            if (trial.Axes is { } axes)
            {
                WriteStrings(json, "axes", axes);
            }

            json.WriteEndObject();
            if (trial.Characteristics.Count > 0)
            {
                json.WriteStartArray("siteCharacteristics");
                foreach (var c in trial.Characteristics)
                {
                    json.WriteStartObject();
                    json.WriteString("name", c.Name);
                    json.WriteString("label", c.Label);
                    if (c.Values is { } values)
                    {
                        WriteStrings(json, "values", values);
                    }
                    else
                    {
                        json.WriteString("kind", "number");
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (trial.Roles is { } roles)
            {
                WriteStrings(json, "roles", roles);
            }

            if (trial.InterviewItems.Count > 0)
            {
                json.WriteStartArray("interviewItems");
                foreach (var item in trial.InterviewItems)
                {
                    json.WriteStartObject();
                    json.WriteString("itemId", item.ItemId);
                    json.WriteString("text", item.Text);
                    json.WriteNumber("min", item.Min);
                    json.WriteNumber("max", item.Max);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (trial.Qca is { } qca)
            {
                json.WriteStartObject("qca");
                json.WriteString("outcome", qca.Outcome);
                WriteStrings(json, "conditions", qca.Conditions);
                json.WriteNumber("inclCut", qca.InclCut);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteSites(TrialSpec trial, string path)
    {
        string[] header = ["site_id", "site_name", "locality", "employer", "region", "supervisor_days_per_week", .. trial.Characteristics.Select(c => c.Name)];
        using var csv = new CsvOut(path, header);
        foreach (var site in trial.Sites)
        {
            if (site.Characteristics.Count != trial.Characteristics.Count)
            {
                throw new InvalidOperationException($"Site {site.SiteId} gives {site.Characteristics.Count} characteristic values for {trial.Characteristics.Count} declared.");
            }

            csv.Field(site.SiteId).Field(site.Name).Field(site.Locality).Field(site.Employer)
                .Field(site.Region).Field(site.SupervisorDaysPerWeek);
            foreach (var value in site.Characteristics)
            {
                csv.Field(value);
            }

            csv.EndRow();
        }
    }

    private static (int Participants, int PeerSupport, long Contacts) WriteParticipantsAndContacts(
        TrialSpec trial, string directory, SampleRandom random, AsOf asOf)
    {
        using var participantsCsv = new CsvOut(
            Path.Combine(directory, "participants.csv"),
            "participant_id", "site_id", "arm", "randomised_on", "discharged_on", "readmitted_12m", "withdrawn_on");
        using var contactsCsv = new CsvOut(
            Path.Combine(directory, "contacts.csv"),
            "contact_id", "participant_id", "contact_on", "peer_worker_id", "mode", "status");

        var participants = 0;
        var peerSupport = 0;
        long contactId = 0;
        long contactsWritten = 0;
        var contacts = new List<PlannedContact>(64);

        foreach (var site in trial.Sites)
        {
            var people = PlanSite(site, random);
            var idFormat = "D" + Math.Max(4, (people.Length).ToString(CultureInfo.InvariantCulture).Length).ToString(CultureInfo.InvariantCulture);
            var workers = Enumerable.Range(1, site.PeerWorkers)
                .Select(i => string.Create(CultureInfo.InvariantCulture, $"{site.SiteId}-PW{i}"))
                .ToArray();
            var engagedShare = site.Offered == 0 ? 0 : (double)site.Engaged / site.Offered;
            var (engagedMean, otherMean) = ContactMeans(trial.ContactsPerParticipant, engagedShare);

            for (var i = 0; i < people.Length; i++)
            {
                var person = people[i];
                var participantId = site.SiteId + "-P" + (i + 1).ToString(idFormat, CultureInfo.InvariantCulture);
                var dates = PlanDates(person, random);
                contacts.Clear();
                if (person.Status != Status.UsualCare)
                {
                    dates = PlanContacts(person, dates, engagedMean, otherMean, contacts, random);
                }

                // Drawn whether or not the row is written, so an earlier export draws what the full one does.
                var readmitted = Readmitted(person.Status, dates.Discharged, random);
                var included = asOf.Includes(person.RandomisedOn);
                if (included)
                {
                    participantsCsv.Field(participantId).Field(site.SiteId)
                        .Field(person.Status == Status.UsualCare ? "usual_care" : "peer_support")
                        .Field(person.RandomisedOn).Field(asOf.Known(dates.Discharged))
                        .Field(asOf.OutcomeKnown(dates.Discharged) ? readmitted : null)
                        .Field(asOf.Known(dates.Withdrawn)).EndRow();
                    participants++;
                    peerSupport += person.Status == Status.UsualCare ? 0 : 1;
                }

                if (contacts.Count == 0)
                {
                    continue;
                }

                // Rows in date order as a case-management system would list them; the sequence breaks ties
                // so the order never depends on the sort algorithm.
                contacts.Sort(static (a, b) => a.On != b.On ? a.On.CompareTo(b.On) : a.Sequence.CompareTo(b.Sequence));
                var ownWorker = random.Next(0, workers.Length - 1);
                foreach (var contact in contacts)
                {
                    var worker = workers.Length > 1 && random.Chance(0.1) ? random.Next(0, workers.Length - 1) : ownWorker;
                    var mode = PickMode(random);
                    ++contactId;
                    if (included && asOf.Includes(contact.On))
                    {
                        // Ids as in the full export: a contact keeps its id whatever the cut-off.
                        contactsCsv.Field('C', contactId, "D6").Field(participantId).Field(contact.On)
                            .Field(workers[worker]).Field(Modes[mode]).Field(Statuses[contact.Status]).EndRow();
                        contactsWritten++;
                    }
                }
            }
        }

        return (participants, peerSupport, contactsWritten);
    }

    /// <summary>
    /// Mean contact rows per engaged and per not-engaged participant so that the site's average over all
    /// peer-support participants is <paramref name="perParticipant"/>: engaged people meet their worker more.
    /// </summary>
    private static (double Engaged, double Other) ContactMeans(double perParticipant, double engagedShare)
    {
        var other = Math.Min(perParticipant, Math.Max(1.0, perParticipant * 0.3));
        if (engagedShare <= 0)
        {
            return (perParticipant, perParticipant);
        }

        var engaged = (perParticipant - ((1 - engagedShare) * other)) / engagedShare;
        return (Math.Max(2.0, engaged), other);
    }

    private static int Draw(double mean, int minimum, SampleRandom random)
    {
        // Uniform on [mean/2, 3·mean/2] (mean preserved), then the minimum the status needs.
        var low = (int)(mean * 0.5);
        var high = (int)Math.Ceiling(mean * 1.5);
        var value = random.Next(low, Math.Max(low, high));
        return Math.Max(minimum, value);
    }

    private static int PickMode(SampleRandom random)
    {
        var u = random.NextDouble();
        return u < 0.55 ? 0 : u < 0.83 ? 1 : u < 0.88 ? 2 : 3;
    }

    private static string? Readmitted(Status status, DateOnly? discharged, SampleRandom random)
    {
        // Unknown when never discharged, when discharged so recently that the outcome cannot be known yet,
        // and now and then simply missing.
        if (discharged is null || discharged > TrialConstants.LastSettledDischarge || random.Chance(0.07))
        {
            return null;
        }

        // Descriptive only: engaged participants are readmitted a little less often.
        var p = status switch
        {
            Status.Engaged or Status.EngagedThenWithdrawn => 0.22,
            Status.UsualCare => 0.32,
            _ => 0.35,
        };
        return random.Chance(p) ? "yes" : "no";
    }

    /// <summary>Arms and statuses for the site, in randomisation order (participant ids follow that order).</summary>
    private static Person[] PlanSite(SiteSpec site, SampleRandom random)
    {
        var statuses = new List<Status>(site.Offered + site.UsualCare);
        statuses.AddRange(Enumerable.Repeat(Status.Engaged, site.Engaged - site.EngagedThenWithdrawn));
        statuses.AddRange(Enumerable.Repeat(Status.EngagedThenWithdrawn, site.EngagedThenWithdrawn));
        statuses.AddRange(Enumerable.Repeat(Status.Withdrawn, site.Withdrawn));
        statuses.AddRange(Enumerable.Repeat(Status.Pending, site.Pending));
        var rest = site.Offered - statuses.Count;
        for (var i = 0; i < rest; i++)
        {
            var u = random.NextDouble();
            statuses.Add(u < 0.3 ? Status.NeverMet : u < 0.65 ? Status.SingleContact : Status.BeforeDischargeOnly);
        }

        statuses.AddRange(Enumerable.Repeat(Status.UsualCare, site.UsualCare));
        var people = new Person[statuses.Count];
        var order = new int[statuses.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order.AsSpan());
        for (var i = 0; i < people.Length; i++)
        {
            var status = statuses[order[i]];
            // Pending participants were randomised late: still inpatients or recently discharged at the cut-off.
            var randomised = status == Status.Pending
                ? random.NextDate(TrialConstants.RandomisedTo.AddDays(-75), TrialConstants.RandomisedTo)
                : random.NextDate(TrialConstants.RandomisedFrom, TrialConstants.RandomisedTo);
            people[i] = new Person(i, status, randomised, false);
        }

        // A rare contact dated before randomisation (a validation warning, never counted).
        var eligible = people.Where(p => p.Status is Status.Engaged or Status.SingleContact or Status.NeverMet)
            .Select(p => p.Index).ToArray();
        random.Shuffle(eligible.AsSpan());
        foreach (var index in eligible.Take(site.PreRandomisationContacts))
        {
            people[index] = people[index] with { ContactBeforeRandomisation = true };
        }

        Array.Sort(people, static (a, b) => a.RandomisedOn != b.RandomisedOn
            ? a.RandomisedOn.CompareTo(b.RandomisedOn)
            : a.Index.CompareTo(b.Index));
        return people;
    }

    private static Dates PlanDates(Person person, SampleRandom random)
    {
        var cutOff = TrialConstants.DataCutOff;
        var settled = TrialConstants.LastSettledDischarge;
        var r = person.RandomisedOn;
        // Inpatient stay after randomisation: 0–44 days, most around three weeks.
        var stay = random.Next(0, 19) + random.Next(0, 25);
        var discharge = Min(r.AddDays(stay), settled);

        switch (person.Status)
        {
            case Status.Pending:
                return random.Chance(0.4)
                    ? new Dates(null, null)
                    : new Dates(random.NextDate(Max(r, settled.AddDays(1)), cutOff.AddDays(-5)), null);
            case Status.Withdrawn:
                {
                    var withdrawn = Min(r.AddDays(random.Next(0, 120)), cutOff);
                    return new Dates(random.Chance(0.6) ? Min(r.AddDays(stay), cutOff) : null, withdrawn);
                }

            case Status.UsualCare:
                {
                    var discharged = random.Chance(0.03) ? (DateOnly?)null : discharge;
                    var withdrawn = random.Chance(0.03) ? Min(r.AddDays(random.Next(0, 200)), cutOff) : (DateOnly?)null;
                    return new Dates(discharged, withdrawn);
                }

            default:
                return new Dates(discharge, null);
        }
    }

    /// <summary>
    /// Contacts that realise the participant's status under the engagement rule (docs/method.md), plus noise that must not change it:
    /// did-not-attend and cancelled contacts, contacts on the discharge day, completed contacts after the
    /// follow-up window or after withdrawal, and (rarely) one before randomisation.
    /// Returns the dates, which change only for a participant who withdraws after engaging.
    /// </summary>
    private static Dates PlanContacts(
        Person person, Dates dates, double engagedMean, double otherMean, List<PlannedContact> contacts, SampleRandom random)
    {
        var cutOff = TrialConstants.DataCutOff;
        var r = person.RandomisedOn;
        var d = dates.Discharged;
        // Last day a contact can count (before withdrawal is handled per status).
        var windowEnd = d is { } dischargedOn ? Min(dischargedOn.AddDays(TrialConstants.FollowUpDays), cutOff) : cutOff;
        var sequence = 0;

        void Add(DateOnly on, byte status) => contacts.Add(new PlannedContact(on, status, sequence++));

        byte Missed() => random.Chance(0.6) ? DidNotAttend : Cancelled;

        void AddAfterWindow()
        {
            if (windowEnd < cutOff)
            {
                Add(random.NextDate(windowEnd.AddDays(1), Min(windowEnd.AddDays(60), cutOff)), Completed);
            }
        }

        if (person.ContactBeforeRandomisation)
        {
            Add(r.AddDays(-random.Next(1, 10)), Completed);
        }

        switch (person.Status)
        {
            case Status.Engaged:
            case Status.EngagedThenWithdrawn:
                {
                    var discharged = d!.Value;
                    var total = Draw(engagedMean, 2, random);
                    Add(random.NextDate(discharged.AddDays(1), windowEnd), Completed);
                    Add(random.Chance(0.5) ? random.NextDate(r, discharged) : random.NextDate(discharged.AddDays(1), windowEnd), Completed);
                    for (var i = 2; i < total; i++)
                    {
                        var u = random.NextDouble();
                        var on = u < 0.1 ? discharged : u < 0.15 && windowEnd < cutOff
                            ? random.NextDate(windowEnd.AddDays(1), cutOff)
                            : random.NextDate(r, windowEnd);
                        Add(on, random.Chance(0.75) ? Completed : Missed());
                    }

                    if (person.Status == Status.EngagedThenWithdrawn)
                    {
                        // Withdrew after the counted contacts; anything later is simply not counted.
                        var lastCounted = contacts.Where(c => c.Status == Completed && c.On >= r && c.On <= windowEnd).Max(c => c.On);
                        var withdrawn = Min(lastCounted.AddDays(random.Next(0, 30)), cutOff);
                        if (withdrawn < cutOff)
                        {
                            Add(random.NextDate(withdrawn.AddDays(1), cutOff), Completed);
                        }

                        return dates with { Withdrawn = withdrawn };
                    }

                    break;
                }

            case Status.SingleContact:
                {
                    var discharged = d!.Value;
                    Add(random.Chance(0.5) ? random.NextDate(r, discharged) : random.NextDate(discharged.AddDays(1), windowEnd), Completed);
                    var total = Draw(otherMean, 1, random);
                    for (var i = 1; i < total; i++)
                    {
                        Add(random.NextDate(r, windowEnd), Missed());
                    }

                    if (random.Chance(0.15))
                    {
                        AddAfterWindow();
                    }

                    break;
                }

            case Status.NeverMet:
                {
                    var total = Draw(otherMean, 0, random) - 1;
                    for (var i = 0; i < total; i++)
                    {
                        Add(random.NextDate(r, windowEnd), Missed());
                    }

                    break;
                }

            case Status.BeforeDischargeOnly:
                {
                    // Met on the ward, possibly on the day of discharge, but never afterwards.
                    var discharged = d!.Value;
                    var total = Draw(otherMean, 2, random);
                    Add(random.NextDate(r, discharged), Completed);
                    Add(random.Chance(0.4) ? discharged : random.NextDate(r, discharged), Completed);
                    for (var i = 2; i < total; i++)
                    {
                        if (random.Chance(0.5))
                        {
                            Add(random.NextDate(r, discharged), Completed);
                        }
                        else if (discharged < windowEnd)
                        {
                            Add(random.NextDate(discharged.AddDays(1), windowEnd), Missed());
                        }
                    }

                    if (random.Chance(0.1))
                    {
                        AddAfterWindow();
                    }

                    break;
                }

            case Status.Withdrawn:
                {
                    var withdrawn = dates.Withdrawn!.Value;
                    if (random.Chance(0.5))
                    {
                        Add(random.NextDate(r, withdrawn), Completed);
                    }

                    if (random.Chance(0.5))
                    {
                        Add(random.NextDate(r, withdrawn), Missed());
                    }

                    if (withdrawn < cutOff && random.Chance(0.3))
                    {
                        Add(random.NextDate(withdrawn.AddDays(1), cutOff), Completed);
                    }

                    break;
                }

            case Status.Pending:
                {
                    // Not yet engaged: contacts so far were on the ward (or on the discharge day).
                    var lastCounted = d ?? cutOff;
                    var total = Draw(otherMean, 0, random);
                    for (var i = 0; i < total; i++)
                    {
                        Add(random.NextDate(r, lastCounted), random.Chance(0.7) ? Completed : Missed());
                    }

                    if (d is { } discharged && discharged < cutOff && random.Chance(0.5))
                    {
                        Add(random.NextDate(discharged.AddDays(1), cutOff), Missed());
                    }

                    break;
                }

            case Status.UsualCare:
            default:
                break;
        }

        return dates;
    }

    private static int WriteFidelity(TrialSpec trial, string path, SampleRandom random, AsOf asOf)
    {
        using var csv = new CsvOut(path, "site_id", "assessed_on", "rater_id", "item_id", "score");
        foreach (var site in trial.Sites)
        {
            var f = site.Fidelity;
            WriteAssessment(csv, site.SiteId, f.EarlierOn, f.EarlierRater1, f.EarlierRater2, f.EarlierRater2MissesAnItem, random, asOf);
            WriteAssessment(csv, site.SiteId, f.LatestOn, f.LatestRater1, f.LatestRater2, false, random, asOf);
        }

        return (int)csv.Rows;
    }

    private static void WriteAssessment(
        CsvOut csv, string siteId, DateOnly on, int total1, int total2, bool rater2MissesAnItem, SampleRandom random, AsOf asOf)
    {
        var rater1 = Distribute(total1, random);
        var rater2 = Adjust(rater1, total2, random);
        var missing = rater2MissesAnItem ? random.Next(0, rater2.Length - 1) : -1;
        if (!asOf.Includes(on))
        {
            return;
        }

        for (var item = 0; item < rater1.Length; item++)
        {
            csv.Field(siteId).Field(on).Field("R1").Field(TrialConstants.Items[item].ItemId).Field(rater1[item]).EndRow();
        }

        for (var item = 0; item < rater2.Length; item++)
        {
            if (item != missing)
            {
                csv.Field(siteId).Field(on).Field("R2").Field(TrialConstants.Items[item].ItemId).Field(rater2[item]).EndRow();
            }
        }
    }

    /// <summary>Item scores in [min, max] that add up to <paramref name="total"/>.</summary>
    private static int[] Distribute(int total, SampleRandom random)
    {
        var count = TrialConstants.Items.Count;
        if (total < 0 || total > count * TrialConstants.ItemMax)
        {
            throw new ArgumentOutOfRangeException(nameof(total), "A rater total must be reachable with the instrument's items.");
        }

        var scores = new int[count];
        for (var added = 0; added < total; added++)
        {
            int item;
            do
            {
                item = random.Next(0, count - 1);
            }
            while (scores[item] == TrialConstants.ItemMax);

            scores[item]++;
        }

        return scores;
    }

    /// <summary>The second rater agrees item by item except where the totals differ (or one swap when they are equal).</summary>
    private static int[] Adjust(int[] first, int total, SampleRandom random)
    {
        var scores = (int[])first.Clone();
        var difference = total - scores.Sum();
        if (difference == 0 && random.Chance(0.5))
        {
            var up = random.Next(0, scores.Length - 1);
            var down = random.Next(0, scores.Length - 1);
            if (up != down && scores[up] < TrialConstants.ItemMax && scores[down] > TrialConstants.ItemMin)
            {
                scores[up]++;
                scores[down]--;
            }
        }

        while (difference != 0)
        {
            var item = random.Next(0, scores.Length - 1);
            if (difference > 0 && scores[item] < TrialConstants.ItemMax)
            {
                scores[item]++;
                difference--;
            }
            else if (difference < 0 && scores[item] > TrialConstants.ItemMin)
            {
                scores[item]--;
                difference++;
            }
        }

        return scores;
    }

    private static int WriteCodings(IReadOnlyList<CodingRow> rows, string path)
    {
        using var csv = new CsvOut(path, "site_id", "source", "role", "domain", "construct", "code", "valence", "excerpt");
        foreach (var row in rows)
        {
            csv.Field(row.SiteId).Field(row.Source).Field(row.Role).Field(row.Domain).Field(row.Construct)
                .Field(row.Code).Field(row.Valence).Field(row.Excerpt).EndRow();
        }

        return rows.Count;
    }

    private static int WriteInterviews(IReadOnlyList<InterviewRow> rows, string path)
    {
        using var csv = new CsvOut(path, "site_id", "source", "role", "item_id", "score");
        foreach (var row in rows)
        {
            csv.Field(row.SiteId).Field(row.Source).Field(row.Role).Field(row.ItemId).Field(row.Score).EndRow();
        }

        return rows.Count;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private enum Status : byte
    {
        Engaged,
        EngagedThenWithdrawn,
        NeverMet,
        SingleContact,
        BeforeDischargeOnly,
        Withdrawn,
        Pending,
        UsualCare,
    }

    private readonly record struct Person(int Index, Status Status, DateOnly RandomisedOn, bool ContactBeforeRandomisation);

    private readonly record struct Dates(DateOnly? Discharged, DateOnly? Withdrawn);

    private readonly record struct PlannedContact(DateOnly On, byte Status, int Sequence);
}

/// <summary>What a generation run wrote.</summary>
/// <summary>
/// What an export at a cut-off holds: rows dated on or before it, and a discharge, withdrawal or 12-month outcome only
/// once it had happened (an outcome is known for discharges at least the follow-up window before the cut-off, as in
/// the full export).
/// </summary>
internal readonly record struct AsOf(DateOnly CutOff)
{
    public bool Includes(DateOnly date) => date <= CutOff;

    public DateOnly? Known(DateOnly? date) => date is { } d && d <= CutOff ? d : null;

    public bool OutcomeKnown(DateOnly? discharged) => discharged is { } d && d <= CutOff.AddDays(-TrialConstants.FollowUpDays);
}

public sealed record SampleSummary(
    string TrialId,
    int Sites,
    int Participants,
    int PeerSupportParticipants,
    long Contacts,
    int FidelityRows,
    int CodingRows,
    int InterviewRows);
