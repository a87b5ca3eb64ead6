using System.Reflection;

namespace Reporting.Deploy.Tests;

/// <summary>Locates the repository the tests were built from (the folder holding Reporting.sln) and the build outputs they read.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Infra => Path.Combine(Root, "infra");

    /// <summary>The worker's build output in this test's configuration (functions.metadata, worker.config.json...).</summary>
    public static string FunctionsBuildOutput => Path.GetFullPath(BuildMetadata("FunctionsBuildOutput"));

    public static string InFile(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A value the project file wrote into this assembly (AssemblyMetadata), such as a path in the NuGet cache.</summary>
    public static string BuildMetadata(string key) =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no {key} metadata: see Reporting.Deploy.Tests.csproj.");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reporting.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Reporting.sln above {AppContext.BaseDirectory}.");
    }
}
