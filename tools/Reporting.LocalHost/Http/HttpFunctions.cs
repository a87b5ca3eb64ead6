using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Reporting.LocalHost.Metadata;

namespace Reporting.LocalHost.Http;

/// <summary>
/// Serves the app's HTTP functions on loopback as the Functions host routes them: <c>/{routePrefix}/{route}</c> and the
/// methods from functions.metadata, and for <c>authLevel</c> function or admin the function key (<c>code</c> query
/// parameter or <c>x-functions-key</c> header), compared in constant time. The function's <see cref="IActionResult"/> is
/// executed by ASP.NET Core, as the worker's ASP.NET Core integration does.
/// </summary>
public static class HttpFunctions
{
    public const string KeyHeader = "x-functions-key";

    public const string KeyQuery = "code";

    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints, IReadOnlyList<FunctionDefinition> functions,
        string routePrefix, string functionKey)
    {
        ArgumentNullException.ThrowIfNull(functions);
        foreach (var function in functions.Where(f => f.Trigger.Type == FunctionsMetadata.HttpTrigger))
        {
            var route = RouteOf(routePrefix, function.Trigger.Route ?? function.Name);
            var methods = function.Trigger.Methods.Count > 0 ? function.Trigger.Methods.Select(m => m.ToUpperInvariant()).ToArray() : ["GET", "POST"];
            var needsKey = !string.Equals(function.Trigger.AuthLevel, "Anonymous", StringComparison.OrdinalIgnoreCase);
            endpoints.MapMethods(route, methods, async http =>
            {
                if (needsKey && !HasKey(http.Request, functionKey))
                {
                    http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                var invoker = http.RequestServices.GetRequiredService<FunctionInvoker>();
                var routeValues = http.GetRouteData().Values;
                var result = await invoker.InvokeAsync(function, http.RequestServices, p =>
                    p.ParameterType == typeof(HttpRequest) ? http.Request
                    : p.ParameterType == typeof(string) && routeValues.TryGetValue(p.Name!, out var value) ? value?.ToString()
                    : null, http.RequestAborted);
                if (result is IActionResult action)
                {
                    await action.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
                }
            });
        }

        return endpoints;
    }

    /// <summary><c>/api/reports/{trialId}/{siteId}</c> from the prefix and the function's route.</summary>
    public static string RouteOf(string routePrefix, string route) =>
        "/" + string.Join('/', new[] { routePrefix.Trim('/'), route.Trim('/') }.Where(s => s.Length > 0));

    private static bool HasKey(HttpRequest request, string functionKey)
    {
        var presented = request.Headers[KeyHeader].FirstOrDefault() ?? request.Query[KeyQuery].FirstOrDefault();
        return presented is not null &&
               CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(functionKey));
    }
}
