using Microsoft.Azure.WebJobs;
using Reporting.LocalHost.Metadata;

namespace Reporting.LocalHost.Triggers;

/// <summary>
/// The app's non-HTTP functions as WebJobs functions, so that the WebJobs SDK's own queue listener (visibility, dequeue
/// count, poison queue, base64) and timer scheduler drive them, as they do inside the Functions host. The binding
/// values are not written here: <c>%IngestExport.queueName%</c> and the like resolve from functions.metadata
/// (<see cref="MetadataNameResolver"/>). Each method only forwards to the app's function class.
/// </summary>
public sealed class WebJobsFunctions(FunctionInvoker invoker, LocalFunctions functions, IServiceProvider services)
{
    [FunctionName("IngestExport")]
    public Task IngestExport(
        [QueueTrigger("%IngestExport.queueName%", Connection = "%IngestExport.connection%")] string message,
        CancellationToken cancellationToken) =>
        invoker.InvokeAsync(functions.Get("IngestExport"), services, _ => message, cancellationToken);

    [FunctionName("PublishFunderReports")]
    public Task PublishFunderReports([TimerTrigger("%PublishFunderReports.schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        invoker.InvokeAsync(functions.Get("PublishFunderReports"), services, _ => FunctionInvoker.ToWorker(timer), cancellationToken);
}

/// <summary>The app's functions as functions.metadata lists them.</summary>
public sealed class LocalFunctions(IReadOnlyList<FunctionDefinition> all)
{
    public IReadOnlyList<FunctionDefinition> All => all;

    public FunctionDefinition Get(string name) =>
        all.SingleOrDefault(f => f.Name == name) ?? throw new InvalidOperationException($"functions.metadata has no function {name}.");
}
