using System.Globalization;
using System.Security.Cryptography;
using Reporting.Core.Validation;

namespace Reporting.Core.Export;

/// <summary>
/// Reads and validates a trial's export from whichever files are present, in dependency order
/// (settings, sites, participants, contacts, fidelity, codings, interviews), with the cross-file checks of the export contract (docs/export-contract.md).
/// Never throws on bad data.
/// </summary>
public static class ExportBundleReader
{
    /// <summary>The name issues about the export as a whole carry in their File field.</summary>
    public const string BundleName = "export";

    private const int MaxIssuesPerCode = 100;

    /// <summary>Reads the export. <paramref name="expectedTrialId"/>, when given, must match trial.json.</summary>
    public static ExportBundle Read(IReadOnlyList<ExportFile> files, ExportLimits? limits = null, string? expectedTrialId = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        limits ??= ExportLimits.Default;
        var state = new ReadState(limits);
        var bundleIssues = new List<ValidationIssue>();
        var reports = new List<FileValidation>();
        var byKind = new Dictionary<DatasetKind, ExportFile>();

        foreach (var file in files.OrderBy(f => f.FileName, StringComparer.Ordinal))
        {
            var kind = ExportFiles.Recognise(file.FileName);
            if (kind is null)
            {
                bundleIssues.Add(new ValidationIssue(file.FileName, null, null, IssueCodes.UnknownFile, Severity.Warning,
                    $"This file is not part of the export contract and was ignored. Expected: {ExportFiles.Listed}."));
                continue;
            }

            if (!byKind.TryAdd(kind.Value, file))
            {
                bundleIssues.Add(new ValidationIssue(file.FileName, null, null, IssueCodes.DuplicateId, Severity.Error,
                    "Two files hold the same dataset; supply each dataset once."));
            }
        }

        foreach (var kind in ExportFiles.All)
        {
            if (!byKind.TryGetValue(kind, out var file))
            {
                // interviews.csv is only expected when trial.json declares the items it answers, so exports
                // without structured interviews validate exactly as before.
                if (kind == DatasetKind.Interviews && state.Settings?.InterviewItems is not { Count: > 0 })
                {
                    continue;
                }

                var required = kind is DatasetKind.Trial or DatasetKind.Sites or DatasetKind.Participants;
                bundleIssues.Add(new ValidationIssue(ExportFiles.FileName(kind), null, null, IssueCodes.DatasetMissing,
                    required ? Severity.Error : Severity.Warning,
                    required
                        ? "This dataset was not supplied; no analysis can run without it. Upload it."
                        : "This dataset was not supplied; the figures that need it are marked unavailable."));
                continue;
            }

            reports.Add(ReadOne(kind, file, state, expectedTrialId));
        }

        var cutOff = state.Settings?.DataCutOff ?? state.MaxDate;
        return new ExportBundle(state.Settings, cutOff, state.Sites, state.Participants, state.Contacts, state.Fidelity, state.Codings, reports, bundleIssues)
        {
            ContactRows = state.ContactRows,
            Interviews = state.Interviews,
        };
    }

    private static FileValidation ReadOne(DatasetKind kind, ExportFile file, ReadState state, string? expectedTrialId)
    {
        var issues = new List<ValidationIssue>();
        using var source = file.Open();
        using var hashing = new HashingStream(source);
        var rows = 0;
        long bytes;
        if (kind == DatasetKind.Trial)
        {
            var result = TrialSettingsReader.Read(hashing, state.Limits, expectedTrialId);
            issues.AddRange(result.Issues);
            state.Settings = result.Settings;
        }
        else
        {
            var columns = kind == DatasetKind.Sites && state.Settings is { } settings ? Schemas.SitesWith(settings.SiteCharacteristics) : Schemas.For(kind);
            using var reader = new CsvRowReader(file.FileName, hashing, state.Limits, columns, issues);
            if (reader.ReadHeader())
            {
                var ok = kind switch
                {
                    DatasetKind.Sites => DatasetRules.ReadSites(reader, state),
                    DatasetKind.Participants => DatasetRules.ReadParticipants(reader, state),
                    DatasetKind.Contacts => DatasetRules.ReadContacts(reader, state),
                    DatasetKind.Fidelity => DatasetRules.ReadFidelity(reader, state),
                    DatasetKind.Codings => DatasetRules.ReadCodings(reader, state),
                    DatasetKind.Interviews => DatasetRules.ReadInterviews(reader, state),
                    _ => throw new InvalidOperationException("Unknown dataset kind."),
                };
                _ = ok;
            }

            rows = reader.Rows;
        }

        // Hash the whole upload for provenance, also the part a fatal issue left unread.
        hashing.Drain();
        bytes = hashing.BytesRead;
        if (source is ZipEntryStream { Fault: { } fault })
        {
            // A zip entry that broke the zip's rules while inflating ended early: what was read of it is not the
            // file, so its issues would mislead. The fault is the file's only issue.
            issues.Clear();
            issues.Add(fault);
        }

        var capped = Cap(issues);
        var report = new FileValidation(file.FileName, kind, hashing.HashHex(), bytes, rows, capped);
        if (report.HasErrors)
        {
            state.Discard(kind);
        }

        return report;
    }

