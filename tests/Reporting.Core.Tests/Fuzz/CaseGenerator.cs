using System.Globalization;
using System.Text;
using Reporting.Core.Export;
using Reporting.Core.Qca;

namespace Reporting.Core.Tests.Fuzz;

/// <summary>
/// The deterministic case list: case <c>i</c> of seed <c>s</c> is always the same input. Categories take turns
/// (<c>i</c> modulo their number), so a short run covers every kind of hostility; within a category the base export,
/// the operators, the limits and whether the files arrive loose or zipped are drawn from the case's own generator.
/// </summary>
internal static class CaseGenerator
{
    public static IReadOnlyList<string> Categories { get; } =
        ["cells", "structure", "text", "encoding", "bytes", "huge", "trial-json", "file-set", "zip", "qca"];

    /// <summary>Tight limits, so that limit checks fire on inputs small enough to generate quickly.</summary>
    private static readonly ExportLimits[] TightLimits =
    [
        new(200_000, 2_000, 300, 8_000),
        new(50_000, 100, 64, 4_000),
        new(20_000_000, 50_000, 8_000, 1 << 20),
    ];

    private static readonly ZipLimits[] TightZipLimits =
    [
        new(maxEntries: 8, maxUnpackedBytes: 300_000, maxEntryBytes: 150_000, maxRatio: 50),
        new(maxEntries: 64, maxUnpackedBytes: 5_000_000, maxEntryBytes: 2_000_000, maxRatio: 10),
    ];

    public static FuzzCase Generate(int seed, int index)
    {
        var rng = FuzzRandom.ForCase(seed, index);
        var markers = new Markers(seed, index);
        var m = new Mutator(rng, markers);
        var category = Categories[index % Categories.Count];
        if (category == "qca")
        {
            return Qca(seed, index, m);
        }

        // The small exports run fastest; the samples exercise the whole analysis.
        var source = rng.Next(20) switch
        {
            < 7 => FuzzExport.Bases[2],
            < 12 => FuzzExport.Bases[3],
            < 17 => FuzzExport.Bases[0],
            _ => FuzzExport.Bases[1],
        };
        var export = source.Marked(markers);
        var trialId = export.TrialId;
        var limits = rng.Chance(0.25) ? rng.Pick(TightLimits) : null;
        var fieldLimit = (limits ?? ExportLimits.Default).MaxFieldLength;
        var swallow = false;
        var treeChanged = false;

        switch (category)
        {
            case "cells":
                Repeat(rng, 1, 4, () => m.Cells(export));
                break;
            case "structure":
                Repeat(rng, 1, 4, () => m.Structure(export));
                break;
            case "huge":
                switch (rng.Next(4))
                {
                    case 0:
                        m.Flood(export, rng.Pick([20_000, 50_000, 200_000]));
                        break;
                    case 1:
                        m.HugeField(export, fieldLimit);
                        break;
                    case 2:
                        m.Wide(export);
                        break;
                    default:
                        swallow = true;
                        break;
                }

                break;
            case "trial-json" when rng.Chance(0.6):
                Repeat(rng, 1, 3, () => TrialJsonMutations.Tree(m, export.Trial));
                treeChanged = true;
                break;
        }

        // A few cases of every category also get a hostile cell or a changed row, so that damage combines.
        if (category is not ("cells" or "structure") && rng.Chance(0.15))
        {
            if (rng.Chance(0.5))
            {
                m.Cells(export);
            }
            else
            {
                m.Structure(export);
            }
        }

        var files = export.Files();
        switch (category)
        {
            case "text":
                Repeat(rng, 1, 4, () => OnCsv(m, files, (name, bytes) => Encoding.UTF8.GetBytes(m.Text(name, Encoding.UTF8.GetString(bytes)))));
                break;
            case "encoding":
                Repeat(rng, 1, 3, () => OnAny(m, files, (name, bytes) => m.Encode(name, Encoding.UTF8.GetString(bytes))));
                break;
            case "bytes":
                Repeat(rng, 1, 3, () => OnAny(m, files, m.Damage));
                break;
            case "huge" when swallow:
                OnCsv(m, files, (name, bytes) => Encoding.UTF8.GetBytes(m.SwallowingQuote(name, Encoding.UTF8.GetString(bytes))));
                break;
            case "trial-json" when !treeChanged || rng.Chance(0.3):
                var at = files.FindIndex(f => f.Name == "trial.json");
                files[at] = ("trial.json", Encoding.UTF8.GetBytes(TrialJsonMutations.Text(m, Encoding.UTF8.GetString(files[at].Content))));
                break;
            case "file-set":
                Repeat(rng, 1, 3, () => FileSet(m, files));
                break;
        }

        var expectedTrialId = rng.Next(10) switch
        {
            < 6 => null,
            < 9 => trialId,
            _ => markers.Next(),
        };

        byte[]? zip = null;
        ZipLimits? zipLimits = null;
        if (category == "zip" || rng.Chance(0.08))
        {
            zip = category == "zip" ? ZipMutations.Build(m, files) : ZipBuilder.Standard(files.Select(f => (f.Name, f.Content)));
            if (category != "zip")
            {
                m.Step("zipped as ZipArchive writes it");
            }

            zipLimits = rng.Chance(0.25) ? rng.Pick(TightZipLimits) : null;
        }

        return new FuzzCase(seed, index, category, source.Name, m.Steps, zip is null ? FuzzInputKind.Files : FuzzInputKind.Zip,
            files, zip, null, limits, zipLimits, expectedTrialId, markers.Planted);
    }

