using System.Globalization;
using System.Text;
using Reporting.Core.Metrics;
using Reporting.Core.Validation;
using static Reporting.Core.Export.ExportBundleReader;

namespace Reporting.Core.Export;

/// <summary>The row rules of each dataset (docs/export-contract.md) and the cross-file checks. Every message states the rule and
/// what to do, and names no value from the cell.</summary>
internal static class DatasetRules
{
    private const string RequiredMessage = "This value is required and is blank. Fill it in.";

    private const string InvalidIdentifierMessage = "Identifiers are 1–64 ASCII letters, digits, '-', '_' or '.', not starting with '.'. Replace other characters.";

    public static bool ReadSites(CsvRowReader r, ReadState state)
    {
        const int id = 0, name = 1, locality = 2, employer = 3, region = 4, supervisor = 5, firstDeclared = 6;
        var declared = state.Settings?.SiteCharacteristics ?? [];
        var sites = new List<Site>();
        var index = new Dictionary<string, Site>(StringComparer.Ordinal);
        while (r.Next())
        {
            var siteId = Identifier(r, id, required: true);
            var siteName = Required(r, name);
            var loc = Enum<Locality>(r, locality);
            var emp = Enum<Employer>(r, employer);
            var days = Number(r, supervisor, 0, 7);
            var characteristics = new CharacteristicValue[declared.Count];
            for (var c = 0; c < declared.Count; c++)
            {
                characteristics[c] = Characteristic(r, firstDeclared + c, declared[c]);
            }

            if (siteId is null || siteName is null)
            {
                continue;
            }

            if (index.ContainsKey(siteId))
            {
                r.Report(id, IssueCodes.DuplicateId, Severity.Error, "site_id must be unique; this site_id already appears on an earlier line.");
                continue;
            }

            var site = new Site(siteId, siteName, loc, emp, r.Get(region), days) { Characteristics = characteristics };
            index[siteId] = site;
            sites.Add(site);
        }

        state.Sites = sites;
        state.SiteIndex = index;
        return true;
    }

    public static bool ReadParticipants(CsvRowReader r, ReadState state)
    {
        const int id = 0, site = 1, arm = 2, randomised = 3, discharged = 4, readmitted = 5, withdrawn = 6;
        var participants = new List<Participant>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        while (r.Next())
        {
            var participantId = Identifier(r, id, required: true);
            var siteId = KnownSite(r, site, state);
            var armValue = Enum<Arm>(r, arm, required: true);
            var randomisedOn = Date(r, randomised, state, required: true);
            var dischargedOn = Date(r, discharged, state);
            var withdrawnOn = Date(r, withdrawn, state);
            bool? readmit = null;
            var text = r.GetSpan(readmitted);
            if (!text.IsEmpty)
            {
                if (YesNo(text) is { } answer)
                {
                    readmit = answer;
                }
                else
                {
                    r.Report(readmitted, IssueCodes.InvalidEnum, Severity.Error, "readmitted_12m must be yes, no or blank.");
                }
            }

            if (randomisedOn is { } rand)
            {
                if (dischargedOn is { } dis && dis < rand)
                {
                    r.Report(discharged, IssueCodes.DischargeBeforeRandomisation, Severity.Error, "discharged_on is before randomised_on; discharge cannot precede randomisation. Check both dates.");
                    continue;
                }

                if (withdrawnOn is { } wd && wd < rand)
                {
                    r.Report(withdrawn, IssueCodes.WithdrawalBeforeRandomisation, Severity.Error, "withdrawn_on is before randomised_on; a participant withdraws after randomisation. Check both dates.");
                    continue;
                }
            }

            if (participantId is null || siteId is null || armValue is null || randomisedOn is null)
            {
                continue;
            }

            if (index.ContainsKey(participantId))
            {
                r.Report(id, IssueCodes.DuplicateId, Severity.Error, "participant_id must be unique; this participant_id already appears on an earlier line.");
                continue;
            }

            index[participantId] = participants.Count;
            participants.Add(new Participant(participantId, siteId, armValue.Value, randomisedOn.Value, dischargedOn, readmit, withdrawnOn));
        }

        state.Participants = participants;
        state.ParticipantIndex = index;
        return true;
    }

