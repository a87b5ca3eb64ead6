using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Azure.WebJobs.Extensions.Timers;

namespace Reporting.LocalHost.Triggers;

/// <summary>
/// Keeps each timer's schedule status (last, next, last updated) in a blob, as the Functions host keeps it in
/// <c>azure-webjobs-hosts/timers/</c>: a missed occurrence is run late (<c>IsPastDue</c>) and the worker sees
/// <c>ScheduleStatus</c> across restarts (with <c>--data</c>). The timers package's own monitor needs the legacy
/// storage SDK, which this host does not load.
/// </summary>
public sealed class BlobScheduleMonitor(BlobServiceClient blobs) : ScheduleMonitor
{
    public const string Container = "azure-webjobs-hosts";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(Container);

    public override async Task<ScheduleStatus?> GetStatusAsync(string timerName)
    {
        try
        {
            var content = await _container.GetBlobClient(PathOf(timerName)).DownloadContentAsync();
            return content.Value.Content.ToObjectFromJson<ScheduleStatus>();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public override async Task UpdateStatusAsync(string timerName, ScheduleStatus status)
    {
        await _container.CreateIfNotExistsAsync();
        await _container.GetBlobClient(PathOf(timerName)).UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(status)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } });
    }

    private static string PathOf(string timerName) => $"timers/reporting-local/{timerName}/status";
}