    private static void Repeat(FuzzRandom rng, int min, int maxExclusive, Action action)
    {
        var n = rng.Next(min, maxExclusive);
        for (var i = 0; i < n; i++)
        {
            action();
        }
    }

    private static void OnCsv(Mutator m, List<(string Name, byte[] Content)> files, Func<string, byte[], byte[]> change)
    {
        var csv = files.Select((f, i) => (f.Name, i)).Where(f => f.Name.EndsWith(".csv", StringComparison.Ordinal)).ToList();
        var (name, at) = m.Rng.Pick(csv);
        files[at] = (name, change(name, files[at].Content));
    }

    private static void OnAny(Mutator m, List<(string Name, byte[] Content)> files, Func<string, byte[], byte[]> change)
    {
        if (files.Count == 0)
        {
            return;
        }

        var at = m.Rng.Next(files.Count);
        files[at] = (files[at].Name, change(files[at].Name, files[at].Content));
    }

    /// <summary>Files missing, repeated under another spelling, renamed, swapped, emptied or replaced by binary data.</summary>
    private static void FileSet(Mutator m, List<(string Name, byte[] Content)> files)
    {
        var rng = m.Rng;
        if (files.Count == 0)
        {
            files.Add(("sites.csv", Encoding.UTF8.GetBytes(m.Markers.Next())));
            m.Step("files: one junk file");
            return;
        }

        var at = rng.Next(files.Count);
        var (name, content) = files[at];
        switch (rng.Next(11))
        {
            case 0:
                files.RemoveAt(at);
                m.Step($"files: {name} missing");
                break;
            case 1:
                files.RemoveAll(f => f.Name != name);
                m.Step($"files: only {name}");
                break;
            case 2:
                files.Add((rng.Pick(["notes.txt", "sites.csv.bak", "README.md", "participants.xlsx", ".hidden"]), Encoding.UTF8.GetBytes(m.Markers.Next() + "," + m.Markers.Next())));
                m.Step("files: a file outside the contract");
                break;
            case 3:
                files.Add((rng.Pick([name.ToUpperInvariant(), "backup/" + name, "old\\" + name, name]), rng.Chance(0.5) ? content : Encoding.UTF8.GetBytes(m.Markers.Next())));
                m.Step($"files: {name} twice");
                break;
            case 4:
                files[at] = (char.ToUpperInvariant(name[0]) + name[1..].ToUpperInvariant(), content);
                m.Step($"files: {name} in capitals");
                break;
            case 5:
                var other = rng.Next(files.Count);
                files[at] = (name, files[other].Content);
                files[other] = (files[other].Name, content);
                m.Step($"files: {name} and {files[other].Name} swapped");
                break;
            case 6:
                files[at] = (name, []);
                m.Step($"files: {name} empty");
                break;
            case 7:
                files[at] = (name, ZipBuilder.Standard([(name, content)]));
                m.Step($"files: {name} holds a zip");
                break;
            case 8:
                files[at] = (name, [.. "%PDF-1.7\n"u8, .. Enumerable.Range(0, 4096).Select(_ => rng.NextByte())]);
                m.Step($"files: {name} holds binary data");
                break;
            case 9:
                files[at] = (rng.Pick(["exports/t/" + name, "C:\\Users\\x\\" + name, "./" + name]), content);
                m.Step($"files: {name} under a path");
                break;
            default:
                files.Reverse();
                m.Step("files: in reverse order");
                break;
        }
    }

