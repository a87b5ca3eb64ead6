namespace Reporting.Pdf.SharedSections;

/// <summary>Sentences more than one report prints, so that they read the same everywhere.</summary>
internal static class ReportText
{
    public const string EngagementUnavailable = "Engagement is not available: it is computed from contacts.csv, which this run did not have.";

    public const string FidelityUnavailable = "Fidelity is not available: no site has a fidelity score (fidelity.csv, or the trial's fidelity instrument, was not supplied, or no rater scored every item).";

    public const string CrossCaseUnavailable = "The cross-case comparison is not available for this run.";
}
