using System.Text;

namespace Reporting.Functions.Tests.Reliability;

/// <summary>
/// Unique strings planted in cells of a trial's exports (a site name, an interview excerpt, a participant id that all
/// reach the reports, and values that break validation: an unknown enum value, a malformed date, an unknown site id).
/// Exports hold participant data, so none of them may ever appear in a log line, whatever happens to the upload.
/// </summary>
internal static class PlantedMarkers
{
    public const string SiteName = "MarkSiteNameQ7X2";
    public const string Excerpt = "MarkExcerptK4W9";
    public const string ParticipantId = "MarkPid5R1T";
    public const string BadStatus = "MarkStatus3J8Z";
    public const string BadDate = "MarkDate6H2V";
    public const string UnknownSite = "MarkSiteId8N4C";

    public static IReadOnlyList<string> All { get; } = [SiteName, Excerpt, ParticipantId, BadStatus, BadDate, UnknownSite];

    /// <summary>The small sample trial with the valid markers in its cells: all six files pass validation.</summary>
    public static IReadOnlyList<(string Name, byte[] Content)> Trial(string trialId) =>
    [
        .. SampleTrial.Files(trialId).Select(f => f.Name switch
        {
            "sites.csv" => (f.Name, Replace(f.Content, "S2,South ", $"S2,{SiteName} ")),
            "codings.csv" => (f.Name, Replace(f.Content, "Synthetic excerpt three", Excerpt)),
            "participants.csv" or "contacts.csv" => (f.Name, Replace(f.Content, $"P05-{Planted.Participant}", ParticipantId)),
            _ => f,
        }),
    ];

    /// <summary>contacts.csv with a status outside the contract's values: rejected (invalid-enum).</summary>
    public static byte[] RejectedContacts(string trialId) =>
        Append(Trial(trialId).Single(f => f.Name == "contacts.csv").Content, $"C99,{ParticipantId},2019-02-01,W2,phone,{BadStatus}\n");

    /// <summary>participants.csv with a malformed date and an unknown site: rejected (invalid-date, unknown-site).</summary>
    public static byte[] RejectedParticipants(string trialId) =>
        Append(Trial(trialId).Single(f => f.Name == "participants.csv").Content,
            $"P98,S1,peer_support,{BadDate},2019-01-10,no,\nP99,{UnknownSite},peer_support,2019-01-01,2019-01-10,no,\n");

    /// <summary>Fails the test with every line that holds a marker.</summary>
    public static void AssertNoneIn(IEnumerable<string> lines, string what)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var leaked = lines.Where(Holds).ToList();
        Assert.True(leaked.Count == 0, $"{leaked.Count} line(s) of {what} hold a planted cell value:\n{string.Join('\n', leaked.Take(10))}");
    }

    /// <summary>How many lines hold a marker (for the summary).</summary>
    public static int CountIn(IEnumerable<string> lines) => lines.Count(Holds);

    /// <summary>Whether a line holds one of these markers or one the sample trial itself carries (<see cref="Planted"/>).</summary>
    private static bool Holds(string line) =>
        All.Any(m => line.Contains(m, StringComparison.Ordinal)) || Planted.Pattern().IsMatch(line);

    private static byte[] Replace(byte[] content, string from, string to)
    {
        var text = Encoding.UTF8.GetString(content);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    private static byte[] Append(byte[] content, string rows) => [.. content, .. Encoding.UTF8.GetBytes(rows)];
}
