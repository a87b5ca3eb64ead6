using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reporting.Deploy.Tests;

/// <summary>
/// The deployment zip from scripts/publish.sh has the layout the Functions host on Flex Consumption expects of a
/// dotnet-isolated app, names what the app's assembly holds, runs on the platform's .NET and is reproducible.
/// </summary>
[Collection(PublishedPackageCollection.Name)]
public partial class PublishPackageTests(PublishedPackageFixture package)
{
    private const string EntryAssembly = "Reporting.Functions.dll";

    [Fact]
    public void Package_Root_HoldsWhatTheHostReadsForADotnetIsolatedApp()
    {
        var root = package.Entries.Select(e => e.TopLevel).ToHashSet(StringComparer.Ordinal);

        foreach (var name in new[] { "host.json", "functions.metadata", "worker.config.json", "extensions.json", EntryAssembly, ".azurefunctions" })
        {
            Assert.Contains(name, root);
        }

        Assert.Contains(package.Entries, e => e.FullName.StartsWith(".azurefunctions/", StringComparison.Ordinal) && !e.IsDirectory);
    }

    [Fact]
    public void Package_CustomHandlerLayout_IsGone()
    {
        // No function.json folders (the host reads functions.metadata), no handler/ and no customHandler section.
        Assert.DoesNotContain(package.Entries, e => e.FullName.EndsWith("function.json", StringComparison.Ordinal));
        Assert.DoesNotContain(package.Entries, e => e.TopLevel == "handler");
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.ExtractedRoot, "host.json")));
        Assert.False(hostJson.RootElement.TryGetProperty("customHandler", out _), "host.json still configures a custom handler");
    }

    [Fact]
    public void Package_HostJson_IsTheRepositorysHostJson()
    {
        Assert.Equal(File.ReadAllBytes(RepoPaths.InFile("host.json")), File.ReadAllBytes(Path.Combine(package.ExtractedRoot, "host.json")));
    }

    [Fact]
    public void Package_WorkerConfig_StartsTheEntryAssemblyWithDotnet()
    {
        using var workerConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.ExtractedRoot, "worker.config.json")));
        var description = workerConfig.RootElement.GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("dotnet", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal(EntryAssembly, description.GetProperty("defaultWorkerPath").GetString());
        Assert.Contains(package.Entries, e => e.FullName == EntryAssembly);
        Assert.Equal("Reporting.Functions", AssemblyName.GetAssemblyName(Path.Combine(package.ExtractedRoot, EntryAssembly)).Name);
    }

    [Fact]
    public void Package_FunctionsMetadata_ListsEveryFunctionOfTheAssemblyAtItsEntryPoint()
    {
        var packaged = FunctionsMetadata.Load(Path.Combine(package.ExtractedRoot, "functions.metadata"));
        var declared = AppDeclarations.Functions();

        Assert.NotEmpty(declared);
        Assert.Equal(declared.Keys.Order(StringComparer.Ordinal), packaged.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(packaged.Functions, f =>
        {
            Assert.Equal(declared[f.Name], f.EntryPoint);
            Assert.Equal(EntryAssembly, f.ScriptFile);
            Assert.Equal("dotnet-isolated", f.Language);
        });
    }

    [Fact]
    public void Package_ExtensionsJson_PointsAtAssembliesInThePackage()
    {
        using var extensions = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.ExtractedRoot, "extensions.json")));
        var hintPaths = extensions.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("hintPath").GetString()!).ToList();

        // The queue trigger's host extension must travel with the app: the host has no storage extensions of its own.
        Assert.Contains(hintPaths, p => p.EndsWith("Microsoft.Azure.WebJobs.Extensions.Storage.Queues.dll", StringComparison.Ordinal));
        Assert.All(hintPaths, p => Assert.True(File.Exists(Path.Combine(package.ExtractedRoot, p)), $"{p} is not in the package"));
    }

    [Fact]
    public void Package_Worker_IsFrameworkDependentOnDotnet10()
    {
        using var runtimeConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.ExtractedRoot, "Reporting.Functions.runtimeconfig.json")));
        var options = runtimeConfig.RootElement.GetProperty("runtimeOptions");
        var frameworks = options.GetProperty("frameworks").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("version").GetString()!, StringComparer.Ordinal);

        // The dotnet-isolated 10.0 runtime of Flex Consumption provides both frameworks; the package carries neither.
        Assert.StartsWith("10.0.", frameworks["Microsoft.NETCore.App"], StringComparison.Ordinal);
        Assert.StartsWith("10.0.", frameworks["Microsoft.AspNetCore.App"], StringComparison.Ordinal);
        Assert.False(options.TryGetProperty("includedFrameworks", out _), "the worker is published self-contained");
        Assert.DoesNotContain(package.Entries, e => e.FullName.EndsWith("libcoreclr.so", StringComparison.Ordinal) || e.FullName.EndsWith("System.Private.CoreLib.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void Package_TwoPublishes_GiveTheSameZip()
    {
        var second = PublishedPackageFixture.ReadEntries(package.SecondZipPath);

        Assert.Equal(package.Entries.Select(e => e.FullName), second.Select(e => e.FullName));
        Assert.Equal(package.Entries, second);
        Assert.Equal(File.ReadAllBytes(package.ZipPath), File.ReadAllBytes(package.SecondZipPath));
    }

    [Fact]
    public void Package_Entries_AreSortedWithOneFixedTimestamp()
    {
        var names = package.Entries.Select(e => e.FullName).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        // The wall-clock time stored in each entry (zip entries have no time zone).
        Assert.All(package.Entries, e => Assert.Equal(new DateTime(2000, 1, 1, 0, 0, 0), e.LastWriteTime.DateTime));
    }

    [Fact]
    public void PublishScript_Output_GivesTheZipsSizeInBytes()
    {
        var match = SizeLine().Match(package.PublishOutput);

        Assert.True(match.Success, package.PublishOutput);
        Assert.Equal(new FileInfo(package.ZipPath).Length, long.Parse(match.Groups["bytes"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"Wrote \S+functionapp\.zip: (?<bytes>\d+) bytes")]
    private static partial Regex SizeLine();
}
