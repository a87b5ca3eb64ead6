using System.Globalization;
using Reporting.Core.Validation;

namespace Reporting.Core.Export;

/// <summary>
/// A <c>.zip</c> upload of export files, its rules checked (docs/export-contract.md). <see cref="Read"/> checks the
/// central directory before anything is inflated: the entry count, each entry's name (absolute, <c>..</c>,
/// backslash and drive names, nested folders, names outside the contract, duplicates ignoring case), the
/// compression method, the declared sizes and ratio, and that every entry's data lies where the directory says
/// without overlapping another's. The metadata entries that zip tools add (<c>__MACOSX/</c>, <c>.DS_Store</c>,
/// <c>Thumbs.db</c>, <c>desktop.ini</c>, <c>._</c> files, folder entries) are skipped with one warning.
/// When nothing is wrong, <see cref="Files"/> reads each export file straight from the zip through a stream that
/// never inflates past the declared size and ends early when the data disagree with the directory; the
/// <see cref="ExportBundleReader"/> then reports that entry's fault as the file's only issue.
/// Issues about the zip name it in their File field (<c>export.zip</c>); issues about one entry name the zip and
/// the entry (<c>export.zip!contacts.csv</c>, or <c>export.zip!#3</c> when the name is not printable ASCII).
/// The zip stream must stay open and unchanged while the files are read, and they are read one at a time.
/// </summary>
public sealed class ExportZip
{
    /// <summary>What separates the zip's name from the entry's name in an issue's File field.</summary>
    public const char EntrySeparator = '!';

    private const int MaxPrintableName = 128;

    private readonly Stream _archive;
    private readonly Dictionary<string, Entry> _entries;

