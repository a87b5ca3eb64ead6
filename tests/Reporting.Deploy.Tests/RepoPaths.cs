namespace Reporting.Deploy.Tests;

/// <summary>Locates the repository the tests were built from (the folder holding Reporting.sln).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Infra => Path.Combine(Root, "infra");

    public static string FunctionsProject => Path.Combine(Root, "functions", "Reporting.Functions");

    public static string InFile(params string[] parts) => Path.Combine([Root, .. parts]);

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