    /// <summary>Keeps the first issues of each code and summarises the rest, so a file of a million bad rows
    /// gives a readable report.</summary>
    private static List<ValidationIssue> Cap(List<ValidationIssue> issues)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<ValidationIssue>(Math.Min(issues.Count, 1000));
        foreach (var issue in issues)
        {
            counts.TryGetValue(issue.Code, out var n);
            counts[issue.Code] = n + 1;
            if (n < MaxIssuesPerCode)
            {
                kept.Add(issue);
            }
        }

        foreach (var (code, n) in counts.Where(c => c.Value > MaxIssuesPerCode).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var first = issues.First(i => i.Code == code);
            kept.Add(first with
            {
                Line = null,
                Column = null,
                ColumnNumber = null,
                Message = $"{(n - MaxIssuesPerCode).ToString(CultureInfo.InvariantCulture)} more issues of this kind are not listed; fix the ones above and upload again.",
            });
        }

        return kept;
    }

    /// <summary>What has been read so far, shared by the dataset rules.</summary>
    internal sealed class ReadState(ExportLimits limits)
    {
        public ExportLimits Limits { get; } = limits;
        public TrialSettings? Settings { get; set; }
        public List<Site>? Sites { get; set; }
        public Dictionary<string, Site>? SiteIndex { get; set; }
        public List<Participant>? Participants { get; set; }
        public Dictionary<string, int>? ParticipantIndex { get; set; }
        public Dictionary<string, ParticipantContacts>? Contacts { get; set; }
        public long ContactRows { get; set; }
        public List<FidelityScore>? Fidelity { get; set; }
        public List<Coding>? Codings { get; set; }
        public List<InterviewAnswer>? Interviews { get; set; }
        public DateOnly? MaxDate { get; private set; }

        public DateOnly? CutOff => Settings?.DataCutOff;

        public void SeeDate(DateOnly date)
        {
            if (MaxDate is null || date > MaxDate)
            {
                MaxDate = date;
            }
        }

        public void Discard(DatasetKind kind)
        {
            switch (kind)
            {
                case DatasetKind.Sites:
                    Sites = null;
                    SiteIndex = null;
                    break;
                case DatasetKind.Participants:
                    Participants = null;
                    ParticipantIndex = null;
                    break;
                case DatasetKind.Contacts:
                    Contacts = null;
                    ContactRows = 0;
                    break;
                case DatasetKind.Fidelity:
                    Fidelity = null;
                    break;
                case DatasetKind.Codings:
                    Codings = null;
                    break;
                case DatasetKind.Interviews:
                    Interviews = null;
                    break;
                case DatasetKind.Trial:
                    Settings = null;
                    break;
            }
        }
    }

    /// <summary>Hashes what passes through (SHA-256) and counts bytes.</summary>
    private sealed class HashingStream(Stream inner) : ForwardOnlyStream(inner)
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        protected override void OnRead(ReadOnlySpan<byte> chunk) => _hash.AppendData(chunk);

        public void Drain()
        {
            var buffer = new byte[1 << 16];
            while (Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }

        public string HashHex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