    public static bool ReadContacts(CsvRowReader r, ReadState state)
    {
        const int contactId = 0, participant = 1, contactOn = 2, worker = 3, mode = 4, status = 5;
        var participants = state.Participants;
        var index = state.ParticipantIndex?.GetAlternateLookup<ReadOnlySpan<char>>();
        var engagement = state.Settings?.Engagement ?? EngagementSettings.Default;

        // What a contact row needs of its participant, in one array read in file order: the arm and the counting
        // window as day numbers, so a million rows neither chase Participant objects nor recompute the rule.
        var facts = participants is null ? null : new ContactFacts[participants.Count];
        var tallies = participants is null ? null : new Tally[participants.Count];
        for (var i = 0; facts is not null && i < facts.Length; i++)
        {
            facts[i] = new ContactFacts(participants![i].Arm == Arm.PeerSupport, Engagement.WindowOf(participants[i], engagement));
        }

        // Contact ids are only checked for uniqueness, so a 128-bit hash of each stands in for the string: the
        // chance of a false duplicate is about 10^-26. The hashes are collected with their lines and checked once
        // the rows are read (RepeatedKeys), then the duplicates are reported at their lines.
        var contactIds = new RepeatedKeys();
        var firstRowIssue = r.IssueCount;
        Span<char> chars = stackalloc char[Identifiers.MaxLength];
        long rows = 0;
        while (r.Next())
        {
            rows++;
            var id = r.GetSpan(contactId);
            if (!id.IsEmpty)
            {
                if (!Identifiers.IsValid(id))
                {
                    r.Report(contactId, IssueCodes.InvalidIdentifier, Severity.Error, InvalidIdentifierMessage);
                }
                else
                {
                    contactIds.Add(Hash128(id), r.Line);
                }
            }

            var who = r.GetSpan(participant);
            var participantOk = true;
            if (who.IsEmpty)
            {
                r.Report(participant, IssueCodes.Required, Severity.Error, RequiredMessage);
                participantOk = false;
            }
            else if (!Identifiers.IsValid(who))
            {
                r.Report(participant, IssueCodes.InvalidIdentifier, Severity.Error, InvalidIdentifierMessage);
                participantOk = false;
            }

            var on = Date(r, contactOn, state, required: true);
            var workerId = r.GetSpan(worker);
            if (!workerId.IsEmpty && !Identifiers.IsValid(workerId))
            {
                r.Report(worker, IssueCodes.InvalidIdentifier, Severity.Error, InvalidIdentifierMessage);
            }

            Enum<ContactMode>(r, mode, required: false);
            var st = Enum<ContactStatus>(r, status, required: true);
            if (!participantOk || index is null || facts is null)
            {
                continue;
            }

            // Identifiers are ASCII, so widening the bytes gives the id's chars without allocating a string.
            for (var i = 0; i < who.Length; i++)
            {
                chars[i] = (char)who[i];
            }

            if (!index.Value.TryGetValue(chars[..who.Length], out var p))
            {
                r.Report(participant, IssueCodes.UnknownParticipant, Severity.Error, "participant_id is not in participants.csv. Add the participant or correct the id.");
                continue;
            }

            var person = facts[p];
            if (!person.PeerSupport)
            {
                r.Report(participant, IssueCodes.ContactUsualCare, Severity.Error, "This participant is not in the peer_support arm, so cannot have peer-support contacts. Check the participant_id or the arm.");
                continue;
            }

            if (on is not { } date || st is not { } s)
            {
                continue;
            }

            var day = date.DayNumber;
            if (day < person.Window.First)
            {
                r.Report(contactOn, IssueCodes.ContactBeforeRandomisation, Severity.Warning, "This contact is dated before the participant's randomisation and is not counted. Check the date.");
                continue;
            }

            ref var tally = ref tallies![p];
            if (s != ContactStatus.Completed)
            {
                tally.NotCompleted++;
                continue;
            }

            tally.Completed++;
            if (person.Window.Counts(day))
            {
                tally.Counted++;
                if (person.Window.AfterDischarge(day))
                {
                    tally.CountedPostDischarge++;
                }
            }
        }

        r.ReportAtLines(contactIds.RepeatedLines(), contactId, IssueCodes.DuplicateId, Severity.Error,
            "contact_id must be unique when given; this contact_id already appears on an earlier line.", firstRowIssue);
        if (participants is not null)
        {
            var contacts = new Dictionary<string, ParticipantContacts>(participants.Count, StringComparer.Ordinal);
            for (var i = 0; i < participants.Count; i++)
            {
                if (participants[i].Arm == Arm.PeerSupport)
                {
                    var t = tallies![i];
                    contacts[participants[i].ParticipantId] = new ParticipantContacts(t.Counted, t.CountedPostDischarge, t.Completed, t.NotCompleted);
                }
            }

            state.Contacts = contacts;
            state.ContactRows = rows;
        }

        return true;
    }

