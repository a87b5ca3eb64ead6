using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Reporting.Core.Tests.Fuzz;

/// <summary>Hostile trial.json: wrong types, missing and contradictory settings, huge lists, and broken JSON text
/// (truncation, nesting, comments, duplicate keys in another case, invalid escapes and surrogates, huge numbers).</summary>
internal static class TrialJsonMutations
{
    /// <summary>Settings whose values messages list by design (the trial's vocabulary): markers are not planted there,
    /// other hostile values are.</summary>
    private static readonly string[] Vocabulary = ["roles", "siteCharacteristics", "comparison", "qca"];

    /// <summary>Changes the settings tree.</summary>
    public static void Tree(Mutator m, JsonObject trial)
    {
        var rng = m.Rng;
        var nodes = new List<(string Path, JsonNode? Parent, string? Key, int Index)>();
        Walk(trial, "", nodes);
        var (path, parent, key, index) = rng.Pick(nodes);
        var vocabulary = Vocabulary.Any(v => path.StartsWith(v, StringComparison.Ordinal));
        switch (rng.Next(10))
        {
            case 0 or 1 or 2:
                Set(parent, key, index, Hostile(m, markerAllowed: !vocabulary));
                m.Step($"trial.json: {path} replaced");
                break;
            case 3 when parent is JsonObject obj:
                obj.Remove(key!);
                m.Step($"trial.json: {path} removed");
                break;
            case 4:
                trial["x" + m.Markers.Next()] = m.Markers.Next();
                m.Step("trial.json: an unknown setting");
                break;
            case 5:
                Contradict(m, trial);
                break;
            case 6:
                Grow(m, trial);
                break;
            default:
                Set(parent, key, index, Hostile(m, markerAllowed: !vocabulary));
                m.Step($"trial.json: {path} replaced");
                var (path2, parent2, key2, index2) = rng.Pick(nodes);
                if (parent2 is JsonObject o2 && o2.ContainsKey(key2!))
                {
                    o2.Remove(key2!);
                    m.Step($"trial.json: {path2} removed");
                }

                break;
        }
    }

    /// <summary>Changes trial.json as text (after it is written).</summary>
    public static string Text(Mutator m, string json)
    {
        var rng = m.Rng;
        var marker = m.Markers.Next();
        switch (rng.Next(14))
        {
            case 0:
                m.Step("trial.json: cut short");
                return json[..rng.Next(json.Length)];
            case 1:
                var depth = rng.Pick([17, 64, 1_000, 100_000]);
                m.Step($"trial.json: nested {depth.ToString(CultureInfo.InvariantCulture)} deep");
                return json.Insert(1, "\"deep\": " + new string('[', depth) + "\"" + marker + "\"" + new string(']', depth) + ",");
            case 2:
                m.Step("trial.json: comments");
                return json.Insert(1, "// " + marker + "\n/* " + marker + " */");
            case 3:
                m.Step("trial.json: a trailing comma");
                return json.TrimEnd().TrimEnd('}') + ", }";
            case 4:
                m.Step("trial.json: a setting repeated in another case");
                return json.Insert(1, rng.Pick(["\"TRIALID\"", "\"Title\"", "\"ENGAGEMENT\"", "\"dataCUTOFF\""]) + ": \"" + marker + "\",");
            case 5:
                m.Step("trial.json: lone surrogate escapes in a string");
                return ReplaceFirstString(json, rng, rng.Pick(["\\ud800", "\\udc00x", "\\ud800\\ud800", "\\udfff\\ud800"]) + marker);
            case 6:
                m.Step("trial.json: an invalid escape");
                return ReplaceFirstString(json, rng, rng.Pick(["\\x41", "\\u12", "\\", "\\u00zz"]) + marker);
            case 7:
                m.Step("trial.json: a NUL and control characters in a string");
                return ReplaceFirstString(json, rng, "\\u0000" + marker + "\\u001f\t");
            case 8:
                m.Step("trial.json: a number out of range");
                return ReplaceNumber(json, rng, rng.Pick(["1e400", "-1e400", new string('9', 1000), "1.0e-400", "0.1e99999", "-0", "2147483648", "1E+2"]));
            case 9:
                var size = rng.Pick([1 << 20, (1 << 20) + 1, 3 << 20]);
                m.Step($"trial.json: padded to {size.ToString(CultureInfo.InvariantCulture)} bytes");
                return json.Length >= size ? json : json.Insert(1, new string(' ', size - json.Length));
            case 10:
                m.Step("trial.json: a 2 MB string");
                return json.Insert(1, "\"big\": \"" + string.Concat(Enumerable.Repeat(marker, (2 << 20) / marker.Length)) + "\",");
            case 11:
                var root = rng.Pick(["[]", "\"" + marker + "\"", "null", "42", "", "   ", "{", "}", "[{\"trialId\":\"" + marker + "\"}]"]);
                m.Step("trial.json: not an object");
                return root;
            case 12:
                m.Step("trial.json: unquoted property names and single quotes");
                return json.Insert(1, "trialId: '" + marker + "',");
            default:
                m.Step("trial.json: a value without its quotes");
                return ReplaceFirstString(json, rng, marker, quoted: false);
        }
    }

