using System.Text.Json;

namespace Reporting.Deploy.Tests;

/// <summary>The deployment zip from scripts/publish.sh has the layout the Functions host reads.</summary>
[Collection(PublishedPackageCollection.Name)]
public class PublishPackageTests(PublishedPackageFixture package)
{
    private const int ExecuteBits = 0b001_001_001;
    private const int RegularFile = 0x8000; // S_IFREG

    [Fact]
    public void Package_Root_HoldsHostJsonFunctionFoldersAndHandlerOnly()
    {
        var topLevel = package.Entries.Select(e => e.FullName.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        var expected = SourceFunctions().Append("host.json").Append("handler").ToHashSet(StringComparer.Ordinal);

        Assert.Equal(expected.Order(StringComparer.Ordinal), topLevel.Order(StringComparer.Ordinal));
        Assert.Contains(package.Entries, e => e.FullName == "host.json");
    }

    [Fact]
    public void Package_FunctionFolders_EachHoldTheSourceFunctionJson()
    {
        var functions = SourceFunctions();
        Assert.NotEmpty(functions);

        foreach (var function in functions)
        {
            var packaged = Path.Combine(package.ExtractedRoot, function, "function.json");
            Assert.True(File.Exists(packaged), $"{function}/function.json is not at the package root");
            Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.FunctionsProject, function, "function.json")), File.ReadAllBytes(packaged));
        }
    }

    [Fact]
    public void Package_HostJson_PointsAtTheHandlerInThePackage()
    {
        Assert.Equal(File.ReadAllBytes(RepoPaths.InFile("host.json")), File.ReadAllBytes(Path.Combine(package.ExtractedRoot, "host.json")));

        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.ExtractedRoot, "host.json")));
        var description = hostJson.RootElement.GetProperty("customHandler").GetProperty("description");
        var executable = description.GetProperty("defaultExecutablePath").GetString()!;
        var workingDirectory = description.GetProperty("workingDirectory").GetString()!;

        Assert.Contains(package.Entries, e => e.FullName == executable);
        Assert.True(Directory.Exists(Path.Combine(package.ExtractedRoot, workingDirectory)), $"workingDirectory {workingDirectory} is not in the package");
    }

    [Fact]
    public void Package_HandlerExecutable_KeepsItsExecuteBit()
    {
        var handler = package.Entries.Single(e => e.FullName == "handler/Reporting.Functions");
        var mode = PublishedPackageFixture.UnixMode(handler.ExternalAttributes);

        Assert.True((mode & RegularFile) != 0, $"handler/Reporting.Functions has no unix mode in the zip (external attributes 0x{handler.ExternalAttributes:X8})");
        Assert.True((mode & ExecuteBits) == ExecuteBits, $"handler/Reporting.Functions mode is {Convert.ToString(mode & 0xFFF, 8)}, not executable by all");
    }

    [Fact]
    public void Package_Handler_IsSelfContainedForLinuxX64()
    {
        foreach (var file in new[] { "libcoreclr.so", "libhostfxr.so", "libclrjit.so", "System.Private.CoreLib.dll", "Microsoft.AspNetCore.dll", "Reporting.Functions.dll" })
        {
            Assert.Contains(package.Entries, e => e.FullName == "handler/" + file);
        }

        // The apphost is an x86-64 ELF executable (e_machine 0x3E), not a Windows or arm64 build.
        var header = new byte[20];
        using (var apphost = File.OpenRead(Path.Combine(package.ExtractedRoot, "handler", "Reporting.Functions")))
        {
            apphost.ReadExactly(header);
        }

        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, header[..4]);
        Assert.Equal(0x3E, header[18]);

        // A self-contained app's runtimeconfig lists the frameworks it carries instead of ones it needs installed.
        using var runtimeConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.ExtractedRoot, "handler", "Reporting.Functions.runtimeconfig.json")));
        var options = runtimeConfig.RootElement.GetProperty("runtimeOptions");
        Assert.True(options.TryGetProperty("includedFrameworks", out _), "runtimeconfig has no includedFrameworks: not self-contained");
        Assert.False(options.TryGetProperty("framework", out _) || options.TryGetProperty("frameworks", out _), "runtimeconfig asks for an installed framework");
    }

    [Fact]
    public void Package_HandlerFolder_HoldsNoStrayFunctionJson()
    {
        // The host reads function.json from the root folders only; copies under handler/ would drift unseen.
        Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("handler/", StringComparison.Ordinal) && e.FullName.EndsWith("/function.json", StringComparison.Ordinal));
    }

    internal static IReadOnlyList<string> SourceFunctions() =>
        [.. Directory.GetDirectories(RepoPaths.FunctionsProject)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(Path.GetFileName)
            .Cast<string>()
            .Order(StringComparer.Ordinal)];
}
