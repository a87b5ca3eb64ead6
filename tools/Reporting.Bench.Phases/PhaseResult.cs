using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reporting.Bench;

/// <summary>Offered and engaged participants of one site.</summary>
internal sealed record SiteCount(string SiteId, int Offered, int Engaged);

/// <summary>
/// What one phase child (<c>reporting-bench-phases</c>, or the fallback <c>reporting-bench phase</c>) reports, as one
/// JSON line on stdout.
/// </summary>
/// <param name="Phase">The phase's name (see <see cref="BenchPhases"/>).</param>
/// <param name="Status"><c>ok</c>, <c>n/a</c> (the phase cannot run in this build) or <c>failed</c>.</param>
/// <param name="WallMs">Wall time of the phase alone, measured inside the child (no process start-up, no set-up).</param>
/// <param name="PeakRssBytes">The child's peak resident set size during the phase (VmHWM; reset after any set-up).</param>
/// <param name="PeakExcludesSetUp">False when the phase has a set-up (reading the export before building the run)
/// and the peak could not be reset after it, so the peak includes the set-up.</param>
/// <param name="InputBytes">Bytes of the files the phase read (for MB/s), when it read files.</param>
/// <param name="Note">Why the phase is n/a or failed, or what it produced.</param>
/// <param name="Sites">Per-site offered and engaged (engagement phase only).</param>
/// <param name="Counts">Sizes of the trial read: sites, participants, contact rows (parse phase only).</param>
internal sealed record PhaseResult(
    string Phase,
    string Status,
    double WallMs,
    long PeakRssBytes,
    bool PeakExcludesSetUp,
    long? InputBytes,
    string? Note,
    IReadOnlyList<SiteCount>? Sites,
    TrialCounts? Counts)
{
    public const string Ok = "ok";
    public const string NotAvailable = "n/a";
    public const string Failed = "failed";

    public string ToJsonLine() => JsonSerializer.Serialize(this, PhaseResultJson.Default.PhaseResult);

    /// <summary>The result in a child's stdout: its last line that parses as a result; null when there is none.</summary>
    public static PhaseResult? Parse(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Reverse())
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize(line, PhaseResultJson.Default.PhaseResult) is { Phase: not null, Status: not null } result)
                {
                    return result;
                }
            }
            catch (JsonException)
            {
            }
        }

        return null;
    }
}

/// <summary>How big a trial is.</summary>
internal sealed record TrialCounts(int Sites, int Participants, long ContactRows, long Bytes);

/// <summary>The phase result's JSON (camelCase, nulls left out), generated at build time so that the natively compiled
/// phases runner needs no reflection to write it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PhaseResult))]
internal sealed partial class PhaseResultJson : JsonSerializerContext;
