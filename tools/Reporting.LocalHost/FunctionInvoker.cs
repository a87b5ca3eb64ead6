using System.Reflection;
using Reporting.Functions;
using Reporting.LocalHost.Metadata;
using ScheduleStatus = Microsoft.Azure.Functions.Worker.ScheduleStatus;
using TimerInfo = Microsoft.Azure.Functions.Worker.TimerInfo;

namespace Reporting.LocalHost;

/// <summary>
/// Calls an app function the way the worker does: the class named by the metadata's <c>entryPoint</c>, created with
/// <see cref="ActivatorUtilities"/> from the app's own registrations (<see cref="ReportingServices.AddReporting"/>), its
/// parameters bound by type (the trigger's value, route values by name, the request, the cancellation token).
/// Worker middleware and output bindings do not run here; the app's functions use neither.
/// </summary>
public sealed class FunctionInvoker(IServiceProvider services)
{
    private static readonly Assembly App = typeof(ReportingServices).Assembly;

    public static MethodInfo Resolve(FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var split = function.EntryPoint.LastIndexOf('.');
        var type = App.GetType(function.EntryPoint[..split], throwOnError: true)!;
        return type.GetMethod(function.EntryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{function.Name}: {function.EntryPoint} is not a public instance method.");
    }

    /// <summary>Invokes the function; <paramref name="bind"/> supplies each parameter's value (or null to leave it to the defaults).</summary>
    public async Task<object?> InvokeAsync(FunctionDefinition function, IServiceProvider scope, Func<ParameterInfo, object?> bind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bind);
        var method = Resolve(function);
        var instance = ActivatorUtilities.CreateInstance(scope ?? services, method.DeclaringType!);
        var arguments = method.GetParameters().Select(p =>
            p.ParameterType == typeof(CancellationToken) ? cancellationToken : bind(p)).ToArray();
        try
        {
            var result = method.Invoke(instance, arguments);
            switch (result)
            {
                case Task task:
                    await task;
                    return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
                default:
                    return result;
            }
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    /// <summary>The worker's <see cref="TimerInfo"/> for a WebJobs timer invocation (the schedule state the worker would see).</summary>
    public static TimerInfo ToWorker(Microsoft.Azure.WebJobs.TimerInfo timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return new TimerInfo
        {
            IsPastDue = timer.IsPastDue,
            ScheduleStatus = timer.ScheduleStatus is { } status
                ? new ScheduleStatus { Last = status.Last, Next = status.Next, LastUpdated = status.LastUpdated }
                : null,
        };
    }
}