    private ExportZip(string zipName, Stream archive, List<ValidationIssue> issues, Dictionary<string, Entry> entries)
    {
        ZipName = zipName;
        _archive = archive;
        Issues = issues;
        Rejected = issues.Any(i => i.Severity == Severity.Error);
        _entries = Rejected ? new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase) : entries;
        Files = _entries.Values.OrderBy(e => e.Record.Number).Select(e => new ExportFile(e.Record.Name, () => Open(e))).ToList();
    }

    /// <summary>The zip's file name, as issues name it.</summary>
    public string ZipName { get; }

    /// <summary>The issues of the zip itself: errors reject the whole zip, warnings (skipped metadata) do not.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; }

    /// <summary>Whether the zip breaks a rule; a rejected zip has no <see cref="Files"/>.</summary>
    public bool Rejected { get; }

    /// <summary>The zip's export files in the zip's order, named as their entries (each at the zip's root); empty when <see cref="Rejected"/>.</summary>
    public IReadOnlyList<ExportFile> Files { get; }

    /// <summary>The File field of an issue about entry <paramref name="entryName"/> of zip <paramref name="zipName"/>.</summary>
    public static string EntryLabel(string zipName, string entryName) => zipName + EntrySeparator + entryName;

    /// <summary>Checks the zip's central directory. <paramref name="zip"/> must be readable and seekable; it is not disposed.</summary>
    public static ExportZip Read(string zipName, Stream zip, ZipLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(zipName);
        ArgumentNullException.ThrowIfNull(zip);
        if (!zip.CanRead || !zip.CanSeek)
        {
            throw new ArgumentException("A zip is read from a readable, seekable stream.", nameof(zip));
        }

        limits ??= ZipLimits.Default;
        var issues = new List<ValidationIssue>();
        var entries = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);

        var directory = ZipDirectory.ReadEnd(zip, out var problem);
        if (directory is null)
        {
            issues.Add(Unreadable(zipName, problem!));
            return new ExportZip(zipName, zip, issues, entries);
        }

        if (directory.Count > limits.MaxEntries)
        {
            issues.Add(new ValidationIssue(zipName, null, null, IssueCodes.ZipTooManyEntries, Severity.Error, Invariant(
                $"The zip holds {directory.Count} entries; at most {limits.MaxEntries} are allowed. Zip only the export files of the export contract (docs/export-contract.md).")));
            return new ExportZip(zipName, zip, issues, entries);
        }

        var records = ZipDirectory.ReadEntries(zip, directory, out problem);
        if (records is null)
        {
            issues.Add(Unreadable(zipName, problem!));
            return new ExportZip(zipName, zip, issues, entries);
        }

        var selected = CheckEntries(zipName, records, limits, issues);
        if (!issues.Any(i => i.Severity == Severity.Error))
        {
            CheckLayout(zipName, zip, directory, records, selected, issues, entries);
        }

        return new ExportZip(zipName, zip, issues, entries);
    }

    /// <summary>Copies export file <paramref name="fileName"/> (case-insensitive) to <paramref name="destination"/>,
    /// inflating it under the same bounds as <see cref="Files"/>; returns the entry's fault, or null when it read as declared.
    /// A fault means the zip is not to be used.</summary>
    public ValidationIssue? CopyEntry(string fileName, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(destination);
        if (Rejected)
        {
            throw new InvalidOperationException("A rejected zip has no entries to copy.");
        }

        if (!_entries.TryGetValue(fileName, out var entry))
        {
            throw new ArgumentException("The zip holds no export file of that name.", nameof(fileName));
        }

        using var stream = Open(entry);
        stream.CopyTo(destination);
        return stream.Fault;
    }

    private ZipEntryStream Open(Entry entry) => new(_archive, entry.Record, entry.DataStart, entry.Label);

    /// <summary>The name rules and the declared sizes, entry by entry; returns the export files to keep.</summary>
    private static List<(ZipDirectoryEntry Record, string Label)> CheckEntries(string zipName, List<ZipDirectoryEntry> records, ZipLimits limits, List<ValidationIssue> issues)
    {
        var selected = new List<(ZipDirectoryEntry, string)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var skipped = 0;
        long declared = 0;
        foreach (var record in records)
        {
            var label = Label(zipName, record);
            void Error(string code, string message) => issues.Add(new ValidationIssue(label, null, null, code, Severity.Error, message));

            var name = record.Name;
            // Backslashes are separators too: zips made on Windows sometimes store them, and extracting tools differ.
            var segments = name.Split('/', '\\');
            if (name.StartsWith('/') || name.StartsWith('\\') || name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':')
            {
                Error(IssueCodes.ZipAbsolutePath, "This entry's name is an absolute path. The export files sit at the zip's root under their contract names (docs/export-contract.md); zip them again.");
                continue;
            }

            if (segments.Contains(".."))
            {
                Error(IssueCodes.ZipPathTraversal, "This entry's name leads out of the archive ('..'). The export files sit at the zip's root under their contract names (docs/export-contract.md); zip them again.");
                continue;
            }

            if (IsMetadata(segments))
            {
                skipped++;
                continue;
            }

            if (segments.Length > 1)
            {
                Error(IssueCodes.ZipNestedEntry, "This entry is inside a folder; the export files must sit at the zip's root. Select the files themselves, not their folder, and compress them.");
                continue;
            }

            if (ExportFiles.Recognise(name) is null)
            {
                Error(IssueCodes.ZipUnknownEntry, $"This entry is not a file of the export contract ({string.Join(", ", ExportFiles.All.Select(ExportFiles.FileName))}); a zip holds only those files (docs/export-contract.md). Remove it and zip again.");
                continue;
            }

            if (!seen.Add(name))
            {
                Error(IssueCodes.ZipDuplicateEntry, "This entry repeats another entry's file name (names are compared ignoring case). Each export file may appear once.");
                continue;
            }

            if (record.Encrypted)
            {
                Error(IssueCodes.ZipEncrypted, "This entry is encrypted. Zip the export files without a password.");
                continue;
            }

            if (record.Method is not (ZipDirectoryEntry.Stored or ZipDirectoryEntry.Deflated))
            {
                Error(IssueCodes.ZipUnsupportedMethod, "This entry is compressed with a method other than deflate (or none). Create the zip with a standard zip tool.");
                continue;
            }

            if (record.Method == ZipDirectoryEntry.Stored && record.CompressedSize != record.UncompressedSize)
            {
                Error(IssueCodes.ZipSizeMismatch, "This entry is stored uncompressed, yet the zip's directory declares different stored and inflated sizes: the zip is damaged. Create it again and upload it.");
                continue;
            }

            if (record.UncompressedSize > limits.MaxEntryBytes)
            {
                Error(IssueCodes.ZipEntryTooLarge, Invariant(
                    $"This entry declares {record.UncompressedSize} bytes inflated; at most {limits.MaxEntryBytes} are allowed for one file. Split the export or ask for a higher limit."));
                continue;
            }

            if (record.UncompressedSize > record.CompressedSize * limits.MaxRatio)
            {
                Error(IssueCodes.ZipCompressionRatio, Invariant(
                    $"This entry would inflate more than {limits.MaxRatio}:1, which real exports never do; it looks like a zip bomb and was not inflated."));
                continue;
            }

            declared += record.UncompressedSize;
            selected.Add((record, label));
        }

        if (declared > limits.MaxUnpackedBytes)
        {
            issues.Add(new ValidationIssue(zipName, null, null, IssueCodes.ZipTooLarge, Severity.Error, Invariant(
                $"The zip's export files declare {declared} bytes inflated; at most {limits.MaxUnpackedBytes} are allowed in all. Upload the files one by one, or split the export.")));
        }

        if (skipped > 0)
        {
            issues.Add(new ValidationIssue(zipName, null, null, IssueCodes.ZipMetadataEntry, Severity.Warning, Invariant(
                $"{skipped} {(skipped == 1 ? "entry" : "entries")} that zip tools add (the __MACOSX folder, .DS_Store, Thumbs.db, desktop.ini, ._ files, folder entries) {(skipped == 1 ? "was" : "were")} skipped; nothing needs fixing.")));
        }

        return selected;
    }

    /// <summary>Every entry's local header agrees with the directory, and the entries' data lie before the
    /// directory without overlapping (overlapping entries make a small zip inflate many times over).</summary>
    private static void CheckLayout(string zipName, Stream zip, ZipDirectory.Directory directory, List<ZipDirectoryEntry> records,
        List<(ZipDirectoryEntry Record, string Label)> selected, List<ValidationIssue> issues, Dictionary<string, Entry> entries)
    {
        var spans = new List<(long Start, long End, long DataStart, ZipDirectoryEntry Record)>();
        foreach (var record in records)
        {
            var start = ZipDirectory.DataStart(zip, record);
            if (start is null || start.Value > directory.Offset - record.CompressedSize)
            {
                issues.Add(new ValidationIssue(Label(zipName, record), null, null, IssueCodes.ZipCorruptEntry, Severity.Error,
                    "This entry's local header is missing, disagrees with the zip's directory, or its data run past the directory: the zip is damaged. Create it again with a standard zip tool."));
                continue;
            }

            spans.Add((record.LocalHeaderOffset, start.Value + record.CompressedSize, start.Value, record));
        }

        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < spans.Count; i++)
        {
            if (spans[i].Start < spans[i - 1].End)
            {
                issues.Add(new ValidationIssue(Label(zipName, spans[i].Record), null, null, IssueCodes.ZipCorruptEntry, Severity.Error,
                    "This entry's data overlap another entry's, a zip bomb technique: the zip is not used. Create it again with a standard zip tool."));
            }
        }

        var dataStarts = spans.ToDictionary(s => s.Record.Number, s => s.DataStart);
        foreach (var (record, label) in selected)
        {
            if (dataStarts.TryGetValue(record.Number, out var dataStart))
            {
                entries[record.Name] = new Entry(record, dataStart, label);
            }
        }
    }

    private static string Label(string zipName, ZipDirectoryEntry record) =>
        EntryLabel(zipName, IsPrintable(record.Name) ? record.Name : "#" + record.Number.ToString(CultureInfo.InvariantCulture));

    private static ValidationIssue Unreadable(string zipName, string problem) =>
        new(zipName, null, null, IssueCodes.ZipUnreadable, Severity.Error,
            $"This .zip cannot be read: {problem}. Create the zip again with a standard zip tool, or upload the export files one by one.");

    /// <summary>What zip tools add beside the files: macOS Finder's __MACOSX folder and ._ AppleDouble files,
    /// .DS_Store, Windows' Thumbs.db and desktop.ini, and folder entries (a name ending in a separator).</summary>
    private static bool IsMetadata(string[] segments)
    {
        var last = segments[^1];
        return segments.Length > 1 && last.Length == 0
            || string.Equals(segments[0], "__MACOSX", StringComparison.OrdinalIgnoreCase)
            || last.StartsWith("._", StringComparison.Ordinal)
            || last.Equals(".DS_Store", StringComparison.OrdinalIgnoreCase)
            || last.Equals("Thumbs.db", StringComparison.OrdinalIgnoreCase)
            || last.Equals("desktop.ini", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether an entry name can appear in an issue as it is: short printable ASCII.</summary>
    private static bool IsPrintable(string name) =>
        name.Length is > 0 and <= MaxPrintableName && name.All(c => c is >= ' ' and <= '~');

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Entry(ZipDirectoryEntry Record, long DataStart, string Label);
}
