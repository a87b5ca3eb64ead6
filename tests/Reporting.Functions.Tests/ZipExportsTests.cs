using System.IO.Compression;
using Reporting.Functions.IngestExport;

namespace Reporting.Functions.Tests;

public sealed class ZipExportsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zip-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static bool Known(string name) => name is "sites.csv" or "participants.csv" or "trial.json";

    private ZipExtraction Extract(byte[] zip, ZipLimits? limits = null)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".zip");
        File.WriteAllBytes(path, zip);
        return ZipExports.Extract(path, "export.zip", _dir, Known, limits ?? ZipLimits.Default);
    }

    [Fact]
    public void Extract_KnownFilesInAFolder_ExtractsThemAndWarnsAboutOthers()
    {
        var zip = SampleTrial.Zip([("export/sites.csv", "a"u8.ToArray()), ("export/participants.csv", "b"u8.ToArray()), ("readme.txt", "c"u8.ToArray())]);

        var result = Extract(zip);

        Assert.False(result.Rejected);
        Assert.Equal(["sites.csv", "participants.csv"], result.Files.Select(f => f.FileName));
        Assert.Equal("b", File.ReadAllText(result.Files[1].LocalPath));
        Assert.Contains(result.Issues, i => i.Code == "zip.unknown-entry" && i.Severity == Reporting.Core.Validation.Severity.Warning);
    }

    [Theory]
    [InlineData("../sites.csv", "zip.path-traversal")] // leaves the archive
    [InlineData("a/../../sites.csv", "zip.path-traversal")] // leaves it further down
    [InlineData("/etc/sites.csv", "zip.absolute-path")] // absolute Unix path
    [InlineData("C:/sites.csv", "zip.absolute-path")] // Windows drive path
    public void Extract_DangerousEntryName_RejectsWholeZip(string entryName, string code)
    {
        var zip = SampleTrial.Zip([("sites.csv", "a"u8.ToArray()), (entryName, "b"u8.ToArray())]);

        var result = Extract(zip);

        Assert.True(result.Rejected);
        Assert.Empty(result.Files);
        Assert.Contains(result.Issues, i => i.Code == code && i.Severity == Reporting.Core.Validation.Severity.Error);
        Assert.Single(Directory.GetFiles(_dir)); // only the zip itself: nothing was extracted
    }

    [Fact]
    public void Extract_HighlyCompressibleEntry_IsRejectedAsBomb()
    {
        var zip = SampleTrial.Zip([("sites.csv", new byte[20_000_000])]);

        var result = Extract(zip);

        Assert.True(result.Rejected);
        Assert.Contains(result.Issues, i => i.Code == "zip.compression-ratio");
    }

    [Fact]
    public void Extract_TooManyEntries_IsRejected()
    {
        var zip = SampleTrial.Zip(Enumerable.Range(0, 5).Select(i => ($"f{i}.txt", new byte[] { 1 })));

        var result = Extract(zip, new ZipLimits(MaxEntries: 4));

        Assert.True(result.Rejected);
        Assert.Contains(result.Issues, i => i.Code == "zip.too-many-entries");
    }

    [Fact]
    public void Extract_TotalOverLimit_IsRejected()
    {
        var random = new Random(1);
        var a = new byte[3000];
        var b = new byte[3000];
        random.NextBytes(a);
        random.NextBytes(b);

        var result = Extract(SampleTrial.Zip([("sites.csv", a), ("participants.csv", b)]), new ZipLimits(MaxTotalBytes: 5000));

        Assert.True(result.Rejected);
        Assert.Contains(result.Issues, i => i.Code == "zip.too-large");
    }

    [Fact]
    public void Extract_NotAZip_IsRejectedAsUnreadable()
    {
        var result = Extract("this is not a zip"u8.ToArray());

        Assert.True(result.Rejected);
        Assert.Contains(result.Issues, i => i.Code == "zip.unreadable");
    }

    [Fact]
    public void Extract_DuplicateFileNames_IsRejected()
    {
        var result = Extract(SampleTrial.Zip([("a/sites.csv", "1"u8.ToArray()), ("b/sites.csv", "2"u8.ToArray())]));

        Assert.True(result.Rejected);
        Assert.Contains(result.Issues, i => i.Code == "zip.duplicate-entry");
    }

    [Fact]
    public void ZipFile_CreateEntryWithBackslashName_IsCheckedToo()
    {
        // Zips made on Windows tools sometimes store backslashes; a "..\" must be caught as well.
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry("..\\sites.csv").Open();
            s.Write("x"u8);
        }

        var result = Extract(buffer.ToArray());

        Assert.True(result.Rejected);
        Assert.Contains(result.Issues, i => i.Code == "zip.path-traversal");
    }
}
