using System.Diagnostics;
using System.IO.Compression;

namespace Reporting.Deploy.Tests;

/// <summary>
/// Runs scripts/publish.sh twice per test run (the second to check that the package is reproducible) into a
/// temporary folder, and unpacks the first zip the way the Functions host does.
/// </summary>
public sealed class PublishedPackageFixture : IDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    public PublishedPackageFixture()
    {
        WorkDirectory = Directory.CreateTempSubdirectory("reporting-deploy-tests-").FullName;
        ZipPath = Path.Combine(WorkDirectory, "first", "functionapp.zip");
        SecondZipPath = Path.Combine(WorkDirectory, "second", "functionapp.zip");
        PublishOutput = RunPublish(ZipPath);
        RunPublish(SecondZipPath);

        ExtractedRoot = Path.Combine(WorkDirectory, "package");
        Entries = ReadEntries(ZipPath);
        ZipFile.ExtractToDirectory(ZipPath, ExtractedRoot);
    }

    public string WorkDirectory { get; }

    public string ZipPath { get; }

    public string SecondZipPath { get; }

    public string ExtractedRoot { get; }

    /// <summary>What publish.sh printed the first time.</summary>
    public string PublishOutput { get; }

    /// <summary>The first zip's entries, in the order they are stored.</summary>
    public IReadOnlyList<PackageEntry> Entries { get; }

    public static IReadOnlyList<PackageEntry> ReadEntries(string zipPath)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        return [.. archive.Entries.Select(e => new PackageEntry(e.FullName, e.Length, e.Crc32, e.LastWriteTime))];
    }

    public void Dispose() => Directory.Delete(WorkDirectory, recursive: true);

    private static string RunPublish(string zipPath)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", "publish.sh"));
        start.ArgumentList.Add(zipPath);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(PublishTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/publish.sh did not finish within {PublishTimeout}.");
        }

        var output = stdout.Result + stderr.Result;
        if (process.ExitCode != 0 || !File.Exists(zipPath))
        {
            throw new InvalidOperationException($"scripts/publish.sh failed (exit {process.ExitCode}):{Environment.NewLine}{output}");
        }

        return output;
    }
}

public sealed record PackageEntry(string FullName, long Length, uint Crc32, DateTimeOffset LastWriteTime)
{
    public bool IsDirectory => FullName.EndsWith('/');

    /// <summary>The first path segment: "host.json", ".azurefunctions" for ".azurefunctions/Azure.Core.dll".</summary>
    public string TopLevel => FullName.Split('/')[0];
}

[CollectionDefinition(Name)]
public sealed class PublishedPackageCollection : ICollectionFixture<PublishedPackageFixture>
{
    public const string Name = "published package";
}
