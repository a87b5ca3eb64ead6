namespace Reporting.Core.Export;

/// <summary>Where a site is.</summary>
public enum Locality
{
    /// <summary>A city.</summary>
    Urban,

    /// <summary>A town.</summary>
    Town,

    /// <summary>A rural area.</summary>
    Rural,

    /// <summary>A mix of the above.</summary>
    Mixed,
}

/// <summary>Who employs the site's peer workers.</summary>
public enum Employer
{
    /// <summary>The NHS trust.</summary>
    Nhs,

    /// <summary>A voluntary-sector organisation.</summary>
    Voluntary,

    /// <summary>Anyone else.</summary>
    Other,
}

/// <summary>Randomised arm.</summary>
public enum Arm
{
    /// <summary>Offered peer support.</summary>
    PeerSupport,

    /// <summary>Usual care only.</summary>
    UsualCare,
}

/// <summary>How a contact took place.</summary>
public enum ContactMode
{
    /// <summary>Face to face.</summary>
    InPerson,

    /// <summary>By telephone.</summary>
    Phone,

    /// <summary>By video call.</summary>
    Video,

    /// <summary>By text or message.</summary>
    Message,
}

/// <summary>Whether a planned contact happened.</summary>
public enum ContactStatus
{
    /// <summary>It took place (the only status that counts).</summary>
    Completed,

    /// <summary>The participant did not attend.</summary>
    DidNotAttend,

    /// <summary>It was cancelled.</summary>
    Cancelled,
}

/// <summary>
/// The adapted PARIHS domains. Domains are data (a framework's, docs/method.md "Frameworks"), written as text in
/// <see cref="Coding.Domain"/> and <c>CodeKey.DomainName</c>; this enum is that text read as a PARIHS domain, with
/// <see cref="Other"/> for any other framework's domains, for callers that group by the PARIHS domains.
/// </summary>
public enum CodingDomain
{
    /// <summary>Evidence.</summary>
    Evidence,

    /// <summary>Context.</summary>
    Context,

    /// <summary>Facilitation.</summary>
    Facilitation,

    /// <summary>Anything else (inductive codes, and the domains of frameworks other than PARIHS).</summary>
    Other,
}

/// <summary>Whether a coded excerpt describes a facilitator or a barrier.</summary>
public enum Valence
{
    /// <summary>Helped implementation.</summary>
    Facilitator,

    /// <summary>Hindered implementation.</summary>
    Barrier,

    /// <summary>Neither.</summary>
    Neutral,
}

/// <summary>A row of <c>sites.csv</c>.</summary>
public sealed record Site(
    string SiteId,
    string SiteName,
    Locality? Locality,
    Employer? Employer,
    string? Region,
    double? SupervisorDaysPerWeek)
{
    /// <summary>The site's values of the characteristics trial.json declares, one per declared characteristic in
    /// declaration order (a blank cell gives a value with neither category nor number).</summary>
    public IReadOnlyList<CharacteristicValue> Characteristics { get; init; } = [];
}

/// <summary>A row of <c>participants.csv</c>.</summary>
public sealed record Participant(
    string ParticipantId,
    string SiteId,
    Arm Arm,
    DateOnly RandomisedOn,
    DateOnly? DischargedOn,
    bool? Readmitted12m,
    DateOnly? WithdrawnOn);

/// <summary>
/// What the contacts of one participant amount to under the engagement rule. Contacts are aggregated as they
/// are read and never held one by one.
/// </summary>
public sealed record ParticipantContacts(int Counted, int CountedPostDischarge, int Completed, int NotCompleted);

/// <summary>A row of <c>fidelity.csv</c>.</summary>
public sealed record FidelityScore(string SiteId, DateOnly AssessedOn, string RaterId, string ItemId, double Score);

/// <summary>A row of <c>codings.csv</c>. <see cref="Role"/> is one of the trial's roles (its spelling), or null;
/// <see cref="Domain"/> is the framework's spelling of the domain (lower case for domains it does not list).</summary>
public sealed record Coding(
    string SiteId,
    string Source,
    string? Role,
    string Domain,
    string Construct,
    string Code,
    Valence? Valence,
    string? Excerpt);

/// <summary>A row of <c>interviews.csv</c>: one source's score on one structured interview item.
/// <see cref="Role"/> is the role given on the row (the trial's spelling), or null.</summary>
public sealed record InterviewAnswer(string SiteId, string Source, string? Role, string ItemId, double Score);
