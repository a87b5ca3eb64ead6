using Xunit.Abstractions;

namespace Reporting.Functions.Tests.Reliability;

/// <summary>
/// A full reliability variant (hundreds of faults, fifty trials, waiting out the queue lease): run by
/// <c>scripts/reliability.sh</c>, which sets <see cref="Variable"/>=1 and filters on <c>Category=Full</c>; skipped otherwise,
/// so the normal suite runs only the short variants.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FullFactAttribute : FactAttribute
{
    public const string Variable = "RELIABILITY_FULL";

    public FullFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"A full reliability variant: run scripts/reliability.sh (sets {Variable}=1).";
        }
    }
}

/// <summary>The reliability tests start Azurite and local hosts of their own and load the machine: they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityCollection
{
    public const string Name = "Reliability";
}

/// <summary>Where a reliability test writes what it measured: the test output, and the file <c>RELIABILITY_SUMMARY</c> names
/// (scripts/reliability.sh prints it at the end).</summary>
internal static class ReliabilityNote
{
    private static readonly Lock Gate = new();

    public static void Write(ITestOutputHelper output, string text)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(text);
        if (Environment.GetEnvironmentVariable("RELIABILITY_SUMMARY") is { Length: > 0 } path)
        {
            lock (Gate)
            {
                File.AppendAllText(path, text + Environment.NewLine);
            }
        }
    }

    /// <summary>Executions of IngestExport that failed (the SDK's retries ran out, or a crash): the queue retried them.</summary>
    public static int FailedIngests(IEnumerable<string> lines) =>
        lines.Count(l => l.Contains("Executed 'IngestExport' (Failed", StringComparison.Ordinal));
}
