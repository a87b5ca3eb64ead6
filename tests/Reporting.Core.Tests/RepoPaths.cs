namespace Reporting.Core.Tests;

/// <summary>Locates files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Sample => Path.Combine(Root, "samples", "peer-support-synthetic");

    public static string Data(string name) => Path.Combine(Root, "tests", "Reporting.Core.Tests", "Data", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reporting.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Reporting.sln not found above the test folder.");
    }
}

/// <summary>Golden-file comparison: set UPDATE_GOLDEN=1 to rewrite the expected file, then review the diff by eye.</summary>
internal static class Golden
{
    public static void Check(string expectedPath, string actual)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1" || !File.Exists(expectedPath) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            File.WriteAllText(expectedPath, actual);
        }

        Assert.True(File.Exists(expectedPath), $"Missing golden file {expectedPath}; run the tests with UPDATE_GOLDEN=1 and review it.");
        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual.ReplaceLineEndings("\n"));
    }
}
