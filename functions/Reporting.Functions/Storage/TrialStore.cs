using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Reporting.Core.Analysis;

namespace Reporting.Functions.Storage;

/// <summary>An upload copied to local disk, with what the ingest needs to know about it.</summary>
public sealed record DownloadedUpload(string LocalPath, string Sha256, long Bytes, DateTimeOffset ReceivedUtc);

/// <summary>
/// Every blob path, JSON document, table row and conditional write of the app (docs/architecture.md, "Storage
/// layout"). Functions orchestrate; they never build a path or catch a storage status themselves. Writes that must
/// not repeat are create-only (<c>If-None-Match: *</c>) or <c>If-Match</c> loops, because every message can be
/// delivered more than once; the SDK's own retry policy handles transient faults underneath.
/// </summary>
public sealed class TrialStore(BlobServiceClient blobs, TableServiceClient tables)
{
    /// <summary>The JSON of every stored document: the conventions of run.json. The pipeline's own documents use its
    /// build-time serialisers; the app's (receipts, accepted sets, validation reports, links) are resolved by reflection.</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(RunModelJson.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(RunModelJson.Options.TypeInfoResolver, new DefaultJsonTypeInfoResolver()),
        };
        // The app's own enums (upload status, receipt outcome) as camelCase strings too.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly();
        return options;
    }

    private const int MaxConditionalAttempts = 20;

    /// <summary>Creates the containers, queues and tables the app uses. In Azure, infra/ creates them; the local
    /// host and the tests call this against Azurite.</summary>
    public async Task EnsureCreatedAsync(QueueServiceClient queues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        foreach (var container in StorageNames.Containers)
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var queue in StorageNames.Queues)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var table in StorageNames.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }
    }

    // ---- paths -------------------------------------------------------------------------------------------------

    /// <summary><c>{trialId}/{receivedUtc:yyyyMMddTHHmmssZ}-{sha256 prefix}</c>: the archive folder of one upload. It
    /// depends only on the upload, so a redelivered message archives to the same place.</summary>
    public static string ArchiveFolder(string trialId, DateTimeOffset receivedUtc, string sha256) =>
        $"{trialId}/{receivedUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{sha256[..12]}";

    public static string AcceptedSetPath(string trialId) => $"{trialId}/accepted.json";

    public static string LatestPath(string trialId) => $"{trialId}/latest.json";

    public static string RunPrefix(string trialId, string runId) => $"{trialId}/{runId}";

    public static string RunJsonPath(string trialId, string runId) => $"{RunPrefix(trialId, runId)}/run.json";

    public static string TrialReportPath(string trialId, string runId) => $"{RunPrefix(trialId, runId)}/trial.pdf";

    public static string SiteReportPath(string trialId, string runId, string siteId) => $"{RunPrefix(trialId, runId)}/sites/{siteId}.pdf";

    public static string ValidationReportPath(string trialId, string fileName) => $"{trialId}/{fileName}.json";

    public static string FunderReportPath(string funderId, string period) => $"{funderId}/{period}.pdf";

    // ---- uploads -----------------------------------------------------------------------------------------------

    /// <summary>Whether this version (ETag) of this upload was already processed.</summary>
    public async Task<bool> HasReceiptAsync(string blobName, string etag, CancellationToken cancellationToken)
    {
        var row = await Table(StorageNames.ReceiptsTable)
            .GetEntityIfExistsAsync<TableEntity>(Names.TableKey(blobName), Names.TableKey(etag), cancellationToken: cancellationToken);
        return row.HasValue;
    }

    /// <summary>Records that this version of the upload is done. Written last, so a failure before it leaves no
    /// receipt and the redelivered message does the (idempotent) work again.</summary>
    public async Task AddReceiptAsync(string blobName, string etag, ReceiptOutcome outcome, string? archivePath, string? runId,
        CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Names.TableKey(blobName), Names.TableKey(etag))
        {
            ["Blob"] = $"{StorageNames.ExportsContainer}/{blobName}",
            ["ETag"] = etag,
            ["Outcome"] = outcome.ToString(),
        };
        SetIfNotNull(entity, "ArchivePath", archivePath);
        SetIfNotNull(entity, "RunId", runId);
        await AddOnceAsync(Table(StorageNames.ReceiptsTable), entity, cancellationToken);
    }

    /// <summary>Copies exactly the version <paramref name="etag"/> of <c>exports/{blobName}</c> to <paramref name="localPath"/>,
    /// hashing it on the way. Null when that version no longer exists (replaced or deleted).</summary>
    public async Task<DownloadedUpload?> DownloadUploadAsync(string blobName, string etag, string localPath, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(StorageNames.ExportsContainer).GetBlobClient(blobName);
        BlobDownloadStreamingResult download;
        try
        {
            download = await blob.DownloadStreamingAsync(new BlobDownloadOptions
            {
                Conditions = new BlobRequestConditions { IfMatch = new ETag(Quoted(etag)) },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }

        using (download)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long bytes = 0;
            await using (var output = File.Create(localPath))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await download.Content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    bytes += read;
                }
            }

            // The upload's own time, not the processing time: a retry archives to the same place.
            return new DownloadedUpload(localPath, Convert.ToHexStringLower(hash.GetHashAndReset()), bytes, download.Details.LastModified);
        }
    }

    /// <summary>Stores an immutable copy under <c>archive/</c>. Create-only: a retry that finds the copy keeps it (the
    /// path holds the upload time and content hash, so an existing copy is the same bytes).</summary>
    public async Task ArchiveAsync(string archivePath, string localPath, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(localPath);
        await CreateOnceAsync(StorageNames.ArchiveContainer, archivePath, stream, null, cancellationToken);
    }

    /// <summary>Copies an archived file to local disk. An accepted file's archived copy must exist: its absence is a fault.</summary>
    public async Task DownloadArchivedAsync(string archivePath, string localPath, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(StorageNames.ArchiveContainer).GetBlobClient(archivePath);
        try
        {
            await blob.DownloadToAsync(localPath, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new InvalidOperationException($"The accepted copy {StorageNames.ArchiveContainer}/{archivePath} is missing.", e);
        }
    }

    // ---- the accepted set --------------------------------------------------------------------------------------

    /// <summary>The trial's accepted set and its ETag (null ETag: there is none yet).</summary>
    public async Task<(AcceptedSet Set, ETag? ETag)> LoadAcceptedSetAsync(string trialId, CancellationToken cancellationToken)
    {
        var (set, etag) = await ReadJsonAsync<AcceptedSet>(StorageNames.ReportsContainer, AcceptedSetPath(trialId), cancellationToken);
        return set is null ? (new AcceptedSet(trialId, 0, []), null) : (set with { Files = [.. set.Files] }, etag);
    }

    /// <summary>Replaces the accepted set if it is still the version <paramref name="expected"/> (create-only when null).
    /// False when another upload changed it first: the caller starts again from the newer version.</summary>
    public Task<bool> TrySaveAcceptedSetAsync(AcceptedSet set, ETag? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        return TryPutConditionalAsync(StorageNames.ReportsContainer, AcceptedSetPath(set.TrialId), BinaryData.FromObjectAsJson(set, Json), expected,
            cancellationToken);
    }

    // ---- validation reports ------------------------------------------------------------------------------------

    /// <summary>Writes the latest validation report of one file name (overwriting the previous one).</summary>
    public async Task WriteValidationReportAsync(ValidationReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var blob = blobs.GetBlobContainerClient(StorageNames.ValidationContainer).GetBlobClient(ValidationReportPath(report.TrialId, report.File));
        await blob.UploadAsync(BinaryData.FromObjectAsJson(report, Json), new BlobUploadOptions { HttpHeaders = Json_() }, cancellationToken);
    }

    /// <summary>The latest validation report of one file name, or null.</summary>
    public async Task<ValidationReport?> GetValidationReportAsync(string trialId, string fileName, CancellationToken cancellationToken) =>
        (await ReadJsonAsync<ValidationReport>(StorageNames.ValidationContainer, ValidationReportPath(trialId, fileName), cancellationToken)).Value;

    // ---- runs --------------------------------------------------------------------------------------------------

    /// <summary>Whether the run is complete: its run.json is written last.</summary>
    public async Task<bool> RunExistsAsync(string trialId, string runId, CancellationToken cancellationToken) =>
        (await blobs.GetBlobContainerClient(StorageNames.ReportsContainer).GetBlobClient(RunJsonPath(trialId, runId))
            .ExistsAsync(cancellationToken)).Value;

    /// <summary>Stores one of a run's PDFs, create-only (a run's outputs are never overwritten). True when this call wrote it.</summary>
    public Task<bool> PutRunReportAsync(string path, byte[] pdf, CancellationToken cancellationToken) =>
        CreateOnceAsync(StorageNames.ReportsContainer, path, BinaryData.FromBytes(pdf).ToStream(), "application/pdf", cancellationToken);

    /// <summary>Indexes a run in the Runs and SiteMetrics tables (upserts: a retry writes the same rows).</summary>
    public async Task RecordRunAsync(RunModel run, string triggeredBy, DateTimeOffset receivedUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var trial = run.Trial;
        var cutOff = trial.DataCutOff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Table(StorageNames.RunsTable).UpsertEntityAsync(new TableEntity(trial.TrialId, run.RunId)
        {
            ["Title"] = trial.Title,
            ["DataCutOff"] = cutOff,
            ["PipelineVersion"] = run.PipelineVersion,
            ["SiteCount"] = run.Sites.Count,
            ["Funders"] = string.Join(',', trial.Funders.Select(f => f.FunderId)),
            ["RunJson"] = RunJsonPath(trial.TrialId, run.RunId),
            ["TriggeredBy"] = triggeredBy,
            ["ReceivedUtc"] = receivedUtc,
        }, TableUpdateMode.Replace, cancellationToken);

        var siteMetrics = Table(StorageNames.SiteMetricsTable);
        foreach (var site in run.Sites)
        {
            var row = new TableEntity(trial.TrialId, $"{site.SiteId}|{run.RunId}")
            {
                ["RunId"] = run.RunId,
                ["SiteId"] = site.SiteId,
                ["SiteName"] = site.SiteName,
                ["DataCutOff"] = cutOff,
                ["Offered"] = site.Engagement?.Offered ?? 0,
                ["Engaged"] = site.Engagement?.Engaged ?? 0,
                ["Pending"] = site.Engagement?.Pending ?? 0,
            };
            SetIfNotNull(row, "Proportion", site.Engagement?.Proportion.Value);
            SetIfNotNull(row, "CiLow", site.Engagement?.Proportion.CiLow);
            SetIfNotNull(row, "CiHigh", site.Engagement?.Proportion.CiHigh);
            SetIfNotNull(row, "FidelityScore", site.Fidelity?.Score);
            SetIfNotNull(row, "EngagementClass", site.EngagementClass?.Level.ToString());
            SetIfNotNull(row, "FidelityClass", site.FidelityClass?.Level.ToString());
            await siteMetrics.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Stores run.json, create-only and last: its presence marks a complete run.</summary>
    public Task<bool> PutRunJsonAsync(RunModel run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);

        // The same bytes the CLI writes to its run.json, serialised straight into the buffer that is uploaded.
        var json = new MemoryStream();
        RunModelJson.Serialize(json, run);
        json.Position = 0;
        return CreateOnceAsync(StorageNames.ReportsContainer, RunJsonPath(run.Trial.TrialId, run.RunId),
            json, "application/json", cancellationToken);
    }

    /// <summary>A stored run, or null.</summary>
    public async Task<RunModel?> ReadRunAsync(string trialId, string runId, CancellationToken cancellationToken)
    {
        var content = await ReadAsync(StorageNames.ReportsContainer, RunJsonPath(trialId, runId), cancellationToken);
        return content is null ? null : RunModelJson.Deserialize(content.Content.ToString());
    }

    /// <summary>The runs of a trial as the Runs table lists them.</summary>
    public async IAsyncEnumerable<RunRecord> ListRunsAsync(string trialId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Table(StorageNames.RunsTable).QueryAsync<TableEntity>(e => e.PartitionKey == trialId, cancellationToken: cancellationToken))
        {
            yield return new RunRecord(row.PartitionKey, row.RowKey,
                DateOnly.ParseExact(row.GetString("DataCutOff"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                row.GetString("PipelineVersion"), row.GetInt32("SiteCount") ?? 0, row.GetString("RunJson"), row.GetString("TriggeredBy"),
                row.GetDateTimeOffset("ReceivedUtc") ?? DateTimeOffset.UnixEpoch);
        }
    }

    /// <summary>
    /// The history a new run's reports show (trends across runs): for each data cut-off before <paramref name="current"/>'s,
    /// the run that was current for it (the last one recorded for that cut-off), as a snapshot of its figures. Runs whose
    /// run.json cannot be read (an older schema) are left out.
    /// </summary>
    public async Task<IReadOnlyList<RunSnapshot>> EarlierRunsAsync(RunModel current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var byCutOff = new Dictionary<DateOnly, RunRecord>();
        await foreach (var record in ListRunsAsync(current.Trial.TrialId, cancellationToken))
        {
            if (record.DataCutOff < current.Trial.DataCutOff &&
                (!byCutOff.TryGetValue(record.DataCutOff, out var seen) || record.ReceivedUtc > seen.ReceivedUtc ||
                 (record.ReceivedUtc == seen.ReceivedUtc && string.CompareOrdinal(record.RunId, seen.RunId) > 0)))
            {
                byCutOff[record.DataCutOff] = record;
            }
        }

        var snapshots = new List<RunSnapshot>();
        foreach (var record in byCutOff.Values.OrderBy(r => r.DataCutOff))
        {
            try
            {
                if (await ReadRunAsync(record.TrialId, record.RunId, cancellationToken) is { } run)
                {
                    snapshots.Add(RunSnapshot.Of(run));
                }
            }
            catch (JsonException)
            {
                // A run.json of an older schema: its trend point is left out rather than failing the new run.
            }
        }

        return snapshots;
    }

    /// <summary>Moves latest.json forward only: a slower ingest of an older accepted set never overwrites a newer run.
    /// True when this call moved it.</summary>
    public async Task<bool> AdvanceLatestAsync(LatestRun latest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(latest);
        for (var attempt = 1; attempt <= MaxConditionalAttempts; attempt++)
        {
            var (previous, etag) = await ReadJsonAsync<LatestRun>(StorageNames.ReportsContainer, LatestPath(latest.TrialId), cancellationToken);
            if (previous is not null && (previous.RunId == latest.RunId || previous.Sequence > latest.Sequence))
            {
                return false;
            }

            if (await TryPutConditionalAsync(StorageNames.ReportsContainer, LatestPath(latest.TrialId), BinaryData.FromObjectAsJson(latest, Json),
                    previous is null ? null : etag, cancellationToken))
            {
                return true;
            }
        }

        throw new InvalidOperationException($"Trial {latest.TrialId}: latest.json kept changing; the message will be retried.");
    }

    /// <summary>The trial's latest run, or null.</summary>
    public async Task<LatestRun?> GetLatestAsync(string trialId, CancellationToken cancellationToken) =>
        (await ReadJsonAsync<LatestRun>(StorageNames.ReportsContainer, LatestPath(trialId), cancellationToken)).Value;

    /// <summary>Every trial's latest run, in trial id order.</summary>
    public async IAsyncEnumerable<LatestRun> ListLatestAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.ReportsContainer);
        await foreach (var item in container.GetBlobsByHierarchyAsync(new GetBlobsByHierarchyOptions { Delimiter = "/" }, cancellationToken))
        {
            if (!item.IsPrefix || !Names.IsIdentifier(item.Prefix.TrimEnd('/')))
            {
                continue;
            }

            if (await GetLatestAsync(item.Prefix.TrimEnd('/'), cancellationToken) is { } latest)
            {
                yield return latest;
            }
        }
    }

    // ---- funder reports ----------------------------------------------------------------------------------------

    /// <summary>The delivery of a funder's report for a period, or null.</summary>
    public async Task<FunderDelivery?> GetDeliveryAsync(string funderId, string period, CancellationToken cancellationToken)
    {
        var row = await Table(StorageNames.DeliveriesTable).GetEntityIfExistsAsync<TableEntity>(funderId, period, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } e)
        {
            return null;
        }

        var runs = (e.GetString("Runs") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2)).Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        return new FunderDelivery(funderId, e.GetString("FunderName"), period, e.GetString("Report"), e.GetString("DownloadUrl"),
            e.GetDateTimeOffset("ExpiresUtc") ?? DateTimeOffset.UnixEpoch, e.GetDateTimeOffset("ScheduledUtc") ?? DateTimeOffset.UnixEpoch, runs);
    }

    /// <summary>Stores a funder's portfolio PDF for a period, create-only.</summary>
    public Task<bool> PutFunderReportAsync(string funderId, string period, byte[] pdf, CancellationToken cancellationToken) =>
        CreateOnceAsync(StorageNames.FunderReportsContainer, FunderReportPath(funderId, period), BinaryData.FromBytes(pdf).ToStream(), "application/pdf",
            cancellationToken);

    /// <summary>Records a delivery, once per funder and period. True when this call recorded it.</summary>
    public Task<bool> AddDeliveryAsync(FunderDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return AddOnceAsync(Table(StorageNames.DeliveriesTable), new TableEntity(delivery.FunderId, delivery.Period)
        {
            ["FunderName"] = delivery.FunderName,
            ["Period"] = delivery.Period,
            ["Report"] = $"{StorageNames.FunderReportsContainer}/{delivery.ReportPath}",
            ["DownloadUrl"] = delivery.DownloadUrl,
            ["ExpiresUtc"] = delivery.ExpiresUtc,
            ["ScheduledUtc"] = delivery.ScheduledUtc,
            ["Runs"] = string.Join(';', delivery.Runs.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}")),
            ["Trials"] = delivery.Runs.Count,
        }, cancellationToken);
    }

    // ---- downloads ---------------------------------------------------------------------------------------------

    /// <summary>Opens a stored PDF (a site's or trial's report, or a funder report) for streaming, or null when absent.</summary>
    public async Task<Stream?> OpenReportAsync(string container, string path, CancellationToken cancellationToken)
    {
        try
        {
            var download = await blobs.GetBlobContainerClient(container).GetBlobClient(path).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private TableClient Table(string name) => tables.GetTableClient(name);

    private static string Quoted(string etag) => etag.StartsWith('"') ? etag : $"\"{etag}\"";

    private static BlobHttpHeaders Json_() => new() { ContentType = "application/json" };

    private static void SetIfNotNull(TableEntity entity, string key, object? value)
    {
        if (value is not null)
        {
            entity[key] = value;
        }
    }

    /// <summary>Inserts a row that must exist once. An existing row (a retry, or a concurrent twin) is not an error.</summary>
    private static async Task<bool> AddOnceAsync(TableClient table, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Creates a blob that is written once. An existing blob (a retry after a lost response, or a concurrent twin
    /// writing the same content-addressed path) is not an error. True when this call created it.</summary>
    private async Task<bool> CreateOnceAsync(string container, string path, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(path);
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = contentType is null ? null : new BlobHttpHeaders { ContentType = contentType },
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409 || (e.Status == 412 && e.ErrorCode == "ConditionNotMet"))
        {
            return false;
        }
    }

    /// <summary>Writes a document if it is still at <paramref name="expected"/> (create-only when null).</summary>
    private async Task<bool> TryPutConditionalAsync(string container, string path, BinaryData content, ETag? expected, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(path);
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions
            {
                Conditions = expected is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = Json_(),
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private async Task<BlobDownloadResult?> ReadAsync(string container, string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await blobs.GetBlobContainerClient(container).GetBlobClient(path).DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<(T? Value, ETag? ETag)> ReadJsonAsync<T>(string container, string path, CancellationToken cancellationToken)
        where T : class
    {
        var content = await ReadAsync(container, path, cancellationToken);
        if (content is null)
        {
            return (null, null);
        }

        var value = content.Content.ToObjectFromJson<T>(Json)
            ?? throw new InvalidOperationException($"{container}/{path} is empty.");
        return (value, content.Details.ETag);
    }
}
