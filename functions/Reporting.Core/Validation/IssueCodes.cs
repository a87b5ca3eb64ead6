namespace Reporting.Core.Validation;

/// <summary>
/// Every validation rule, by its stable code. Codes are part of the validation report's contract:
/// never rename one, add new ones instead.
/// </summary>
public static class IssueCodes
{
    /// <summary>The file is larger than the size limit; nothing past the limit was read.</summary>
    public const string FileTooLarge = "file-too-large";

    /// <summary>The file is not valid UTF-8 (for example UTF-16 or Latin-1).</summary>
    public const string NotUtf8 = "not-utf8";

    /// <summary>The CSV breaks RFC 4180 quoting (for example a quote inside an unquoted field, or an unclosed quote).</summary>
    public const string MalformedCsv = "malformed-csv";

    /// <summary>The file has more data rows than the row limit; reading stopped there.</summary>
    public const string TooManyRows = "too-many-rows";

    /// <summary>A field is longer than the field-length limit.</summary>
    public const string FieldTooLong = "field-too-long";

    /// <summary>The file has no header row.</summary>
    public const string EmptyFile = "empty-file";

    /// <summary>A required column is absent from the header.</summary>
    public const string MissingColumn = "missing-column";

    /// <summary>A column the contract does not define (kept, reported as a warning).</summary>
    public const string UnknownColumn = "unknown-column";

    /// <summary>Two header cells name the same column (case-insensitively).</summary>
    public const string DuplicateColumn = "duplicate-column";

    /// <summary>A row has a different number of fields than the header.</summary>
    public const string FieldCount = "field-count";

    /// <summary>A dataset of the export contract was not supplied; the figures that need it are unavailable.</summary>
    public const string DatasetMissing = "dataset-missing";

    /// <summary>A file whose name is not part of the export contract (ignored).</summary>
    public const string UnknownFile = "unknown-file";

    /// <summary>A required value is blank.</summary>
    public const string Required = "required";

    /// <summary>An identifier is not 1–64 characters of ASCII letters, digits, '-', '_' and '.', or starts with '.'.</summary>
    public const string InvalidIdentifier = "invalid-identifier";

    /// <summary>A value is not one of the column's allowed values.</summary>
    public const string InvalidEnum = "invalid-enum";

    /// <summary>A date is not an ISO 8601 calendar date (yyyy-MM-dd).</summary>
    public const string InvalidDate = "invalid-date";

    /// <summary>A date is later than the trial's data cut-off.</summary>
    public const string DateAfterCutOff = "date-after-cutoff";

    /// <summary>A number cannot be read (invariant culture, '.' as decimal point) or is out of the column's range.</summary>
    public const string InvalidNumber = "invalid-number";

    /// <summary>An identifier that must be unique in its file appears again.</summary>
    public const string DuplicateId = "duplicate-id";

    /// <summary>A site_id that sites.csv does not define.</summary>
    public const string UnknownSite = "unknown-site";

    /// <summary>A participant_id that participants.csv does not define.</summary>
    public const string UnknownParticipant = "unknown-participant";

    /// <summary>A contact for a participant who is not in the peer_support arm.</summary>
    public const string ContactUsualCare = "contact-usual-care";

    /// <summary>discharged_on is before randomised_on.</summary>
    public const string DischargeBeforeRandomisation = "discharge-before-randomisation";

    /// <summary>withdrawn_on is before randomised_on.</summary>
    public const string WithdrawalBeforeRandomisation = "withdrawal-before-randomisation";

    /// <summary>A contact dated before the participant's randomisation (warning: it is not counted).</summary>
    public const string ContactBeforeRandomisation = "contact-before-randomisation";

    /// <summary>An item_id that the trial's fidelity instrument (fidelity.csv) or interviewItems (interviews.csv) does not define.</summary>
    public const string UnknownItem = "unknown-item";

    /// <summary>A fidelity or interview score outside the item's min–max range.</summary>
    public const string ScoreOutOfRange = "score-out-of-range";

    /// <summary>A second score for the same site, assessment date, rater and item (fidelity.csv), or for the same source and item (interviews.csv).</summary>
    public const string DuplicateScore = "duplicate-score";

