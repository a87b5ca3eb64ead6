using System.CommandLine;

namespace Reporting.Cli.Dev;

/// <summary><c>reporting dev</c>: the local trigger host (development only).</summary>
internal static class DevCommand
{
    public static Command Create()
    {
        var upload = new Option<DirectoryInfo?>("--upload") { Description = "Upload this folder's exports (trial.json names the trial) once everything runs." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where to copy the reports, run.json and validation reports (default: out)." };
        var exitWhenDone = new Option<bool>("--exit-when-done") { Description = "Stop once the uploaded files are processed, after checking a download link." };
        var command = new Command("dev", "Run the Functions app locally: Azurite, the handler, and the queue, timer and blob-event triggers its function.json files declare.")
        {
            upload, output, exitWhenDone,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = new DevHost(Console.WriteLine);
            try
            {
                return await host.RunAsync(new DevOptions(parse.GetValue(upload), parse.GetValue(output), parse.GetValue(exitWhenDone)), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.WriteLine("Stopped.");
                return 0;
            }
        });
        return command;
    }
}
