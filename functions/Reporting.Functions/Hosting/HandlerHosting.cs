using System.Globalization;
using Reporting.Functions.Analysis;
using Reporting.Functions.CreateDownloadLink;
using Reporting.Functions.DownloadFunderReport;
using Reporting.Functions.DownloadTrialReport;
using Reporting.Functions.DownloadReport;
using Reporting.Functions.IngestExport;
using Reporting.Functions.Links;
using Reporting.Functions.PublishFunderReports;
using Reporting.Storage;

namespace Reporting.Functions.Hosting;

/// <summary>The wiring Program.cs reads top to bottom.</summary>
public static class HandlerHosting
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Local use without a Functions host (dotnet run).</summary>
    public const int FallbackPort = 7071;

    /// <summary>Listens on loopback at the port the Functions host passes in FUNCTIONS_CUSTOMHANDLER_PORT.</summary>
    public static WebApplicationBuilder UseCustomHandlerPort(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var port = int.TryParse(builder.Configuration[PortVariable], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : FallbackPort;
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        return builder;
    }

    public static IServiceCollection AddReportingHandler(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return new StorageClient(StorageConnection.FromSettings(AppSettings.TrialDataConnection, key => configuration[key]));
        });
        services.AddSingleton<IReportRenderer, PdfReportRenderer>();
        services.AddSingleton<ITrialAnalysis, CoreTrialAnalysis>();
        services.AddSingleton(ZipLimits.Default);
        services.AddSingleton<DownloadLinkOptions>();
        services.AddSingleton<ExportIngestor>();
        services.AddSingleton<FunderPublisher>();
        return services;
    }

    /// <summary>GET / answers as soon as the server is up: the host polls it for readiness.</summary>
    public static IEndpointRouteBuilder MapReadiness(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Results.Ok("ready"));
        return endpoints;
    }

    /// <summary>The envelope functions (queue, timer): the host posts to /{FunctionName}.</summary>
    public static IEndpointRouteBuilder MapInvocationEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapIngestExport().MapPublishFunderReports();

    /// <summary>The proxied HTTP functions, served under /api like the host's routes.</summary>
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapDownloadReport().MapCreateDownloadLink().MapDownloadFunderReport().MapDownloadTrialReport();
}
