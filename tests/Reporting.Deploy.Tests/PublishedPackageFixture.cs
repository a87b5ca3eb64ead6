using System.Diagnostics;
using System.IO.Compression;

namespace Reporting.Deploy.Tests;

/// <summary>
/// Runs scripts/publish.sh once per test run (it takes a while) into a temporary folder, and unpacks the zip
/// the way the Functions host does, unix modes included.
/// </summary>
public sealed class PublishedPackageFixture : IDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    public PublishedPackageFixture()
    {
        WorkDirectory = Directory.CreateTempSubdirectory("reporting-deploy-tests-").FullName;
        ZipPath = Path.Combine(WorkDirectory, "functionapp.zip");
        PublishOutput = RunPublish(ZipPath);

        ExtractedRoot = Path.Combine(WorkDirectory, "package");
        using var archive = ZipFile.OpenRead(ZipPath);
        Entries = [.. archive.Entries.Select(e => new PackageEntry(e.FullName, e.ExternalAttributes, e.Length))];
        foreach (var entry in archive.Entries)
        {
            var target = Path.GetFullPath(Path.Combine(ExtractedRoot, entry.FullName));
            if (entry.FullName.EndsWith('/'))
            {
                Directory.CreateDirectory(target);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
            var mode = UnixMode(entry.ExternalAttributes);
            if (mode != 0 && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, (UnixFileMode)(mode & 0xFFF));
            }
        }
    }

    public string WorkDirectory { get; }

    public string ZipPath { get; }

    public string ExtractedRoot { get; }

    public string PublishOutput { get; }

    public IReadOnlyList<PackageEntry> Entries { get; }

    /// <summary>Unix st_mode kept by zip in the high 16 bits of an entry's external attributes.</summary>
    public static int UnixMode(int externalAttributes) => (externalAttributes >> 16) & 0xFFFF;

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A handler still shutting down may hold a file; the temp folder is left for the OS to clean.
        }
    }

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

public sealed record PackageEntry(string FullName, int ExternalAttributes, long Length)
{
    public bool IsDirectory => FullName.EndsWith('/');
}

[CollectionDefinition(Name)]
public sealed class PublishedPackageCollection : ICollectionFixture<PublishedPackageFixture>
{
    public const string Name = "published package";
}
