using System.Globalization;
using System.Text;
using System.Text.Json;
using Reporting.Core.Validation;

namespace Reporting.Core.Export;

/// <summary>Reads and validates <c>trial.json</c>. Never throws on bad content: issues are returned.</summary>
public static class TrialSettingsReader
{
    /// <summary>The file name of the trial settings.</summary>
    public const string FileName = "trial.json";

    /// <summary>Reads the settings; <see cref="Result.Settings"/> is null when the file has errors.</summary>
    public static Result Read(Stream content, ExportLimits limits, string? expectedTrialId = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        var issues = new List<ValidationIssue>();

        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            var chunk = new byte[81920];
            int read;
            while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > limits.MaxSettingsBytes)
                {
                    issues.Add(Issue(null, IssueCodes.FileTooLarge,
                        $"trial.json is larger than {limits.MaxSettingsBytes.ToString(CultureInfo.InvariantCulture)} bytes. Settings files are small; check that the right file was uploaded."));
                    return new Result(null, issues, buffer.Length + read);
                }

                buffer.Write(chunk, 0, read);
            }

            bytes = buffer.ToArray();
        }

        JsonDocument document;
        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes);
            document = JsonDocument.Parse(text.TrimStart('\uFEFF'), new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = 16 });
        }
        catch (DecoderFallbackException)
        {
            issues.Add(Issue(null, IssueCodes.NotUtf8, "trial.json is not valid UTF-8. Save it as UTF-8 and upload it again."));
            return new Result(null, issues, bytes.Length);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? (int)l + 1 : (int?)null;
            issues.Add(Issue(line, IssueCodes.InvalidJson, "trial.json is not valid JSON. Fix the syntax near this line and upload it again."));
            return new Result(null, issues, bytes.Length);
        }

        using (document)
        {
            if (!StringsReadable(document.RootElement))
            {
                issues.Add(Issue(null, IssueCodes.InvalidJson,
                    "trial.json has a \\u escape that is half of a surrogate pair (\\ud800 to \\udfff alone), which is not a character. Fix the string and upload it again."));
                return new Result(null, issues, bytes.Length);
            }

            var settings = Parse(document.RootElement, issues, expectedTrialId);
            var hasErrors = issues.Any(i => i.Severity == Severity.Error);
            return new Result(hasErrors ? null : settings, issues, bytes.Length);
        }
    }

    /// <summary>Whether every string and property name decodes: JSON allows a lone surrogate escape, and reading one
    /// as a string throws, so the settings are checked once here instead of at every read.</summary>
    private static bool StringsReadable(JsonElement element)
    {
        try
        {
            Visit(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static void Visit(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String:
                    _ = e.GetString();
                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        Visit(item);
                    }

                    break;
                case JsonValueKind.Object:
                    foreach (var property in e.EnumerateObject())
                    {
                        _ = property.Name;
                        Visit(property.Value);
                    }

                    break;
            }
        }
    }

    private static TrialSettings? Parse(JsonElement root, List<ValidationIssue> issues, string? expectedTrialId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            issues.Add(Issue(null, IssueCodes.InvalidJson, "trial.json must hold one JSON object with the trial's settings."));
            return null;
        }

        var props = Properties(root);
        var trialId = RequiredString(props, "trialId", issues);
        if (trialId is not null && !Identifiers.IsValid(trialId))
        {
            issues.Add(Setting("trialId", IssueCodes.InvalidIdentifier, "trialId must be 1–64 ASCII letters, digits, '-', '_' or '.', not starting with '.'."));
            trialId = null;
        }
        else if (trialId is not null && expectedTrialId is not null && !string.Equals(trialId, expectedTrialId, StringComparison.Ordinal))
        {
            issues.Add(Setting("trialId", IssueCodes.TrialIdMismatch, "trialId differs from the folder the file was uploaded to. Upload each trial's files under exports/<trialId>/."));
        }

        var title = RequiredString(props, "title", issues);
        var registration = OptionalString(props, "registration", issues);
        DateOnly? cutOff = null;
        if (OptionalString(props, "dataCutOff", issues) is { } cutOffText)
        {
            if (DateOnly.TryParseExact(cutOffText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                cutOff = d;
            }
            else
            {
                issues.Add(Setting("dataCutOff", IssueCodes.InvalidDate, "dataCutOff must be a date written yyyy-MM-dd."));
            }
        }

        var funders = ReadFunders(props, issues);
        var engagement = ReadEngagement(props, issues);
        var fidelity = ReadFidelity(props, issues);
        var classification = ReadClassification(props, issues);
        var characteristics = ReadCharacteristics(props, issues);
        var roles = ReadRoles(props, issues);
        var interviewItems = ReadInterviewItems(props, issues);
        var comparison = ReadComparison(props, characteristics, issues);
        var qca = ReadQca(props, issues);

        if (trialId is null || title is null || engagement is null || comparison is null)
        {
            return null;
        }

        return new TrialSettings(trialId, title, registration, cutOff, funders, engagement, fidelity, classification, comparison)
        {
            SiteCharacteristics = characteristics,
            Roles = roles,
            InterviewItems = interviewItems,
            Qca = qca,
        };
    }

    private static Qca.QcaTrialSettings? ReadQca(Dictionary<string, JsonElement> props, List<ValidationIssue> issues)
    {
        if (!props.TryGetValue("qca", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            issues.Add(Setting("qca", IssueCodes.InvalidSetting, "qca must be an object { outcome, conditions, inclCut }."));
            return null;
        }

        var p = Properties(element);
        var before = issues.Count;
        Qca.QcaSetSpec? outcome = null;
        if (RequiredString(p, "outcome", issues, "qca") is { } outcomeText)
        {
            if (Qca.QcaSetSpec.TryParse(outcomeText, outcome: true, out var spec, out var error))
            {
                outcome = spec;
            }
            else
            {
                issues.Add(Setting("qca.outcome", IssueCodes.InvalidSetting, "qca.outcome: " + error));
            }
        }

        var conditions = new List<Qca.QcaSetSpec>();
        if (!p.TryGetValue("conditions", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            issues.Add(Setting("qca.conditions", IssueCodes.MissingSetting, "qca.conditions must list at least one condition, such as \"employer=nhs\"."));
        }
        else
        {
            var index = 0;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in list.EnumerateArray())
            {
                var path = $"qca.conditions[{index.ToString(CultureInfo.InvariantCulture)}]";
                index++;
                if (item.ValueKind != JsonValueKind.String)
                {
                    issues.Add(Setting(path, IssueCodes.InvalidSetting, path + " must be a string such as \"employer=nhs\"."));
                    continue;
                }

                if (!Qca.QcaSetSpec.TryParse(item.GetString()!, outcome: false, out var spec, out var error))
                {
                    issues.Add(Setting(path, IssueCodes.InvalidSetting, path + ": " + error));
                    continue;
                }

                if (!seen.Add(spec!.Text) || (outcome is not null && string.Equals(spec.Text, outcome.Text, StringComparison.OrdinalIgnoreCase)))
                {
                    issues.Add(Setting(path, IssueCodes.InvalidSetting, path + " repeats another condition or the outcome; each set may appear once."));
                    continue;
                }

                conditions.Add(spec);
            }

            if (conditions.Count > 16)
            {
                issues.Add(Setting("qca.conditions", IssueCodes.InvalidSetting, "qca.conditions may list at most 16 conditions."));
            }
        }

        double inclCut = 1;
        double? contradictionCut = null;
        if (p.TryGetValue("inclCut", out var cut) && cut.ValueKind != JsonValueKind.Null)
        {
            var values = cut.ValueKind == JsonValueKind.Array ? cut.EnumerateArray().ToList() : [cut];
            var numbers = values.Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : double.NaN).ToList();
            if (numbers.Count is < 1 or > 2 || numbers.Any(n => !(n > 0 && n <= 1)) || (numbers.Count == 2 && numbers[1] > numbers[0]))
            {
                issues.Add(Setting("qca.inclCut", IssueCodes.InvalidSetting, "qca.inclCut must be a number above 0 and at most 1 (0.8), or two such numbers, the second not above the first ([0.8, 0.6])."));
            }
            else
            {
                inclCut = numbers[0];
                contradictionCut = numbers.Count == 2 ? numbers[1] : null;
            }
        }

        var nCut = OptionalInt(p, "nCut", "qca", issues, min: 1) ?? 1;
        var priCut = OptionalNumber(p, "priCut", "qca", issues) ?? 0;
        if (priCut is < 0 or > 1)
        {
            issues.Add(Setting("qca.priCut", IssueCodes.InvalidSetting, "qca.priCut must be between 0 and 1."));
        }

        return issues.Count > before || outcome is null ? null : new Qca.QcaTrialSettings(outcome, conditions, inclCut, contradictionCut, nCut, priCut);
    }

    private static List<FunderRef> ReadFunders(Dictionary<string, JsonElement> props, List<ValidationIssue> issues)
    {
        var funders = new List<FunderRef>();
        if (!props.TryGetValue("funders", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return funders;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            issues.Add(Setting("funders", IssueCodes.InvalidSetting, "funders must be a list of { funderId, name }."));
            return funders;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"funders[{index.ToString(CultureInfo.InvariantCulture)}]";
            index++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                issues.Add(Setting(path, IssueCodes.InvalidSetting, "each funder must be an object { funderId, name }."));
                continue;
            }

            var p = Properties(item);
            var id = RequiredString(p, "funderId", issues, path);
            var name = RequiredString(p, "name", issues, path);
            if (id is null || name is null)
            {
                continue;
            }

            if (!Identifiers.IsValid(id))
            {
                issues.Add(Setting(path + ".funderId", IssueCodes.InvalidIdentifier, "funderId must be 1–64 ASCII letters, digits, '-', '_' or '.', not starting with '.'."));
                continue;
            }

            if (!seen.Add(id))
            {
                issues.Add(Setting(path + ".funderId", IssueCodes.DuplicateId, "each funderId may appear once."));
                continue;
            }

            funders.Add(new FunderRef(id, name));
        }

        return funders;
    }

    private static EngagementSettings? ReadEngagement(Dictionary<string, JsonElement> props, List<ValidationIssue> issues)
    {
        if (!props.TryGetValue("engagement", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return EngagementSettings.Default;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            issues.Add(Setting("engagement", IssueCodes.InvalidSetting, "engagement must be an object { minContacts, minPostDischargeContacts, followUpDays }."));
            return null;
        }

        var p = Properties(element);
        var defaults = EngagementSettings.Default;
        var minContacts = OptionalInt(p, "minContacts", "engagement", issues, min: 1) ?? defaults.MinContacts;
        var minPost = OptionalInt(p, "minPostDischargeContacts", "engagement", issues, min: 0) ?? defaults.MinPostDischargeContacts;
        int? followUp = defaults.FollowUpDays;
        if (p.TryGetValue("followUpDays", out var f))
        {
            followUp = f.ValueKind == JsonValueKind.Null ? null : OptionalInt(p, "followUpDays", "engagement", issues, min: 0);
        }

        if (minPost > minContacts)
        {
            issues.Add(Setting("engagement.minPostDischargeContacts", IssueCodes.InvalidSetting, "minPostDischargeContacts cannot exceed minContacts."));
            return null;
        }

        return new EngagementSettings(minContacts, minPost, followUp);
    }

    private static FidelityInstrument? ReadFidelity(Dictionary<string, JsonElement> props, List<ValidationIssue> issues)
    {
        if (!props.TryGetValue("fidelity", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            issues.Add(Setting("fidelity", IssueCodes.InvalidSetting, "fidelity must be an object { instrument, items }."));
            return null;
        }

        var p = Properties(element);
        var name = OptionalString(p, "instrument", issues, "fidelity") ?? "Fidelity index";
        if (!p.TryGetValue("items", out var itemsElement) || itemsElement.ValueKind != JsonValueKind.Array)
        {
            issues.Add(Setting("fidelity.items", IssueCodes.MissingSetting, "fidelity.items must list the instrument's items { itemId, domain, min, max }."));
            return null;
        }

        var items = new List<FidelityItem>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in itemsElement.EnumerateArray())
        {
            var path = $"fidelity.items[{index.ToString(CultureInfo.InvariantCulture)}]";
            index++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                issues.Add(Setting(path, IssueCodes.InvalidSetting, "each item must be an object { itemId, domain, min, max }."));
                continue;
            }

            var ip = Properties(item);
            var itemId = RequiredString(ip, "itemId", issues, path);
            var domain = OptionalString(ip, "domain", issues, path) ?? "";
            var min = OptionalNumber(ip, "min", path, issues);
            var max = OptionalNumber(ip, "max", path, issues);
            if (itemId is null)
            {
                continue;
            }

            if (!Identifiers.IsValid(itemId))
            {
                issues.Add(Setting(path + ".itemId", IssueCodes.InvalidIdentifier, "itemId must be 1–64 ASCII letters, digits, '-', '_' or '.', not starting with '.'."));
                continue;
            }

            if (min is null || max is null)
            {
                issues.Add(Setting(path, IssueCodes.MissingSetting, "each item needs numeric min and max."));
                continue;
            }

            if (min > max)
            {
                issues.Add(Setting(path, IssueCodes.InvalidSetting, "an item's min cannot exceed its max."));
                continue;
            }

            if (!seen.Add(itemId))
            {
                issues.Add(Setting(path + ".itemId", IssueCodes.DuplicateId, "each itemId may appear once in the instrument."));
                continue;
            }

            items.Add(new FidelityItem(itemId, domain, min.Value, max.Value));
        }

        if (items.Count == 0)
        {
            issues.Add(Setting("fidelity.items", IssueCodes.MissingSetting, "the fidelity instrument needs at least one item."));
            return null;
        }

        return new FidelityInstrument(name, items);
    }

    private static ClassificationThresholds? ReadClassification(Dictionary<string, JsonElement> props, List<ValidationIssue> issues)
    {
        if (!props.TryGetValue("classification", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            issues.Add(Setting("classification", IssueCodes.InvalidSetting, "classification must be an object { engagementHigh, engagementLow, fidelityHigh, fidelityLow }."));
            return null;
        }

        var p = Properties(element);
        var eh = OptionalNumber(p, "engagementHigh", "classification", issues);
        var el = OptionalNumber(p, "engagementLow", "classification", issues);
        var fh = OptionalNumber(p, "fidelityHigh", "classification", issues);
        var fl = OptionalNumber(p, "fidelityLow", "classification", issues);
        if (eh is null || el is null || fh is null || fl is null)
        {
            issues.Add(Setting("classification", IssueCodes.MissingSetting, "classification needs all four thresholds, or leave it out to use the tertiles of the site values."));
            return null;
        }

        if (eh < 0 || eh > 1 || el < 0 || el > 1)
        {
            issues.Add(Setting("classification", IssueCodes.InvalidSetting, "engagement thresholds are proportions between 0 and 1 (0.60, not 60)."));
            return null;
        }

        if (el >= eh || fl >= fh)
        {
            issues.Add(Setting("classification", IssueCodes.InvalidSetting, "each low threshold must be below its high threshold."));
            return null;
        }

        return new ClassificationThresholds(eh.Value, el.Value, fh.Value, fl.Value);
    }

    private static ComparisonSettings? ReadComparison(Dictionary<string, JsonElement> props, IReadOnlyList<SiteCharacteristic> characteristics, List<ValidationIssue> issues)
    {
        if (!props.TryGetValue("comparison", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return ComparisonSettings.Default;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            issues.Add(Setting("comparison", IssueCodes.InvalidSetting, "comparison must be an object { minSourcesPerCode, framework, axes }."));
            return null;
        }

        var p = Properties(element);
        var min = OptionalInt(p, "minSourcesPerCode", "comparison", issues, min: 1) ?? ComparisonSettings.Default.MinSourcesPerCode;
        var framework = ReadFramework(p, issues);
        var axes = ReadAxes(p, characteristics, issues);
        return framework is null ? null : new ComparisonSettings(min) { Framework = framework, Axes = axes };
    }

    private static CodingFramework? ReadFramework(Dictionary<string, JsonElement> p, List<ValidationIssue> issues)
    {
        const string path = "comparison.framework";
        if (!p.TryGetValue("framework", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return CodingFrameworks.Open;
        }

        var builtIn = string.Join(", ", CodingFrameworks.All.Select(f => f.Name));
        if (element.ValueKind == JsonValueKind.String)
        {
            if (CodingFrameworks.Named(element.GetString()!) is { } named)
            {
                return named;
            }

            issues.Add(Setting(path, IssueCodes.InvalidSetting, $"comparison.framework must name a built-in framework ({builtIn}) or give one inline as {{ \"domains\": [ {{ \"domain\", \"constructs\" }} ] }}."));
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            issues.Add(Setting(path, IssueCodes.InvalidSetting, $"comparison.framework must be a name ({builtIn}) or an object {{ \"domains\": [ ... ] }}."));
            return null;
        }

        var fp = Properties(element);
        var name = OptionalString(fp, "name", issues, path) ?? "inline";
        if (!fp.TryGetValue("domains", out var domainsElement) || domainsElement.ValueKind != JsonValueKind.Array || domainsElement.GetArrayLength() == 0)
        {
            issues.Add(Setting(path + ".domains", IssueCodes.MissingSetting, "an inline framework needs domains: a list of { domain, label, constructs }."));
            return null;
        }

        var domains = new List<FrameworkDomain>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        var index = 0;
        foreach (var item in domainsElement.EnumerateArray())
        {
            var at = $"{path}.domains[{index.ToString(CultureInfo.InvariantCulture)}]";
            index++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                issues.Add(Setting(at, IssueCodes.InvalidSetting, "each domain must be an object { domain, label, constructs }."));
                ok = false;
                continue;
            }

            var dp = Properties(item);
            var domain = RequiredString(dp, "domain", issues, at);
            var label = OptionalString(dp, "label", issues, at);
            if (domain is null)
            {
                ok = false;
                continue;
            }

            if (domain.Length > Identifiers.MaxLength)
            {
                issues.Add(Setting(at + ".domain", IssueCodes.InvalidSetting, "a domain name is at most 64 characters."));
                ok = false;
                continue;
            }

            if (!seen.Add(domain))
            {
                issues.Add(Setting(at + ".domain", IssueCodes.DuplicateId, "each domain may appear once in the framework."));
                ok = false;
                continue;
            }

            var constructs = ReadConstructs(dp, at, issues);
            if (constructs is { Ok: false })
            {
                ok = false;
                continue;
            }

            var lower = domain.ToLowerInvariant();
            domains.Add(new FrameworkDomain(lower, label ?? domain, constructs?.List));
        }

        return ok ? new CodingFramework(name, domains) : null;
    }

    /// <summary>A domain's constructs: null when absent or empty (any construct), each a string or { construct, aliases }.</summary>
    private static (bool Ok, IReadOnlyList<FrameworkConstruct>? List)? ReadConstructs(Dictionary<string, JsonElement> dp, string at, List<ValidationIssue> issues)
    {
        if (!dp.TryGetValue("constructs", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            issues.Add(Setting(at + ".constructs", IssueCodes.InvalidSetting, "constructs must be a list of names (or { construct, aliases }); leave it out to accept any construct."));
            return (false, null);
        }

        if (element.GetArrayLength() == 0)
        {
            return null;
        }

        var list = new List<FrameworkConstruct>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var cat = $"{at}.constructs[{index.ToString(CultureInfo.InvariantCulture)}]";
            index++;
            FrameworkConstruct? construct = null;
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
            {
                construct = new FrameworkConstruct(item.GetString()!.Trim(), []);
            }
            else if (item.ValueKind == JsonValueKind.Object)
            {
                var cp = Properties(item);
                var name = RequiredString(cp, "construct", issues, cat);
                var aliases = StringList(cp, "aliases", cat, issues, identifiers: false);
                if (name is not null && aliases is not null)
                {
                    construct = new FrameworkConstruct(name, aliases);
                }
                else
                {
                    return (false, null);
                }
            }

            if (construct is null)
            {
                issues.Add(Setting(cat, IssueCodes.InvalidSetting, "each construct is a non-empty name or an object { construct, aliases }."));
                return (false, null);
            }

            var spellings = list.SelectMany(c => c.Aliases.Prepend(c.Name));
            if (spellings.Any(s => construct.Matches(s)) || construct.Aliases.Any(a => list.Any(c => c.Matches(a))))
            {
                issues.Add(Setting(cat, IssueCodes.DuplicateId, "each construct (and alias) may appear once in its domain."));
                return (false, null);
            }

            list.Add(construct);
        }

        return (true, list);
    }

    private static IReadOnlyList<string>? ReadAxes(Dictionary<string, JsonElement> p, IReadOnlyList<SiteCharacteristic> declared, List<ValidationIssue> issues)
    {
        const string path = "comparison.axes";
        if (!p.TryGetValue("axes", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var names = StringList(p, "axes", "comparison", issues, identifiers: false);
        if (names is null)
        {
            return null;
        }

        var known = SiteCharacteristics.BuiltIn.Concat(declared).Select(c => c.Name).Append(AxisNames.Role).ToList();
        var axes = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var at = $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]";
            var match = known.FirstOrDefault(k => string.Equals(k, names[i], StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                issues.Add(Setting(at, IssueCodes.InvalidSetting, $"each axis is role or a site characteristic: {string.Join(", ", known)}. Declare other characteristics in siteCharacteristics."));
                continue;
            }

            if (axes.Contains(match, StringComparer.Ordinal))
            {
                issues.Add(Setting(at, IssueCodes.DuplicateId, "each axis may appear once."));
                continue;
            }

            axes.Add(match);
        }

        return axes;
    }

    private static List<SiteCharacteristic> ReadCharacteristics(Dictionary<string, JsonElement> props, List<ValidationIssue> issues)
    {
        const string path = "siteCharacteristics";
        var list = new List<SiteCharacteristic>();
        if (!props.TryGetValue(path, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return list;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            issues.Add(Setting(path, IssueCodes.InvalidSetting, "siteCharacteristics must be a list of { name, label, values } or { name, label, kind: \"number\" }."));
            return list;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";
            index++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                issues.Add(Setting(at, IssueCodes.InvalidSetting, "each characteristic must be an object { name, label, values } or { name, label, kind: \"number\" }."));
                continue;
            }

            var p = Properties(item);
            var name = RequiredString(p, "name", issues, at);
            var label = OptionalString(p, "label", issues, at);
            var kindText = OptionalString(p, "kind", issues, at);
            if (name is null)
            {
                continue;
            }

            if (!SiteCharacteristics.IsValidName(name))
            {
                issues.Add(Setting(at + ".name", IssueCodes.InvalidIdentifier, "a characteristic's name is its sites.csv column: 1–64 ASCII letters, digits and '_', starting with a letter."));
                continue;
            }

            var lower = name.ToLowerInvariant();
            if (SiteCharacteristics.ReservedNames.Contains(lower, StringComparer.Ordinal))
            {
                issues.Add(Setting(at + ".name", IssueCodes.InvalidSetting, $"{lower} is already a column of sites.csv or the role axis; declare only extra columns."));
                continue;
            }

            if (list.Any(c => c.Name == lower))
            {
                issues.Add(Setting(at + ".name", IssueCodes.DuplicateId, "each characteristic may be declared once."));
                continue;
            }

            CharacteristicKind kind;
            if (kindText is null || string.Equals(kindText, "category", StringComparison.OrdinalIgnoreCase))
            {
                kind = CharacteristicKind.Category;
            }
            else if (string.Equals(kindText, "number", StringComparison.OrdinalIgnoreCase))
            {
                kind = CharacteristicKind.Number;
            }
            else
            {
                issues.Add(Setting(at + ".kind", IssueCodes.InvalidSetting, "kind is category (with values) or number."));
                continue;
            }

            var hasValues = p.TryGetValue("values", out var v) && v.ValueKind != JsonValueKind.Null;
            if (kind == CharacteristicKind.Number)
            {
                if (hasValues)
                {
                    issues.Add(Setting(at + ".values", IssueCodes.InvalidSetting, "a number characteristic has no values; remove values or the kind."));
                    continue;
                }

                list.Add(new SiteCharacteristic(lower, label ?? name, kind, []));
                continue;
            }

            var values = hasValues ? StringList(p, "values", at, issues, identifiers: true) : null;
            if (!hasValues)
            {
                issues.Add(Setting(at + ".values", IssueCodes.MissingSetting, "a category characteristic lists its allowed values; for a number set kind to number."));
                continue;
            }

            if (values is null)
            {
                continue;
            }

            if (values.Count == 0)
            {
                issues.Add(Setting(at + ".values", IssueCodes.MissingSetting, "a category characteristic needs at least one value."));
                continue;
            }

            if (values.Distinct(StringComparer.OrdinalIgnoreCase).Count() != values.Count)
            {
                issues.Add(Setting(at + ".values", IssueCodes.DuplicateId, "each value may appear once (values are case-insensitive)."));
                continue;
            }

            list.Add(new SiteCharacteristic(lower, label ?? name, kind, values));
        }

        return list;
    }

    private static IReadOnlyList<string> ReadRoles(Dictionary<string, JsonElement> props, List<ValidationIssue> issues)
    {
        if (!props.TryGetValue("roles", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return StakeholderRoles.Default;
        }

        var roles = StringList(props, "roles", null, issues, identifiers: true);
        if (roles is null)
        {
            return StakeholderRoles.Default;
        }

        if (roles.Count == 0)
        {
            issues.Add(Setting("roles", IssueCodes.InvalidSetting, "roles needs at least one role; leave it out for the default list."));
            return StakeholderRoles.Default;
        }

        if (roles.Distinct(StringComparer.OrdinalIgnoreCase).Count() != roles.Count)
        {
            issues.Add(Setting("roles", IssueCodes.DuplicateId, "each role may appear once (roles are case-insensitive)."));
            return StakeholderRoles.Default;
        }

        return roles;
    }

    private static List<InterviewItem> ReadInterviewItems(Dictionary<string, JsonElement> props, List<ValidationIssue> issues)
    {
        const string path = "interviewItems";
        var items = new List<InterviewItem>();
        if (!props.TryGetValue(path, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return items;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            issues.Add(Setting(path, IssueCodes.InvalidSetting, "interviewItems must be a list of { itemId, text, min, max }."));
            return items;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";
            index++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                issues.Add(Setting(at, IssueCodes.InvalidSetting, "each item must be an object { itemId, text, min, max }."));
                continue;
            }

            var p = Properties(item);
            var itemId = RequiredString(p, "itemId", issues, at);
            var text = OptionalString(p, "text", issues, at);
            var min = OptionalNumber(p, "min", at, issues);
            var max = OptionalNumber(p, "max", at, issues);
            if (itemId is null)
            {
                continue;
            }

            if (!Identifiers.IsValid(itemId))
            {
                issues.Add(Setting(at + ".itemId", IssueCodes.InvalidIdentifier, "itemId must be 1–64 ASCII letters, digits, '-', '_' or '.', not starting with '.'."));
                continue;
            }

            if (min is null || max is null)
            {
                issues.Add(Setting(at, IssueCodes.MissingSetting, "each item needs numeric min and max."));
                continue;
            }

            if (min > max)
            {
                issues.Add(Setting(at, IssueCodes.InvalidSetting, "an item's min cannot exceed its max."));
                continue;
            }

            if (!seen.Add(itemId))
            {
                issues.Add(Setting(at + ".itemId", IssueCodes.DuplicateId, "each itemId may appear once in interviewItems."));
                continue;
            }

            items.Add(new InterviewItem(itemId, text ?? itemId, min.Value, max.Value));
        }

        return items;
    }

    /// <summary>A list of non-empty strings (trimmed); each an identifier when <paramref name="identifiers"/>. Null after an issue.</summary>
    private static List<string>? StringList(Dictionary<string, JsonElement> p, string name, string? parent, List<ValidationIssue> issues, bool identifiers)
    {
        var path = parent is null ? name : parent + "." + name;
        if (!p.TryGetValue(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            issues.Add(Setting(path, IssueCodes.InvalidSetting, $"{path} must be a list of strings."));
            return null;
        }

        var list = new List<string>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var at = $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";
            index++;
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                issues.Add(Setting(at, IssueCodes.InvalidSetting, $"each entry of {path} must be a non-empty string."));
                return null;
            }

            var text = item.GetString()!.Trim();
            if (identifiers && !Identifiers.IsValid(text))
            {
                issues.Add(Setting(at, IssueCodes.InvalidIdentifier, $"each entry of {path} must be 1–64 ASCII letters, digits, '-', '_' or '.', not starting with '.'."));
                return null;
            }

            list.Add(text);
        }

        return list;
    }

    private static Dictionary<string, JsonElement> Properties(JsonElement element)
    {
        var props = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in element.EnumerateObject())
        {
            props[p.Name] = p.Value;
        }

        return props;
    }

    private static string? RequiredString(Dictionary<string, JsonElement> p, string name, List<ValidationIssue> issues, string? parent = null)
    {
        var path = parent is null ? name : parent + "." + name;
        if (!p.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            issues.Add(Setting(path, IssueCodes.MissingSetting, $"trial.json needs {path}."));
            return null;
        }

        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            issues.Add(Setting(path, IssueCodes.InvalidSetting, $"{path} must be a non-empty string."));
            return null;
        }

        return v.GetString()!.Trim();
    }

    private static string? OptionalString(Dictionary<string, JsonElement> p, string name, List<ValidationIssue> issues, string? parent = null)
    {
        if (!p.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            var path = parent is null ? name : parent + "." + name;
            issues.Add(Setting(path, IssueCodes.InvalidSetting, $"{path} must be a string."));
            return null;
        }

        var s = v.GetString()!.Trim();
        return s.Length == 0 ? null : s;
    }

    private static int? OptionalInt(Dictionary<string, JsonElement> p, string name, string parent, List<ValidationIssue> issues, int min)
    {
        if (!p.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var path = parent + "." + name;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i) || i < min)
        {
            issues.Add(Setting(path, IssueCodes.InvalidSetting, $"{path} must be a whole number of at least {min.ToString(CultureInfo.InvariantCulture)}."));
            return null;
        }

        return i;
    }

    private static double? OptionalNumber(Dictionary<string, JsonElement> p, string name, string parent, List<ValidationIssue> issues)
    {
        if (!p.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            var path = parent + "." + name;
            issues.Add(Setting(path, IssueCodes.InvalidSetting, $"{path} must be a number."));
            return null;
        }

        return d;
    }

    private static ValidationIssue Setting(string path, string code, string message) =>
        new(FileName, null, path, code, Severity.Error, message);

    private static ValidationIssue Issue(int? line, string code, string message) =>
        new(FileName, line, null, code, Severity.Error, message);

    /// <summary>The settings (null when the file has errors), the issues found and the bytes read.</summary>
    public sealed record Result(TrialSettings? Settings, IReadOnlyList<ValidationIssue> Issues, long Bytes);
}