    /// <summary>A role (codings.csv, interviews.csv) that is not one of the trial's roles.</summary>
    public const string UnknownRole = "unknown-role";

    /// <summary>A source given two different roles, on two lines of a file or in codings.csv and interviews.csv.</summary>
    public const string RoleConflict = "role-conflict";

    /// <summary>A codings.csv domain that the trial's framework does not have.</summary>
    public const string UnknownDomain = "unknown-domain";

    /// <summary>A codings.csv construct that the framework does not list under its domain (warning; the coding is kept).</summary>
    public const string UnknownConstruct = "unknown-construct";

    /// <summary>trial.json is not valid JSON of the expected shape.</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>trial.json lacks a required setting.</summary>
    public const string MissingSetting = "missing-setting";

    /// <summary>A trial.json setting has a value the contract does not allow.</summary>
    public const string InvalidSetting = "invalid-setting";

    /// <summary>A setting names a trial other than the folder it was uploaded to.</summary>
    public const string TrialIdMismatch = "trial-id-mismatch";

    /// <summary>The upload ends in .zip but is not a zip archive that can be read (no end record, a damaged or spanned directory).</summary>
    public const string ZipUnreadable = "zip.unreadable";

    /// <summary>The zip's directory lists more entries than the limit (64), metadata entries included.</summary>
    public const string ZipTooManyEntries = "zip.too-many-entries";

    /// <summary>A zip entry's name is an absolute path (a leading '/' or '', or a drive such as C:).</summary>
    public const string ZipAbsolutePath = "zip.absolute-path";

    /// <summary>A zip entry's name has a '..' segment ('/' and '' both count as separators).</summary>
    public const string ZipPathTraversal = "zip.path-traversal";

    /// <summary>A zip entry sits in a folder; export files belong at the zip's root.</summary>
    public const string ZipNestedEntry = "zip.nested-entry";

    /// <summary>A zip entry whose name is not a file of the export contract.</summary>
    public const string ZipUnknownEntry = "zip.unknown-entry";

    /// <summary>Two zip entries have the same file name, ignoring case.</summary>
    public const string ZipDuplicateEntry = "zip.duplicate-entry";

    /// <summary>Entries that zip tools add (__MACOSX, .DS_Store, Thumbs.db, desktop.ini, ._ files, folder entries) were skipped (warning).</summary>
    public const string ZipMetadataEntry = "zip.metadata-entry";

    /// <summary>A zip entry is encrypted.</summary>
    public const string ZipEncrypted = "zip.encrypted";

    /// <summary>A zip entry uses a compression method other than deflate or stored.</summary>
    public const string ZipUnsupportedMethod = "zip.unsupported-method";

    /// <summary>A zip entry declares more inflated bytes than the per-file limit.</summary>
    public const string ZipEntryTooLarge = "zip.entry-too-large";

    /// <summary>A zip entry declares an inflated size more than the ratio limit (200) times its compressed size.</summary>
    public const string ZipCompressionRatio = "zip.compression-ratio";

    /// <summary>The zip's export files declare more inflated bytes in all than the limit (1 GiB).</summary>
    public const string ZipTooLarge = "zip.too-large";

    /// <summary>A zip entry inflates to more or fewer bytes than its directory declares (headers that lie), or a stored entry's two sizes differ.</summary>
    public const string ZipSizeMismatch = "zip.size-mismatch";

    /// <summary>A zip entry does not inflate, fails its CRC-32, has a local header that disagrees with the directory, or overlaps another entry.</summary>
    public const string ZipCorruptEntry = "zip.corrupt-entry";
    /// <summary>A QCA table value that is not a set membership (0–1) where one is needed, nor a multi-value category
    /// (0, 1, 2, …) of a condition; calibrate the column.</summary>
    public const string MembershipOutOfRange = "membership-out-of-range";

    /// <summary>A QCA calibration that cannot be applied (unreadable anchors, or crisp thresholds outside the column's range).</summary>
    public const string InvalidCalibration = "invalid-calibration";