    /// <summary>A participant as contact rows see it.</summary>
    private readonly record struct ContactFacts(bool PeerSupport, CountingWindow Window);

    /// <summary>A participant's contacts, counted as they are read.</summary>
    private struct Tally
    {
        public int Counted;
        public int CountedPostDischarge;
        public int Completed;
        public int NotCompleted;
    }

    /// <summary>Two independent 64-bit FNV-1a style hashes of the bytes (different offset bases and primes).</summary>
    private static UInt128 Hash128(ReadOnlySpan<byte> bytes)
    {
        ulong a = 14695981039346656037UL, b = 0x9E3779B97F4A7C15UL;
        foreach (var x in bytes)
        {
            a = (a ^ x) * 1099511628211UL;
            b = (b ^ x) * 0x100000001B3UL * 31 + 0x2545F4914F6CDD1DUL;
        }

        return new UInt128(a, b ^ (ulong)bytes.Length);
    }

    public static bool ReadFidelity(CsvRowReader r, ReadState state)
    {
        const int site = 0, assessed = 1, rater = 2, item = 3, score = 4;
        var instrument = state.Settings?.Fidelity;
        if (state.Settings is not null && instrument is null)
        {
            r.ReportRow(IssueCodes.MissingSetting, Severity.Error, "trial.json defines no fidelity instrument, so scores cannot be checked. Add fidelity.items to trial.json.");
        }

        var items = instrument?.Items.ToDictionary(i => i.ItemId, StringComparer.OrdinalIgnoreCase);
        var scores = new List<FidelityScore>();
        var seen = new HashSet<(string, DateOnly, string, string)>();
        while (r.Next())
        {
            var siteId = KnownSite(r, site, state);
            var on = Date(r, assessed, state, required: true);
            var raterId = Identifier(r, rater, required: true);
            var itemId = Identifier(r, item, required: true);
            var value = Number(r, score, double.MinValue, double.MaxValue, required: true);
            FidelityItem? spec = null;
            if (itemId is not null && items is not null && !items.TryGetValue(itemId, out spec))
            {
                r.Report(item, IssueCodes.UnknownItem, Severity.Error, "item_id is not an item of the fidelity instrument in trial.json. Correct the id or add the item.");
            }

            if (spec is not null && value is { } v && (v < spec.Min || v > spec.Max))
            {
                r.Report(score, IssueCodes.ScoreOutOfRange, Severity.Error,
                    $"score is outside this item's range {spec.Min.ToString(CultureInfo.InvariantCulture)}–{spec.Max.ToString(CultureInfo.InvariantCulture)} set in trial.json.");
                continue;
            }

            if (siteId is null || on is null || raterId is null || itemId is null || value is null || spec is null)
            {
                continue;
            }

            if (!seen.Add((siteId, on.Value, raterId, spec.ItemId)))
            {
                r.ReportRow(IssueCodes.DuplicateScore, Severity.Error, "A score for this site, assessed_on, rater_id and item_id already appears on an earlier line; keep one score.");
                continue;
            }

            scores.Add(new FidelityScore(siteId, on.Value, raterId, spec.ItemId, value.Value));
        }

        state.Fidelity = scores;
        return true;
    }

