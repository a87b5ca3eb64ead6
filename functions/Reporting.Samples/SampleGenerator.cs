using System.Globalization;

namespace Reporting.Samples;

/// <summary>
/// Writes synthetic trial exports (docs/export-contract.md) into a directory: the designed seven-site sample, the
/// UPSIDES-shaped five-site sample, or a trial of any size for benchmarks. The same seed always gives byte-identical files.
/// </summary>
public static class SampleGenerator
{
    /// <summary>The seed of the committed sample under <c>samples/peer-support-synthetic</c>.</summary>
    public const ulong DefaultSeed = 20190630;

    /// <summary>The trial id of the designed sample, also the name of its folder under <c>samples/</c>.</summary>
    public const string DesignedTrialId = DesignedTrial.TrialId;

    /// <summary>The designed sample trial. Its per-site counts are fixed; the seed moves dates, contacts and sources.</summary>
    public static SampleSummary WriteDesigned(string directory, ulong seed = DefaultSeed) =>
        ExportWriter.Write(DesignedTrial.Spec, directory, seed);

    /// <summary>The trial id of the UPSIDES-shaped sample, also the name of its folder under <c>samples/</c>.</summary>
    public const string UpsidesTrialId = UpsidesTrial.TrialId;

    /// <summary>The UPSIDES-shaped sample: five sites in high- and low-income settings, focus groups as sources, the
    /// upsides framework. Its per-site counts are fixed; the seed moves dates, contacts and sources.</summary>
    public static SampleSummary WriteUpsides(string directory, ulong seed = DefaultSeed) =>
        ExportWriter.Write(UpsidesTrial.Spec, directory, seed);

    /// <summary>The designed sample's own data cut-off (the committed sample's).</summary>
    public static DateOnly DesignedCutOff => TrialConstants.DataCutOff;

    /// <summary>
    /// The designed sample as its trial team would have exported it at an earlier data cut-off (an interim export):
    /// the same participants, contacts and fidelity assessments as the full sample, leaving out whatever is dated after
    /// <paramref name="cutOff"/> (participants randomised later with their contacts, later contacts and assessments,
    /// later discharges and withdrawals, and 12-month outcomes not yet known). Codings, which carry no date, are kept.
    /// At <see cref="DesignedCutOff"/> it is exactly <see cref="WriteDesigned"/>.
    /// </summary>
    public static SampleSummary WriteDesignedAt(string directory, DateOnly cutOff, ulong seed = DefaultSeed) =>
        ExportWriter.Write(DesignedTrial.Spec, directory, seed, cutOff);

    /// <summary>A trial of the requested size, with engagement and fidelity varying across sites.</summary>
    public static SampleSummary WriteScaled(string directory, ScaledOptions options, ulong seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ExportWriter.Write(ScaledTrial.Spec(options, seed), directory, seed);
    }
}

/// <summary>The size of a scaled synthetic trial.</summary>
/// <param name="Sites">Number of sites, 1–999 (ids S1, S2, …).</param>
/// <param name="Participants">Participants over both arms, randomised 1:1 within each site.</param>
/// <param name="ContactsPerParticipant">
/// Mean contact rows (any status) per <em>peer-support</em> participant; usual care has none, so the file holds
/// about participants / 2 × this many rows.
/// </param>
/// <param name="TrialId">The trial id written to trial.json.</param>
public sealed record ScaledOptions(int Sites, int Participants, double ContactsPerParticipant, string TrialId = "synthetic-scaled")
{
    public const int MaxSites = 999;
    public const int MaxParticipants = 10_000_000;
    public const double MaxContactsPerParticipant = 1_000;

    /// <summary>What is wrong with these options, one sentence per rule broken; empty when they can be generated.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Sites is < 1 or > MaxSites)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Sites must be between 1 and {MaxSites}."));
        }

        if (Participants < 2 * Sites || Participants > MaxParticipants)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"Participants must be between twice the number of sites ({2 * Sites}) and {MaxParticipants}."));
        }

        if (double.IsNaN(ContactsPerParticipant) || ContactsPerParticipant < 0 || ContactsPerParticipant > MaxContactsPerParticipant)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"Contacts per participant must be between 0 and {MaxContactsPerParticipant}."));
        }

        if (!IsIdentifier(TrialId))
        {
            problems.Add("The trial id must be 1–64 characters of letters, digits, '-', '_' and '.', not starting with '.'.");
        }

        return problems;
    }

    /// <summary>Throws when the size cannot be generated (a caller's error, not bad data).</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }
    }

    internal static bool IsIdentifier(string? value) =>
        value is { Length: >= 1 and <= 64 } && value[0] != '.'
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
