using Reporting.Core.Validation;

namespace Reporting.Core.Export;

/// <summary>
/// All datasets of one trial's export after validation. A dataset is null when it was not supplied or had
/// errors; the metrics that need it are then unavailable. <see cref="Files"/> holds each file's report.
/// </summary>
public sealed record ExportBundle(
    TrialSettings? Settings,
    DateOnly? DataCutOff,
    IReadOnlyList<Site>? Sites,
    IReadOnlyList<Participant>? Participants,
    IReadOnlyDictionary<string, ParticipantContacts>? Contacts,
    IReadOnlyList<FidelityScore>? Fidelity,
    IReadOnlyList<Coding>? Codings,
    IReadOnlyList<FileValidation> Files,
    IReadOnlyList<ValidationIssue> BundleIssues)
{
    /// <summary>The structured interview answers of interviews.csv, when supplied and usable; null otherwise.</summary>
    public IReadOnlyList<InterviewAnswer>? Interviews { get; init; }

    /// <summary>Number of contact rows read (counted or not), when contacts.csv was usable.</summary>
    public long ContactRows { get; init; }

    /// <summary>Whether any file or the bundle itself has an error.</summary>
    public bool HasErrors => Files.Any(f => f.HasErrors) || BundleIssues.Any(i => i.Severity == Severity.Error);
}
