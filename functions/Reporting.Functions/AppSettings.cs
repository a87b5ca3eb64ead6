namespace Reporting.Functions;

/// <summary>
/// Every app setting the app reads. infra/ must set each of these (a test holds the compiled template against this list).
/// </summary>
public static class AppSettings
{
    /// <summary>Connection to the trial data account: a connection string (Azurite, classic accounts) or,
    /// in Azure, the identity-based form <c>TrialData__blobServiceUri</c>, <c>__queueServiceUri</c>,
    /// <c>__tableServiceUri</c>, <c>__credential=managedidentity</c> (and <c>__clientId</c> for a user-assigned identity).</summary>
    public const string TrialDataConnection = "TrialData";

    /// <summary>Six-field NCrontab schedule (UTC) of PublishFunderReports.</summary>
    public const string FunderReportSchedule = "FunderReportSchedule";

    /// <summary>Default schedule: 06:00 UTC on the first day of each month.</summary>
    public const string DefaultFunderReportSchedule = "0 0 6 1 * *";

    /// <summary>Base64 HMAC-SHA256 key for signed download links (a Key Vault reference in Azure).</summary>
    public const string DownloadLinkSigningKey = "DownloadLinkSigningKey";

    /// <summary>How long a minted download link stays valid, in days (default 14).</summary>
    public const string DownloadLinkLifetimeDays = "DownloadLinkLifetimeDays";

    /// <summary>Public base URL of the app used in download links; defaults to https://WEBSITE_HOSTNAME.</summary>
    public const string PublicBaseUrl = "PublicBaseUrl";
}

/// <summary>Containers, queues and tables the app uses (docs/architecture.md). infra/ creates each of them.</summary>
public static class StorageNames
{
    public const string ExportsContainer = "exports";
    public const string ArchiveContainer = "archive";
    public const string ValidationContainer = "validation";
    public const string ReportsContainer = "reports";
    public const string FunderReportsContainer = "funder-reports";

    public const string ExportEventsQueue = "export-events";
    public const string ExportEventsPoisonQueue = "export-events-poison";

    public const string RunsTable = "Runs";
    public const string SiteMetricsTable = "SiteMetrics";
    public const string ReceiptsTable = "Receipts";
    public const string DeliveriesTable = "Deliveries";

    public static IReadOnlyList<string> Containers { get; } =
        [ExportsContainer, ArchiveContainer, ValidationContainer, ReportsContainer, FunderReportsContainer];

    public static IReadOnlyList<string> Queues { get; } = [ExportEventsQueue, ExportEventsPoisonQueue];

    public static IReadOnlyList<string> Tables { get; } = [RunsTable, SiteMetricsTable, ReceiptsTable, DeliveriesTable];
}