    /// <summary>All codes with their one-line meaning, for documentation and the CLI.</summary>
    public static IReadOnlyList<(string Code, string Meaning)> All { get; } =
    [
        (FileTooLarge, "the file is larger than the size limit; nothing past the limit was read"),
        (NotUtf8, "the file is not valid UTF-8"),
        (MalformedCsv, "the row breaks RFC 4180 quoting"),
        (TooManyRows, "more data rows than the row limit; reading stopped there"),
        (FieldTooLong, "a field is longer than the field-length limit"),
        (EmptyFile, "the file has no header row"),
        (MissingColumn, "a required column is absent"),
        (UnknownColumn, "a column the contract does not define (warning; kept)"),
        (DuplicateColumn, "two header cells name the same column"),
        (FieldCount, "a row has a different number of fields than the header"),
        (DatasetMissing, "a dataset was not supplied; figures that need it are unavailable"),
        (UnknownFile, "a file name outside the export contract (warning; ignored)"),
        (Required, "a required value is blank"),
        (InvalidIdentifier, "an identifier breaks the identifier rule"),
        (InvalidEnum, "a value outside the column's allowed values"),
        (InvalidDate, "not a yyyy-MM-dd date"),
        (DateAfterCutOff, "a date after the data cut-off"),
        (InvalidNumber, "a number that cannot be read or is out of range"),
        (DuplicateId, "an identifier that must be unique appears again"),
        (UnknownSite, "site_id not defined in sites.csv"),
        (UnknownParticipant, "participant_id not defined in participants.csv"),
        (ContactUsualCare, "a contact for a participant outside the peer_support arm"),
        (DischargeBeforeRandomisation, "discharged_on is before randomised_on"),
        (WithdrawalBeforeRandomisation, "withdrawn_on is before randomised_on"),
        (ContactBeforeRandomisation, "a contact before randomisation (warning; not counted)"),
        (UnknownItem, "item_id not in the fidelity instrument (fidelity.csv) or in interviewItems (interviews.csv)"),
        (ScoreOutOfRange, "a score outside the item's range"),
        (DuplicateScore, "a second score for the same site, date, rater and item (fidelity.csv), or for the same source and item (interviews.csv)"),
        (UnknownRole, "a role not in the trial's roles (codings.csv, interviews.csv)"),
        (RoleConflict, "a source given two different roles (within a file, or between codings.csv and interviews.csv)"),
        (UnknownDomain, "a codings.csv domain the trial's framework does not have"),
        (UnknownConstruct, "a codings.csv construct the framework does not list under its domain (warning; kept)"),
        (InvalidJson, "trial.json is not valid JSON of the expected shape"),
        (MissingSetting, "trial.json lacks a required setting"),
        (InvalidSetting, "a trial.json setting has a value the contract does not allow"),
        (TrialIdMismatch, "trial.json names another trial than the upload folder"),
        (ZipUnreadable, "the .zip cannot be read as a zip archive"),
        (ZipTooManyEntries, "the zip holds more than 64 entries"),
        (ZipAbsolutePath, "a zip entry's name is an absolute path"),
        (ZipPathTraversal, "a zip entry's name leads out of the archive ('..')"),
        (ZipNestedEntry, "a zip entry is inside a folder; export files sit at the zip's root"),
        (ZipUnknownEntry, "a zip entry that is not a file of the export contract"),
        (ZipDuplicateEntry, "two zip entries with the same file name, ignoring case"),
        (ZipMetadataEntry, "entries zip tools add (__MACOSX, .DS_Store, Thumbs.db, folders) were skipped (warning)"),
        (ZipEncrypted, "a zip entry is encrypted"),
        (ZipUnsupportedMethod, "a zip entry is compressed other than with deflate"),
        (ZipEntryTooLarge, "a zip entry declares more than 1 GiB inflated"),
        (ZipCompressionRatio, "a zip entry declares a compression ratio above 200 (a zip bomb)"),
        (ZipTooLarge, "the zip's export files declare more than 1 GiB inflated in all"),
        (ZipSizeMismatch, "a zip entry inflates to other than its declared size (headers that lie)"),
        (ZipCorruptEntry, "a zip entry is damaged: it does not inflate, fails its CRC-32, or overlaps another"),
        (MembershipOutOfRange, "a QCA table value outside 0–1 (or not a multi-value category) that needs calibrating"),
        (InvalidCalibration, "a QCA calibration that cannot be applied to its column"),
    ];
}
