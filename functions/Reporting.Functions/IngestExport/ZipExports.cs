using System.Globalization;
using System.IO.Compression;
using Reporting.Core.Validation;
using Reporting.Functions.Storage;

namespace Reporting.Functions.IngestExport;

/// <summary>Limits that keep a hostile zip from exhausting disk or memory. Sizes are checked against the headers
/// first and against the bytes actually inflated while extracting (headers can lie).</summary>
public sealed record ZipLimits(int MaxEntries = 64, long MaxTotalBytes = 2L * 1024 * 1024 * 1024, long MaxEntryBytes = 1024L * 1024 * 1024, double MaxRatio = 200)
{
    public static ZipLimits Default { get; } = new();
}

/// <summary>An extracted export file on local disk.</summary>
public sealed record ExtractedFile(string FileName, string LocalPath);

public sealed record ZipExtraction(IReadOnlyList<ExtractedFile> Files, IReadOnlyList<ValidationIssue> Issues, bool Rejected);

/// <summary>
/// Unpacks an uploaded .zip of export files. A zip with an absolute or traversing entry name, too many entries,
/// too many bytes, a suspicious compression ratio or two entries with the same file name is rejected as a whole,
/// with issues, before anything is extracted; entries that are not export files are skipped with a warning.
/// </summary>
public static class ZipExports
{
    public static ZipExtraction Extract(string zipPath, string zipFileName, string destination, Func<string, bool> isKnownFile, ZipLimits limits)
    {
        ArgumentNullException.ThrowIfNull(isKnownFile);
        ArgumentNullException.ThrowIfNull(limits);
        var issues = new List<ValidationIssue>();
        void Error(string code, string message) => issues.Add(new ValidationIssue(zipFileName, null, null, code, Severity.Error, message));
        void Warning(string code, string message) => issues.Add(new ValidationIssue(zipFileName, null, null, code, Severity.Warning, message));

        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException)
        {
            Error("zip.unreadable", "The upload ends in .zip but is not a readable zip archive. Upload the export files one by one or as a valid zip.");
            return new ZipExtraction([], issues, true);
        }

        using (archive)
        {
            IReadOnlyList<ZipArchiveEntry> entries;
            try
            {
                entries = archive.Entries;
            }
            catch (InvalidDataException)
            {
                Error("zip.unreadable", "The zip archive's directory is damaged. Create the zip again and upload it.");
                return new ZipExtraction([], issues, true);
            }

            if (entries.Count > limits.MaxEntries)
            {
                Error("zip.too-many-entries", string.Create(CultureInfo.InvariantCulture,
                    $"The zip holds {entries.Count} entries; at most {limits.MaxEntries} are allowed. Zip only the export files of the export contract (docs/export-contract.md)."));
                return new ZipExtraction([], issues, true);
            }

            var selected = new List<(ZipArchiveEntry Entry, string FileName)>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            long declaredTotal = 0;
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                var number = i + 1;
                var name = entry.FullName;
                var label = Names.IsFileName(name) ? $"entry {number} ({name})" : $"entry {number}";
                if (IsAbsolute(name))
                {
                    Error("zip.absolute-path", $"Zip {label} has an absolute path. Entry names must be relative file names.");
                    continue;
                }

                var segments = name.Replace('\\', '/').Split('/');
                if (segments.Any(s => s == ".."))
                {
                    Error("zip.path-traversal", $"Zip entry {number} names a parent folder ('..'). Entry names must not leave the archive.");
                    continue;
                }

                if (name.EndsWith('/') || name.EndsWith('\\'))
                {
                    continue; // a folder entry
                }

                var fileName = segments[^1];
                if (!isKnownFile(fileName))
                {
                    Warning("zip.unknown-entry", $"Zip {label} is not an export file of the export contract (docs/export-contract.md) and was skipped.");
                    continue;
                }

                if (!seen.Add(fileName))
                {
                    Error("zip.duplicate-entry", $"Zip {label} repeats the file name {fileName}. Each export file may appear once.");
                    continue;
                }

                declaredTotal += entry.Length;
                if (entry.Length > limits.MaxEntryBytes)
                {
                    Error("zip.entry-too-large", string.Create(CultureInfo.InvariantCulture,
                        $"Zip {label} inflates to {entry.Length} bytes; at most {limits.MaxEntryBytes} are allowed per file."));
                }
                else if (entry.Length > 0 && entry.Length > entry.CompressedLength * limits.MaxRatio)
                {
                    Error("zip.compression-ratio", string.Create(CultureInfo.InvariantCulture,
                        $"Zip {label} compresses more than {limits.MaxRatio}:1, which real exports do not; it looks like a zip bomb and was not extracted."));
                }

                selected.Add((entry, fileName));
            }

            if (declaredTotal > limits.MaxTotalBytes)
            {
                Error("zip.too-large", string.Create(CultureInfo.InvariantCulture,
                    $"The zip's export files inflate to {declaredTotal} bytes; at most {limits.MaxTotalBytes} are allowed."));
            }

            if (issues.Any(i => i.Severity == Severity.Error))
            {
                return new ZipExtraction([], issues, true);
            }

            var files = new List<ExtractedFile>();
            foreach (var (entry, fileName) in selected)
            {
                var path = Path.Combine(destination, "zip-" + files.Count.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"));
                try
                {
                    using var input = entry.Open();
                    using var output = File.Create(path);
                    if (!CopyAtMost(input, output, Math.Min(entry.Length, limits.MaxEntryBytes)))
                    {
                        Error("zip.size-mismatch", $"Zip entry {fileName} inflates to more bytes than its header declares; the zip was rejected.");
                        return new ZipExtraction([], issues, true);
                    }
                }
                catch (InvalidDataException)
                {
                    Error("zip.corrupt-entry", $"Zip entry {fileName} is damaged and cannot be inflated. Create the zip again and upload it.");
                    return new ZipExtraction([], issues, true);
                }

                files.Add(new ExtractedFile(fileName, path));
            }

            return new ZipExtraction(files, issues, false);
        }
    }

    private static bool IsAbsolute(string name) =>
        name.StartsWith('/') || name.StartsWith('\\') || (name.Length >= 2 && name[1] == ':');

    /// <summary>Copies at most <paramref name="limit"/> bytes; false when the input holds more.</summary>
    private static bool CopyAtMost(Stream input, Stream output, long limit)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return false;
            }

            output.Write(buffer, 0, read);
        }

        return true;
    }
}
