using System.Reflection;

namespace Reporting.Deploy.Tests;

/// <summary>Locates the repository the tests were built from (the folder holding Reporting.sln) and the build outputs they read.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Infra => Path.Combine(Root, "infra");

    /// <summary>
    /// Where the worker's build output (functions.metadata, worker.config.json, its runtimeconfig) is read: the copy the
    /// project reference puts beside the tests, which matches the Reporting.Functions.dll they load, and which a
    /// concurrent scripts/publish.sh run does not rewrite.
    /// </summary>
    public static string FunctionsBuildOutput => AppContext.BaseDirectory;

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
