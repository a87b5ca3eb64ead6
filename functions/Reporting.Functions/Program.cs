using Reporting.Functions.Hosting;

// The Azure Functions custom handler: the host starts this process, waits for GET / and then posts one request per
// invocation (POST /{FunctionName} with a JSON envelope) or proxies HTTP triggers (/api/...). See AZURE-NOTES.
var builder = WebApplication.CreateBuilder(args);
builder.UseCustomHandlerPort();
builder.Services.AddReportingHandler();

var app = builder.Build();
app.MapReadiness();
app.MapInvocationEndpoints();
app.MapReportEndpoints();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