    /// <summary>A case × condition table with raw and membership columns, mutated like the export files.</summary>
    private static FuzzCase Qca(int seed, int index, Mutator m)
    {
        var rng = m.Rng;
        var conditions = Enumerable.Range(0, rng.Next(2, 5)).Select(i => ((char)('A' + i)).ToString()).ToList();
        var header = new List<string> { "case" };
        header.AddRange(conditions);
        header.Add("R");
        header.Add("Y");
        var rows = new List<List<string>>();
        var n = rng.Next(3, 40);
        for (var r = 0; r < n; r++)
        {
            var row = new List<string> { m.Markers.Next() };
            row.AddRange(conditions.Select(_ => rng.Pick(["0", "1", "0.2", "0.7", "0.5", "2"])));
            row.Add(rng.Next(101).ToString(CultureInfo.InvariantCulture));
            row.Add(rng.Pick(["0", "1", "0.9", "0.1", "0.6"]));
            rows.Add(row);
        }

        var table = new CsvTable(header, rows);
        m.Step($"qca: {n.ToString(CultureInfo.InvariantCulture)} cases, {conditions.Count.ToString(CultureInfo.InvariantCulture)} conditions");
        var limits = rng.Chance(0.2) ? TightLimits[1] : null;
        switch (rng.Next(6))
        {
            case 0 or 1:
                Repeat(rng, 1, 4, () => m.Cells(table, "qca.csv"));
                break;
            case 2:
                m.Structure(table, "qca.csv", markerHeaders: false);
                break;
            case 3:
                if (rng.Chance(0.5))
                {
                    m.Flood(table, "qca.csv", rng.Pick([1_000, 20_000]));
                }
                else
                {
                    m.HugeField(table, "qca.csv", (limits ?? ExportLimits.Default).MaxFieldLength);
                }

                break;
        }

        var text = table.Write();
        var bytes = rng.Next(5) switch
        {
            0 => Encoding.UTF8.GetBytes(m.Text("qca.csv", text)),
            1 => m.Encode("qca.csv", text),
            2 => m.Damage("qca.csv", Encoding.UTF8.GetBytes(text)),
            _ => Encoding.UTF8.GetBytes(text),
        };

        var calibrations = new Dictionary<string, CalibrationSpec>(StringComparer.OrdinalIgnoreCase);
        switch (rng.Next(4))
        {
            case 0:
                calibrations["R"] = CalibrationSpec.Crisp([50]);
                break;
            case 1:
                calibrations["R"] = CalibrationSpec.Fuzzy([10, 50, 90]);
                break;
            case 2:
                calibrations["R"] = CalibrationSpec.Fuzzy([90, 50, 10], logistic: false);
                calibrations["Nope"] = CalibrationSpec.Crisp([1, 2]);
                break;
        }

        var outcome = rng.Pick<string?>(["Y", "~Y", null, "Missing"]);
        IReadOnlyList<string> chosen = rng.Next(3) switch
        {
            0 => [],
            1 => [.. conditions.Take(2)],
            _ => [conditions[0], "Nope", "R"],
        };
        var qca = new QcaInput(bytes, calibrations, outcome, chosen);
        m.Step($"qca: outcome {outcome ?? "none"}, conditions [{string.Join(",", chosen)}], calibrated [{string.Join(",", calibrations.Keys)}]");
        return new FuzzCase(seed, index, "qca", "qca-table", m.Steps, FuzzInputKind.Qca, [], null, qca, limits, null, null, m.Markers.Planted);
    }
}
