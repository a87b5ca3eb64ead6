using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Reporting.Samples;

namespace Reporting.Cli;

/// <summary>
/// <c>reporting sample</c>: writes a synthetic trial export. Without a size option it writes a designed sample
/// (<c>--design peer-support</c>, the default, or <c>upsides</c>; the peer-support one with --cut-off as exported at
/// that earlier data cut-off); with any of --sites, --participants or
/// --contacts-per-participant it writes a scaled trial.
/// </summary>
internal static class SampleCommand
{
    private const string PeerSupportDesign = "peer-support";
    private const string UpsidesDesign = "upsides";
    private const int DefaultSites = 7;
    private const int DefaultParticipants = 600;
    private const int DefaultContactsPerParticipant = 6;

    public static Command Create()
    {
        var outOption = new Option<DirectoryInfo?>("--out")
        {
            Description = "Directory to write trial.json and the CSV files into (created if missing; default samples/<trial id>).",
        };
        var designOption = new Option<string>("--design")
        {
            Description = "Which designed sample: peer-support (seven sites, the 2024 study's shape) or upsides (five sites in high- and low-income settings).",
            DefaultValueFactory = _ => PeerSupportDesign,
        };
        designOption.AcceptOnlyFromAmong(PeerSupportDesign, UpsidesDesign);
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

        var cutOffOption = new Option<DateOnly?>("--cut-off")
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Designed sample: export it as at this earlier data cut-off, yyyy-MM-dd (default its own, {SampleGenerator.DesignedCutOff:yyyy-MM-dd}); several cut-offs make a trial's successive exports."),
        };

        var command = new Command("sample", "Write a synthetic trial export (a designed sample, or a scaled trial for benchmarks).")
        {
            outOption, designOption, sitesOption, participantsOption, contactsOption, seedOption, trialIdOption, cutOffOption,
        };

        command.SetAction(parseResult =>
        {
            var design = parseResult.GetValue(designOption)!;
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
            var cutOff = parseResult.GetValue(cutOffOption);
            if (cutOff is { } c && (scaled is not null || c > SampleGenerator.DesignedCutOff))
            {
                Console.Error.WriteLine(scaled is not null
                    ? "reporting sample: --cut-off applies to the designed sample only; leave out --sites, --participants and --contacts-per-participant."
                    : string.Create(CultureInfo.InvariantCulture, $"reporting sample: --cut-off must be on or before the sample's own cut-off, {SampleGenerator.DesignedCutOff:yyyy-MM-dd}."));
                return 2;
            }

            if (scaled?.Problems() is { Count: > 0 } problems)
            {
                throw new CommandFailedException(string.Join(" ", problems));
            }

            if (scaled is not null && parseResult.GetValue(outOption) is null)
            {
                throw new CommandFailedException("--out is required for a scaled trial (the default folder holds a designed sample).");
            }

            var directory = OutputPaths.Folder(parseResult.GetValue(outOption) ?? new DirectoryInfo(Path.Combine("samples",
                design == UpsidesDesign ? SampleGenerator.UpsidesTrialId : SampleGenerator.DesignedTrialId)), "--out");
            var stopwatch = Stopwatch.StartNew();
            var summary = scaled is not null ? SampleGenerator.WriteScaled(directory, scaled, seed)
                : design == UpsidesDesign ? SampleGenerator.WriteUpsides(directory, seed)
                : cutOff is { } at ? SampleGenerator.WriteDesignedAt(directory, at, seed)
                : SampleGenerator.WriteDesigned(directory, seed);

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {summary.TrialId} to {directory}: {summary.Sites} sites, {summary.Participants} participants " +
                $"({summary.PeerSupportParticipants} peer support), {summary.Contacts} contacts, {summary.FidelityRows} fidelity scores, " +
                $"{summary.CodingRows} codings, {summary.InterviewRows} structured answers in {stopwatch.Elapsed.TotalSeconds:0.00} s (seed {seed})."));
            return 0;
        });
        return command;
    }
}