    public static bool ReadCodings(CsvRowReader r, ReadState state)
    {
        const int site = 0, source = 1, role = 2, domain = 3, construct = 4, code = 5, valence = 6, excerpt = 7;
        var settings = state.Settings;
        var framework = settings?.Comparison.Framework;
        var roleOfSource = new Dictionary<string, string>(StringComparer.Ordinal);
        var codings = new List<Coding>();
        while (r.Next())
        {
            var siteId = KnownSite(r, site, state);
            var src = Identifier(r, source, required: true);
            var roleValue = Role(r, role, settings);
            var domainText = Required(r, domain);
            var constructText = Required(r, construct);
            var codeText = Required(r, code);
            var valenceValue = Enum<Valence>(r, valence);
            string? domainName = null;
            if (domainText is not null)
            {
                if (framework is not null && !framework.AcceptsDomain(domainText))
                {
                    r.Report(domain, IssueCodes.UnknownDomain, Severity.Error,
                        $"domain is not a domain of the trial's framework {framework.Name} ({string.Join(", ", framework.Domains.Select(d => d.Domain))}; comparison.framework in trial.json). Correct it, or file an inductive code under other.");
                }
                else
                {
                    domainName = framework?.DomainName(domainText) ?? domainText.Trim().ToLowerInvariant();
                    if (constructText is not null && framework is not null && framework.IsUnlistedConstruct(domainText, constructText))
                    {
                        r.Report(construct, IssueCodes.UnknownConstruct, Severity.Warning,
                            $"construct is not one of the constructs the framework {framework.Name} lists under this domain; the coding is kept. Check its spelling, or file an inductive code under domain other.");
                    }
                }
            }

            if (src is not null && roleValue is not null && !SameRole(roleOfSource, src, roleValue))
            {
                r.Report(role, IssueCodes.RoleConflict, Severity.Error,
                    "This source has a different role on an earlier line; a source belongs to one stakeholder group. Correct the role or the source.");
                continue;
            }

            if (siteId is null || src is null || domainName is null || constructText is null || codeText is null)
            {
                continue;
            }

            codings.Add(new Coding(siteId, src, roleValue, domainName, constructText, codeText, valenceValue, r.Get(excerpt)));
        }

        state.Codings = codings;
        return true;
    }

    public static bool ReadInterviews(CsvRowReader r, ReadState state)
    {
        const int site = 0, source = 1, role = 2, item = 3, score = 4;
        var settings = state.Settings;
        var undeclared = settings is not null && settings.InterviewItems.Count == 0;
        var items = settings?.InterviewItems.ToDictionary(i => i.ItemId, StringComparer.OrdinalIgnoreCase);
        var codedRoles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var coding in state.Codings ?? [])
        {
            if (coding.Role is { } known)
            {
                codedRoles.TryAdd(coding.Source, known);
            }
        }

        var roleOfSource = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        var answers = new List<InterviewAnswer>();
        while (r.Next())
        {
            if (undeclared)
            {
                // Said once, at the first answer: without declared items no score can be checked.
                r.Report(item, IssueCodes.MissingSetting, Severity.Error, "trial.json declares no interviewItems, so the answers cannot be checked. Add interviewItems to trial.json.");
                undeclared = false;
            }

            var siteId = KnownSite(r, site, state);
            var src = Identifier(r, source, required: true);
            var roleValue = Role(r, role, settings);
            var itemId = Identifier(r, item, required: true);
            var value = Number(r, score, double.MinValue, double.MaxValue, required: true);
            InterviewItem? spec = null;
            if (itemId is not null && items is { Count: > 0 } && !items.TryGetValue(itemId, out spec))
            {
                r.Report(item, IssueCodes.UnknownItem, Severity.Error, "item_id is not one of the interviewItems in trial.json. Correct the id or add the item.");
            }

            if (spec is not null && value is { } v && (v < spec.Min || v > spec.Max))
            {
                r.Report(score, IssueCodes.ScoreOutOfRange, Severity.Error,
                    $"score is outside this item's range {spec.Min.ToString(CultureInfo.InvariantCulture)}–{spec.Max.ToString(CultureInfo.InvariantCulture)} set in trial.json interviewItems.");
                continue;
            }

            if (src is not null && roleValue is not null)
            {
                if (codedRoles.TryGetValue(src, out var coded) && !string.Equals(coded, roleValue, StringComparison.Ordinal))
                {
                    r.Report(role, IssueCodes.RoleConflict, Severity.Error,
                        "This source has a different role in codings.csv; a source belongs to one stakeholder group. Correct the role in one of the files.");
                    continue;
                }

                if (!SameRole(roleOfSource, src, roleValue))
                {
                    r.Report(role, IssueCodes.RoleConflict, Severity.Error,
                        "This source has a different role on an earlier line; a source belongs to one stakeholder group. Correct the role or the source.");
                    continue;
                }
            }

            if (siteId is null || src is null || itemId is null || value is null || spec is null)
            {
                continue;
            }

            if (!seen.Add((src, spec.ItemId)))
            {
                r.ReportRow(IssueCodes.DuplicateScore, Severity.Error, "A score for this source and item_id already appears on an earlier line; keep one score.");
                continue;
            }

            answers.Add(new InterviewAnswer(siteId, src, roleValue, spec.ItemId, value.Value));
        }

