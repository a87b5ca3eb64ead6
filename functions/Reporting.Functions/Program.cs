using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Reporting.Functions;

// The isolated-worker Functions app. The Functions host starts this process and invokes the [Function] methods of
// IngestExport, PublishFunderReports and the HTTP functions; AddReporting holds every registration, so the local
// host and the tests build the very same container.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddReporting(builder.Configuration);
builder.Build().Run();
