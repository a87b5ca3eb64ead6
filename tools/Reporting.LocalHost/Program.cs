using System.CommandLine;
using Reporting.LocalHost;
using Reporting.LocalHost.Azurite;

// reporting-local: development only. Runs the app's functions with Azurite until Ctrl-C or SIGTERM.
var port = new Option<int>("--port") { Description = $"HTTP port on 127.0.0.1 (default {LocalApp.DefaultPort}; 0 picks a free one).", DefaultValueFactory = _ => LocalApp.DefaultPort };
var data = new Option<string?>("--data") { Description = "Keep storage (runs, reports, links' keys) in this folder, so they survive a restart. Default: in memory." };
var watch = new Option<string?>("--watch") { Description = "A drop folder: files placed in DIR/<trialId>/ are uploaded to exports/<trialId>/ and their results copied back." };
var upload = new Option<string?>("--upload") { Description = "Upload this folder's exports once everything runs (trial.json names the trial)." };
var output = new Option<string?>("--out") { Description = "With --exit-when-done: where to copy the reports, run.json and validation reports (default: out)." };
var exitWhenDone = new Option<bool>("--exit-when-done") { Description = "With --upload: stop once the uploads are processed and a download link was checked." };
var visibility = new Option<double?>("--retry-after-seconds") { Description = "Delay before a failed queue message is retried (default: host.json's visibilityTimeout)." };
var storage = new Option<string?>("--storage") { Description = "Use this storage account (a connection string, e.g. an Azurite you run yourself) instead of starting Azurite." };
var repo = new Option<string?>("--repo") { Description = "The repository folder (holding Reporting.sln and node_modules); default: found from here." };
var root = new RootCommand("Runs the reporting app's functions on this machine without a Functions host (development only).")
{
    port, data, watch, upload, output, exitWhenDone, visibility, storage, repo,
};
root.SetAction(async (parse, cancellationToken) =>
{
    try
    {
        var seconds = parse.GetValue(visibility);
        return await LocalApp.RunAsync(new LocalOptions(parse.GetValue(port), parse.GetValue(data), parse.GetValue(watch), parse.GetValue(upload),
            parse.GetValue(output), parse.GetValue(exitWhenDone), seconds is { } s ? TimeSpan.FromSeconds(s) : null, parse.GetValue(repo))
        {
            StorageConnectionString = parse.GetValue(storage),
        }, Console.Out, cancellationToken);
    }
    catch (PrerequisiteException e)
    {
        await Console.Error.WriteLineAsync("reporting-local: " + e.Message);
        return 2;
    }
});

// Ctrl-C and SIGTERM go to the host's own lifetime, which stops the listeners and Azurite and returns 0.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