        state.Interviews = answers;
        return true;
    }

    /// <summary>The trial's spelling of the row's role, or null when blank or not one of the trial's roles (reported).
    /// Without usable settings any role is taken as written.</summary>
    private static string? Role(CsvRowReader r, int column, TrialSettings? settings)
    {
        var text = r.Get(column);
        if (text is null)
        {
            return null;
        }

        if (settings is null)
        {
            return text.ToLowerInvariant();
        }

        var role = settings.FindRole(text);
        if (role is null)
        {
            r.Report(column, IssueCodes.UnknownRole, Severity.Error,
                $"role is not one of the trial's roles ({string.Join(", ", settings.Roles)}; roles in trial.json). Correct it, or add the role to trial.json.");
        }

        return role;
    }

    /// <summary>Records the source's role on first sight; false when the source already has another role.</summary>
    private static bool SameRole(Dictionary<string, string> roleOfSource, string source, string role)
    {
        if (roleOfSource.TryGetValue(source, out var earlier))
        {
            return string.Equals(earlier, role, StringComparison.Ordinal);
        }

        roleOfSource[source] = role;
        return true;
    }

    /// <summary>A declared characteristic's value: a category one of its values (the declared spelling), or a number.</summary>
    private static CharacteristicValue Characteristic(CsvRowReader r, int column, SiteCharacteristic spec)
    {
        if (spec.Kind == CharacteristicKind.Number)
        {
            return new CharacteristicValue(spec.Name, spec.Kind, null, Number(r, column, double.MinValue, double.MaxValue));
        }

        var text = r.Get(column);
        string? value = null;
        if (text is not null)
        {
            value = spec.Allowed(text);
            if (value is null)
            {
                r.Report(column, IssueCodes.InvalidEnum, Severity.Error,
                    $"Allowed values are: {string.Join(", ", spec.Values)} (siteCharacteristics in trial.json), or blank.");
            }
        }

        return new CharacteristicValue(spec.Name, spec.Kind, value, null);
    }

    private static string? Required(CsvRowReader r, int column)
    {
        var value = r.Get(column);
        if (value is null)
        {
            r.Report(column, IssueCodes.Required, Severity.Error, RequiredMessage);
        }

        return value;
    }

    private static string? Identifier(CsvRowReader r, int column, bool required)
    {
        var value = required ? Required(r, column) : r.Get(column);
        if (value is not null && !Identifiers.IsValid(value))
        {
            r.Report(column, IssueCodes.InvalidIdentifier, Severity.Error, InvalidIdentifierMessage);
            return null;
        }

        return value;
    }

    /// <summary>The site id of the row, when it is a valid identifier of a known site (any valid identifier when
    /// sites.csv is unusable). A known site's id is the string sites.csv gave, so a hundred thousand participants
    /// share their site's id instead of each holding a copy.</summary>
    private static string? KnownSite(CsvRowReader r, int column, ReadState state)
    {
        var value = r.GetSpan(column);
        if (value.IsEmpty)
        {
            r.Report(column, IssueCodes.Required, Severity.Error, RequiredMessage);
            return null;
        }

        if (!Identifiers.IsValid(value))
        {
            r.Report(column, IssueCodes.InvalidIdentifier, Severity.Error, InvalidIdentifierMessage);
            return null;
        }

        if (state.SiteIndex is null)
        {
            return Encoding.UTF8.GetString(value);
        }

        // A valid identifier is ASCII: widening its bytes gives its chars.
        Span<char> chars = stackalloc char[Identifiers.MaxLength];
        for (var i = 0; i < value.Length; i++)
        {
            chars[i] = (char)value[i];
        }

        if (!state.SiteIndex.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..value.Length], out var site))
        {
            r.Report(column, IssueCodes.UnknownSite, Severity.Error, "site_id is not in sites.csv. Add the site or correct the id.");
            return null;
        }

        return site.SiteId;
    }

    /// <summary>yes → true, no → false (case-insensitive), anything else → null. Byte-wise ASCII comparison gives
    /// the same answers as an ordinal case-insensitive string comparison, which never folds a non-ASCII letter to ASCII.</summary>
    private static bool? YesNo(ReadOnlySpan<byte> value) =>
        Ascii.EqualsIgnoreCase(value, "yes"u8) ? true : Ascii.EqualsIgnoreCase(value, "no"u8) ? false : null;

    private static DateOnly? Date(CsvRowReader r, int column, ReadState state, bool required = false)
    {
        var value = r.GetSpan(column);
        if (value.IsEmpty)
        {
            if (required)
            {
                r.Report(column, IssueCodes.Required, Severity.Error, RequiredMessage);
            }

            return null;
        }

        if (!TryParseIsoDate(value, out var date))
        {
            r.Report(column, IssueCodes.InvalidDate, Severity.Error, "Dates are written yyyy-MM-dd (ISO 8601), for example 2019-06-30.");
            return null;
        }

        if (state.CutOff is { } cut && date > cut)
        {
            r.Report(column, IssueCodes.DateAfterCutOff, Severity.Error,
                $"This date is after the data cut-off {cut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} in trial.json; check for a typing slip.");
            return null;
        }

        state.SeeDate(date);
        return date;
    }

    /// <summary>Parses exactly yyyy-MM-dd from UTF-8 bytes, rejecting impossible dates such as 2019-02-30.</summary>
    internal static bool TryParseIsoDate(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != (byte)'-' || s[7] != (byte)'-')
        {
            return false;
        }

        static int Digits(ReadOnlySpan<byte> d)
        {
            var v = 0;
            foreach (var c in d)
            {
                var digit = c - (byte)'0';
                if ((uint)digit > 9)
                {
                    return -1;
                }

                v = (v * 10) + digit;
            }

            return v;
        }

        int year = Digits(s[..4]), month = Digits(s[5..7]), day = Digits(s[8..]);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static T? Enum<T>(CsvRowReader r, int column, bool required = false)
        where T : struct, System.Enum
    {
        var value = r.GetSpan(column);
        if (value.IsEmpty)
        {
            if (required)
            {
                r.Report(column, IssueCodes.Required, Severity.Error, RequiredMessage);
            }

            return null;
        }

        if (!EnumText<T>.TryParse(value, out var parsed))
        {
            r.Report(column, IssueCodes.InvalidEnum, Severity.Error, $"Allowed values are: {EnumText<T>.Allowed}.");
            return null;
        }

        return parsed;
    }

    private static double? Number(CsvRowReader r, int column, double min, double max, bool required = false)
    {
        var value = required ? Required(r, column) : r.Get(column);
        if (value is null)
        {
            return null;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            r.Report(column, IssueCodes.InvalidNumber, Severity.Error, "This is not a number; write numbers with '.' as the decimal point and no thousands separator.");
            return null;
        }

        if (number < min || number > max)
        {
            r.Report(column, IssueCodes.InvalidNumber, Severity.Error,
                $"This number must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }

        return number;
    }
}
