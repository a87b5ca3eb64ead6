using System.Globalization;
using Reporting.Core.Metrics;
using Reporting.Core.Validation;
using static Reporting.Core.Export.ExportBundleReader;

namespace Reporting.Core.Export;

/// <summary>The row rules of each dataset (DESIGN §3) and the cross-file checks. Every message states the rule and
/// what to do, and names no value from the cell.</summary>
internal static class DatasetRules
{
    public static bool ReadSites(CsvRowReader r, ReadState state)
    {
        const int id = 0, name = 1, locality = 2, employer = 3, region = 4, supervisor = 5;
        var sites = new List<Site>();
        var index = new Dictionary<string, Site>(StringComparer.Ordinal);
        while (r.Next())
        {
            var siteId = Identifier(r, id, required: true);
            var siteName = Required(r, name);
            var loc = Enum<Locality>(r, locality);
            var emp = Enum<Employer>(r, employer);
            var days = Number(r, supervisor, 0, 7);
            if (siteId is null || siteName is null)
            {
                continue;
            }

            if (index.ContainsKey(siteId))
            {
                r.Report(id, IssueCodes.DuplicateId, Severity.Error, "site_id must be unique; this site_id already appears on an earlier line.");
                continue;
            }

            var site = new Site(siteId, siteName, loc, emp, r.Get(region), days);
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
            if (r.Get(readmitted) is { } text)
            {
                if (string.Equals(text, "yes", StringComparison.OrdinalIgnoreCase))
                {
                    readmit = true;
                }
                else if (string.Equals(text, "no", StringComparison.OrdinalIgnoreCase))
                {
                    readmit = false;
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
        var index = state.ParticipantIndex;
        var engagement = state.Settings?.Engagement ?? EngagementSettings.Default;
        var counted = participants is null ? null : new int[participants.Count];
        var post = participants is null ? null : new int[participants.Count];
        var completed = participants is null ? null : new int[participants.Count];
        var other = participants is null ? null : new int[participants.Count];
        var seenContactIds = new HashSet<string>(StringComparer.Ordinal);
        long rows = 0;
        while (r.Next())
        {
            rows++;
            var id = Identifier(r, contactId, required: false);
            var participantId = Identifier(r, participant, required: true);
            var on = Date(r, contactOn, state, required: true);
            Identifier(r, worker, required: false);
            Enum<ContactMode>(r, mode);
            var st = Enum<ContactStatus>(r, status, required: true);
            if (id is not null && !seenContactIds.Add(id))
            {
                r.Report(contactId, IssueCodes.DuplicateId, Severity.Error, "contact_id must be unique when given; this contact_id already appears on an earlier line.");
            }

            if (participantId is null || index is null || participants is null)
            {
                continue;
            }

            if (!index.TryGetValue(participantId, out var p))
            {
                r.Report(participant, IssueCodes.UnknownParticipant, Severity.Error, "participant_id is not in participants.csv. Add the participant or correct the id.");
                continue;
            }

            var who = participants[p];
            if (who.Arm != Arm.PeerSupport)
            {
                r.Report(participant, IssueCodes.ContactUsualCare, Severity.Error, "This participant is not in the peer_support arm, so cannot have peer-support contacts. Check the participant_id or the arm.");
                continue;
            }

            if (on is not { } date || st is not { } s)
            {
                continue;
            }

            if (date < who.RandomisedOn)
            {
                r.Report(contactOn, IssueCodes.ContactBeforeRandomisation, Severity.Warning, "This contact is dated before the participant's randomisation and is not counted. Check the date.");
                continue;
            }

            if (s != ContactStatus.Completed)
            {
                other![p]++;
                continue;
            }

            completed![p]++;
            if (Engagement.Counts(who, date, engagement))
            {
                counted![p]++;
                if (who.DischargedOn is { } d && date > d)
                {
                    post![p]++;
                }
            }
        }

        if (participants is not null)
        {
            var contacts = new Dictionary<string, ParticipantContacts>(participants.Count, StringComparer.Ordinal);
            for (var i = 0; i < participants.Count; i++)
            {
                if (participants[i].Arm == Arm.PeerSupport)
                {
                    contacts[participants[i].ParticipantId] = new ParticipantContacts(counted![i], post![i], completed![i], other![i]);
                }
            }

            state.Contacts = contacts;
            state.ContactRows = rows;
        }

        return true;
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
        var codings = new List<Coding>();
        while (r.Next())
        {
            var siteId = KnownSite(r, site, state);
            var src = Identifier(r, source, required: true);
            var roleValue = Enum<SourceRole>(r, role);
            var domainValue = Enum<CodingDomain>(r, domain, required: true);
            var constructText = Required(r, construct);
            var codeText = Required(r, code);
            var valenceValue = Enum<Valence>(r, valence);
            if (siteId is null || src is null || domainValue is null || constructText is null || codeText is null)
            {
                continue;
            }

            codings.Add(new Coding(siteId, src, roleValue, domainValue.Value, constructText, codeText, valenceValue, r.Get(excerpt)));
        }

        state.Codings = codings;
        return true;
    }

    private static string? Required(CsvRowReader r, int column)
    {
        var value = r.Get(column);
        if (value is null)
        {
            r.Report(column, IssueCodes.Required, Severity.Error, "This value is required and is blank. Fill it in.");
        }

        return value;
    }

    private static string? Identifier(CsvRowReader r, int column, bool required)
    {
        var value = required ? Required(r, column) : r.Get(column);
        if (value is not null && !Identifiers.IsValid(value))
        {
            r.Report(column, IssueCodes.InvalidIdentifier, Severity.Error,
                "Identifiers are 1–64 ASCII letters, digits, '-', '_' or '.', not starting with '.'. Replace other characters.");
            return null;
        }

        return value;
    }

    private static string? KnownSite(CsvRowReader r, int column, ReadState state)
    {
        var siteId = Identifier(r, column, required: true);
        if (siteId is not null && state.SiteIndex is not null && !state.SiteIndex.ContainsKey(siteId))
        {
            r.Report(column, IssueCodes.UnknownSite, Severity.Error, "site_id is not in sites.csv. Add the site or correct the id.");
            return null;
        }

        return siteId;
    }

    private static T? Enum<T>(CsvRowReader r, int column, bool required = false)
        where T : struct, System.Enum
    {
        var value = required ? Required(r, column) : r.Get(column);
        if (value is null)
        {
            return null;
        }

        if (!EnumText<T>.TryParse(value, out var parsed))
        {
            r.Report(column, IssueCodes.InvalidEnum, Severity.Error, $"Allowed values are: {EnumText<T>.Allowed}.");
            return null;
        }

        return parsed;
    }

    private static DateOnly? Date(CsvRowReader r, int column, ReadState state, bool required = false)
    {
        var value = required ? Required(r, column) : r.Get(column);
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
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