    private static void Walk(JsonNode node, string path, List<(string, JsonNode?, string?, int)> nodes)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    var p = path.Length == 0 ? key : path + "." + key;
                    nodes.Add((p, obj, key, -1));
                    if (child is not null)
                    {
                        Walk(child, p, nodes);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var p = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                    nodes.Add((p, array, null, i));
                    if (array[i] is { } child)
                    {
                        Walk(child, p, nodes);
                    }
                }

                break;
        }
    }

    private static void Set(JsonNode? parent, string? key, int index, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[key!] = value;
        }
        else if (parent is JsonArray array)
        {
            array[index] = value;
        }
    }

    private static JsonNode? Hostile(Mutator m, bool markerAllowed)
    {
        var rng = m.Rng;
        var k = rng.Next(markerAllowed ? 18 : 13);
        return k switch
        {
            0 => JsonValue.Create(""),
            1 => JsonValue.Create("   "),
            2 => JsonValue.Create(0),
            3 => JsonValue.Create(-1),
            4 => JsonValue.Create(1.5),
            5 => JsonValue.Create(2147483648L),
            6 => JsonValue.Create(1e300),
            7 => JsonValue.Create(true),
            8 => null,
            9 => new JsonArray(),
            10 => new JsonObject(),
            11 => JsonValue.Create("../x y"),
            12 => new JsonArray(JsonValue.Create(1), new JsonArray(), null),
            13 => JsonValue.Create(m.Markers.Next()),
            14 => JsonValue.Create(m.Markers.Next() + " " + m.Markers.Next()),
            15 => new JsonArray(JsonValue.Create(m.Markers.Next()), JsonValue.Create(m.Markers.Next())),
            16 => new JsonObject { [m.Markers.Next()] = m.Markers.Next() },
            _ => JsonValue.Create("." + m.Markers.Next()),
        };
    }

    /// <summary>Settings that each parse but disagree with each other or with the contract.</summary>
    private static void Contradict(Mutator m, JsonObject trial)
    {
        var rng = m.Rng;
        switch (rng.Next(10))
        {
            case 0:
                trial["engagement"] = new JsonObject { ["minContacts"] = rng.Pick([0, -3, 1]), ["minPostDischargeContacts"] = rng.Pick([5, -1, 2]), ["followUpDays"] = rng.Pick([-1, 0, int.MaxValue]) };
                m.Step("trial.json: engagement settings out of range");
                break;
            case 1:
                trial["classification"] = new JsonObject { ["engagementHigh"] = 0.2, ["engagementLow"] = 0.9, ["fidelityHigh"] = -1, ["fidelityLow"] = 1e9 };
                m.Step("trial.json: classification low above high");
                break;
            case 2:
                if (trial["fidelity"]?["items"] is JsonArray items && items.Count > 0)
                {
                    items[0]!["min"] = 5;
                    items[0]!["max"] = rng.Pick([1, 5]);
                    items.Add(items[0]!.DeepClone());
                }

                m.Step("trial.json: fidelity item min above max, and repeated");
                break;
            case 3:
                trial["roles"] = rng.Pick<JsonNode>([new JsonArray(), new JsonArray("pw", "PW", "pw"), new JsonArray("", ".x", "a b"), JsonValue.Create("pw")]);
                m.Step("trial.json: roles empty, repeated or invalid");
                break;
            case 4:
                trial["siteCharacteristics"] = new JsonArray(
                    new JsonObject { ["name"] = rng.Pick(["locality", "site_id", "role", "1bad", "ok"]), ["values"] = new JsonArray("a", "A", "") },
                    new JsonObject { ["name"] = "ok", ["kind"] = rng.Pick(["number", "date", "NUMBER"]), ["values"] = new JsonArray("x") });
                m.Step("trial.json: site characteristics reserved, repeated or contradictory");
                break;
            case 5:
                trial["comparison"] = new JsonObject
                {
                    ["minSourcesPerCode"] = rng.Pick([0, -1, 1000]),
                    ["framework"] = rng.Pick<JsonNode>([JsonValue.Create("no-such-framework"), new JsonObject { ["domains"] = new JsonArray() }, new JsonObject { ["domains"] = new JsonArray(new JsonObject { ["domain"] = "other" }) }, JsonValue.Create(3)]),
                    ["axes"] = rng.Pick<JsonNode>([new JsonArray("nothing"), new JsonArray("role", "ROLE"), new JsonArray(), JsonValue.Create("role")]),
                };
                m.Step("trial.json: comparison with unknown framework or axes");
                break;
            case 6:
                trial["qca"] = rng.Pick<JsonNode>([
                    new JsonObject { ["outcome"] = "fidelity", ["conditions"] = new JsonArray([.. Enumerable.Range(0, 20).Select(i => JsonValue.Create("c" + i.ToString(CultureInfo.InvariantCulture) + "=x"))]) },
                    new JsonObject { ["outcome"] = "nothing", ["conditions"] = new JsonArray("code:", "a*b", "beds>=x"), ["inclCut"] = new JsonArray(0.5, 0.9) },
                    new JsonObject { ["outcome"] = "~engagement", ["conditions"] = new JsonArray("employer=nhs", "EMPLOYER=nhs"), ["nCut"] = 0, ["priCut"] = 2 },
                ]);
                m.Step("trial.json: qca settings invalid");
                break;
            case 7:
                trial["dataCutOff"] = rng.Pick(["2019-02-30", "1900-01-01", "2019-06-30T00:00:00Z", "30/06/2019"]);
                m.Step("trial.json: data cut-off invalid or before every date");
                break;
            case 8:
                if (trial["funders"] is JsonArray funders && funders.Count > 0)
                {
                    funders.Add(funders[0]!.DeepClone());
                }

                m.Step("trial.json: a funder repeated");
                break;
            default:
                trial["interviewItems"] = new JsonArray(new JsonObject { ["itemId"] = "q", ["text"] = m.Markers.Next(), ["min"] = 5, ["max"] = 1 }, new JsonObject { ["itemId"] = "Q" });
                m.Step("trial.json: interview items contradictory");
                break;
        }
    }

    /// <summary>Lists of thousands of entries.</summary>
    private static void Grow(Mutator m, JsonObject trial)
    {
        var rng = m.Rng;
        var count = rng.Pick([1_000, 10_000]);
        switch (rng.Next(4))
        {
            case 0:
                trial["funders"] = new JsonArray([.. Enumerable.Range(0, count).Select(_ => new JsonObject { ["funderId"] = m.Markers.Next(), ["name"] = m.Markers.Next() })]);
                m.Step($"trial.json: {count.ToString(CultureInfo.InvariantCulture)} funders");
                break;
            case 1:
                trial["fidelity"] = new JsonObject
                {
                    ["instrument"] = m.Markers.Next(),
                    ["items"] = new JsonArray([.. Enumerable.Range(0, count).Select(_ => new JsonObject { ["itemId"] = m.Markers.Next(), ["domain"] = m.Markers.Next(), ["min"] = 0, ["max"] = 2 })]),
                };
                m.Step($"trial.json: {count.ToString(CultureInfo.InvariantCulture)} fidelity items");
                break;
            case 2:
                trial["roles"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => JsonValue.Create("r" + i.ToString(CultureInfo.InvariantCulture)))]);
                m.Step($"trial.json: {count.ToString(CultureInfo.InvariantCulture)} roles");
                break;
            default:
                trial["siteCharacteristics"] = new JsonArray([.. Enumerable.Range(0, Math.Min(count, 2_000)).Select(i => new JsonObject { ["name"] = "c" + i.ToString(CultureInfo.InvariantCulture), ["label"] = m.Markers.Next(), ["kind"] = "number" })]);
                m.Step("trial.json: thousands of site characteristics");
                break;
        }
    }

    /// <summary>Replaces the content of a string value (not a property name) chosen at random.</summary>
    private static string ReplaceFirstString(string json, FuzzRandom rng, string content, bool quoted = true)
    {
        var starts = new List<int>();
        for (var i = json.IndexOf(": \"", StringComparison.Ordinal); i >= 0; i = json.IndexOf(": \"", i + 1, StringComparison.Ordinal))
        {
            starts.Add(i + 2);
        }

        if (starts.Count == 0)
        {
            return json.Insert(1, "\"x\": \"" + content + "\",");
        }

        var start = rng.Pick(starts);
        var end = json.IndexOf('"', start + 1);
        var sb = new StringBuilder(json.Length + content.Length);
        sb.Append(json, 0, start);
        sb.Append(quoted ? "\"" + content + "\"" : content);
        sb.Append(json, end + 1, json.Length - end - 1);
        return sb.ToString();
    }

    private static string ReplaceNumber(string json, FuzzRandom rng, string number)
    {
        var starts = new List<int>();
        for (var i = 0; i + 2 < json.Length; i++)
        {
            if (json[i] == ':' && json[i + 1] == ' ' && (char.IsAsciiDigit(json[i + 2]) || json[i + 2] == '-'))
            {
                starts.Add(i + 2);
            }
        }

        if (starts.Count == 0)
        {
            return json;
        }

        var start = rng.Pick(starts);
        var end = start;
        while (end < json.Length && (char.IsAsciiDigit(json[end]) || json[end] is '.' or '-' or 'e' or 'E' or '+'))
        {
            end++;
        }

        return json[..start] + number + json[end..];
    }
}
