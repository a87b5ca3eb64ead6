using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Reporting.Functions.Hosting;

namespace Reporting.Cli.Dev;

/// <summary>The custom handler run inside the dev host on a free loopback port, wired by the same extension methods
/// as its Program.cs (the port comes from the dev host instead of FUNCTIONS_CUSTOMHANDLER_PORT).</summary>
public sealed class InProcessHandler : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHandler(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<InProcessHandler> StartAsync(int port, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration[HandlerHosting.PortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.UseCustomHandlerPort();
        // The dev host prints the invocation logs the handler returns; the handler's own console log would repeat them.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReportingHandler();

        var app = builder.Build();
        app.MapReadiness();
        app.MapInvocationEndpoints();
        app.MapReportEndpoints();
        await app.StartAsync(cancellationToken);
        return new InProcessHandler(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
