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
            var settings = Parse(document.RootElement, issues, expectedTrialId);
            var hasErrors = issues.Any(i => i.Severity == Severity.Error);
            return new Result(hasErrors ? null : settings, issues, bytes.Length);
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
        var comparison = ReadComparison(props, issues);
        var qca = ReadQca(props, issues);

        if (trialId is null || title is null || engagement is null || comparison is null)
        {
            return null;
        }

        return new TrialSettings(trialId, title, registration, cutOff, funders, engagement, fidelity, classification, comparison) { Qca = qca };
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

    private static ComparisonSettings? ReadComparison(Dictionary<string, JsonElement> props, List<ValidationIssue> issues)
    {
        if (!props.TryGetValue("comparison", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return ComparisonSettings.Default;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            issues.Add(Setting("comparison", IssueCodes.InvalidSetting, "comparison must be an object { minSourcesPerCode }."));
            return null;
        }

        var p = Properties(element);
        var min = OptionalInt(p, "minSourcesPerCode", "comparison", issues, min: 1) ?? ComparisonSettings.Default.MinSourcesPerCode;
        return new ComparisonSettings(min);
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
