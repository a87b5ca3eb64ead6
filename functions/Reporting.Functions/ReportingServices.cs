using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Reporting.Core.Export;
using Reporting.Functions.IngestExport;
using Reporting.Functions.Links;
using Reporting.Functions.PublishFunderReports;
using Reporting.Functions.Storage;

namespace Reporting.Functions;

/// <summary>Every registration of the app, used by the worker's Program.cs, the local host and the tests alike.</summary>
public static class ReportingServices
{
    /// <summary>
    /// Registers the Azure SDK clients for the <c>TrialData</c> connection, the store and the functions' services. The
    /// connection is either a connection string (<c>TrialData=UseDevelopmentStorage=true</c>, classic accounts) or the
    /// identity-based settings the Functions storage extensions read for the trigger: <c>TrialData__blobServiceUri</c>,
    /// <c>__queueServiceUri</c>, <c>__tableServiceUri</c> (or <c>__accountName</c>), <c>__credential=managedidentity</c>
    /// and <c>__clientId</c>. The SDK's own retry policy is kept as it is.
    /// </summary>
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connection = configuration.GetSection(AppSettings.TrialDataConnection);
        services.AddAzureClients(clients =>
        {
            if (!string.IsNullOrWhiteSpace(connection.Value))
            {
                clients.AddBlobServiceClient(connection.Value);
                clients.AddQueueServiceClient(connection.Value);
                clients.AddTableServiceClient(connection.Value);
            }
            else
            {
                clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential) =>
                    new BlobServiceClient(ServiceUri(connection, "blob"), credential, options)).WithCredential(Credential(connection));
                clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential) =>
                    new QueueServiceClient(ServiceUri(connection, "queue"), credential, options)).WithCredential(Credential(connection));
                clients.AddClient<TableServiceClient, TableClientOptions>((options, credential) =>
                    new TableServiceClient(ServiceUri(connection, "table"), credential, options)).WithCredential(Credential(connection));
            }
        });

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TrialStore>();
        services.AddSingleton(ZipLimits.Default);
        services.AddSingleton<DownloadLinkOptions>();
        services.AddSingleton<ExportIngestor>();
        services.AddSingleton<FunderPublisher>();
        return services;
    }

    /// <summary><c>{service}ServiceUri</c>, else <c>https://{accountName}.{service}.core.windows.net</c>.</summary>
    private static Uri ServiceUri(IConfigurationSection connection, string service)
    {
        if (connection[$"{service}ServiceUri"] is { Length: > 0 } uri)
        {
            return new Uri(uri, UriKind.Absolute);
        }

        if (connection["accountName"] is { Length: > 0 } account)
        {
            return new Uri($"https://{account}.{service}.core.windows.net", UriKind.Absolute);
        }

        throw new InvalidOperationException(
            $"App setting {AppSettings.TrialDataConnection} is not set: give a connection string, or {AppSettings.TrialDataConnection}__{service}ServiceUri " +
            $"(or __accountName) with __credential=managedidentity.");
    }

    /// <summary>The credential the identity-based settings name: a (user-assigned when __clientId is set) managed identity.</summary>
    private static Func<IServiceProvider, TokenCredential> Credential(IConfigurationSection connection) =>
        provider => provider.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(connection);
}
