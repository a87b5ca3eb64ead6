using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Reporting.Samples;

namespace Reporting.Cli;

/// <summary>
/// <c>reporting sample</c>: writes a synthetic trial export. Without a size option it writes the designed
/// seven-site sample; with any of --sites, --participants or --contacts-per-participant it writes a scaled trial.
/// </summary>
internal static class SampleCommand
{
    private const int DefaultSites = 7;
    private const int DefaultParticipants = 600;
    private const int DefaultContactsPerParticipant = 6;

    public static Command Create()
    {
        var outOption = new Option<DirectoryInfo>("--out")
        {
            Description = "Directory to write trial.json and the five CSV files into (created if missing).",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("samples", SampleGenerator.DesignedTrialId)),
        };
        var sitesOption = new Option<int?>("--sites")
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Scaled trial: number of sites, 1–{ScaledOptions.MaxSites} (default {DefaultSites})."),
        };
        var participantsOption = new Option<int?>("--participants")
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Scaled trial: participants over both arms, randomised 1:1 (default {DefaultParticipants})."),
        };
        var contactsOption = new Option<double?>("--contacts-per-participant")
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Scaled trial: mean contact rows per peer-support participant (default {DefaultContactsPerParticipant}); usual care has none."),
        };
        var seedOption = new Option<ulong>("--seed")
        {
            Description = "Seed; the same seed gives byte-identical files.",
            DefaultValueFactory = _ => SampleGenerator.DefaultSeed,
        };
        var trialIdOption = new Option<string>("--trial-id")
        {
            Description = "Scaled trial: the trialId written to trial.json.",
            DefaultValueFactory = _ => "synthetic-scaled",
        };

        var command = new Command("sample", "Write a synthetic trial export (designed 7-site sample, or a scaled trial for benchmarks).")
        {
            outOption, sitesOption, participantsOption, contactsOption, seedOption, trialIdOption,
        };

        command.SetAction(parseResult =>
        {
            var sites = parseResult.GetValue(sitesOption);
            var participants = parseResult.GetValue(participantsOption);
            var contacts = parseResult.GetValue(contactsOption);
            var seed = parseResult.GetValue(seedOption);
            var scaled = sites is null && participants is null && contacts is null
                ? null
                : new ScaledOptions(
                    sites ?? DefaultSites,
                    participants ?? DefaultParticipants,
                    contacts ?? DefaultContactsPerParticipant,
                    parseResult.GetValue(trialIdOption)!);
            if (scaled?.Problems() is { Count: > 0 } problems)
            {
                throw new CommandFailedException(string.Join(" ", problems));
            }

            var directory = OutputPaths.Folder(parseResult.GetValue(outOption)!, "--out");
            var stopwatch = Stopwatch.StartNew();
            var summary = scaled is null
                ? SampleGenerator.WriteDesigned(directory, seed)
                : SampleGenerator.WriteScaled(directory, scaled, seed);

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {summary.TrialId} to {directory}: {summary.Sites} sites, {summary.Participants} participants " +
                $"({summary.PeerSupportParticipants} peer support), {summary.Contacts} contacts, {summary.FidelityRows} fidelity scores, " +
                $"{summary.CodingRows} codings in {stopwatch.Elapsed.TotalSeconds:0.00} s (seed {seed})."));
            return 0;
        });
        return command;
    }
}
