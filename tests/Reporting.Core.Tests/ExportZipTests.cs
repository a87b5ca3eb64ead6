using System.Text;
using Reporting.Core.Export;
using Reporting.Core.Validation;
using static Reporting.Core.Tests.ZipBuilder;

namespace Reporting.Core.Tests;

/// <summary>The zip rules of the export contract (docs/export-contract.md): checked on the central directory
/// before anything is inflated, and on the bytes inflated, because headers can lie.</summary>
public sealed class ExportZipTests
{
    private static readonly byte[] SitesCsv = Text(Exports.Sites);

    private static ExportZip Read(byte[] zip, ZipLimits? limits = null) => ExportZip.Read("export.zip", new MemoryStream(zip, writable: false), limits);

    private static List<(string Name, byte[] Content)> SampleFiles() =>
        Directory.EnumerateFiles(RepoPaths.Sample)
            .Where(f => ExportFiles.Recognise(Path.GetFileName(f)) is not null)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            .ToList();

    private static PipelineResult RunFolderLike(IEnumerable<(string Name, byte[] Content)> files) =>
        TrialPipeline.Run(files.Select(f => ExportFile.FromBytes(f.Name, f.Content)).ToList());

    /// <summary>Every issue with everything it says, file by file, for comparing two runs.</summary>
    private static List<string> Describe(PipelineResult result) =>
        [.. result.Files.Select(f => $"{f.FileName} {f.Kind} {f.Sha256} {f.Bytes} {f.Rows}"),
         .. result.AllIssues.Select(i => $"{i} #{i.ColumnNumber}")];

    [Fact]
    public void Read_ZipOfTheSample_GivesTheSameValidationAndRunAsItsFolder()
    {
        var files = SampleFiles();
        var zip = Read(Standard(files));

        var fromZip = TrialPipeline.Run(zip.Files);
        var fromFolder = RunFolderLike(files);

        Assert.False(zip.Rejected);
        Assert.Empty(zip.Issues);
        Assert.Equal(files.Count, zip.Files.Count); // every export file of the sample, interviews.csv included
        Assert.Equal(Describe(fromFolder), Describe(fromZip));
        Assert.NotNull(fromZip.Run);
        Assert.Equal(fromFolder.Run!.RunId, fromZip.Run!.RunId);
    }

    [Fact]
    public void Read_ZipWithAPlantedFault_ReportsTheFileLineAndColumnAsTheFolderDoes()
    {
        var files = SampleFiles();
        var i = files.FindIndex(f => f.Name == "participants.csv");
        var lines = Encoding.UTF8.GetString(files[i].Content).Split('\n');
        var cells = lines[9].Split(',');
        cells[1] = "S99"; // an unknown site on line 10
        lines[9] = string.Join(',', cells);
        files[i] = (files[i].Name, Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        var fromZip = TrialPipeline.Run(Read(Standard(files)).Files);

        var issue = Assert.Single(fromZip.AllIssues, x => x.Code == IssueCodes.UnknownSite);
        Assert.Equal(("participants.csv", 10, "site_id", 2), (issue.File, issue.Line, issue.Column, issue.ColumnNumber));
        Assert.Equal(Describe(RunFolderLike(files)), Describe(fromZip));
    }

    [Fact]
    public void Read_ZipWrittenWithDataDescriptors_ReadsLikeTheOthers()
    {
        // Streaming zip tools (and macOS Finder) write sizes after the data, in data descriptors.
        var files = SampleFiles();

        var zip = Read(Standard(files, streamed: true));

        Assert.False(zip.Rejected, string.Join("\n", zip.Issues));
        Assert.Equal(Describe(RunFolderLike(files)), Describe(TrialPipeline.Run(zip.Files)));
    }

    [Fact]
    public void Read_Zip64Records_AreReadLikeTheOthers()
    {
        // Some writers always use zip64 fields; sizes and offsets then sit in extra fields and a zip64 end record.
        var zip = Read(Raw([new RawEntry("sites.csv", SitesCsv), new RawEntry("trial.json", Text(Exports.Trial))], zip64: true));

        Assert.False(zip.Rejected, string.Join("\n", zip.Issues));
        var sites = zip.Files.Single(f => f.FileName == "sites.csv");
        using var stream = sites.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(SitesCsv, copy.ToArray());
    }

    [Fact]
    public void Read_FinderStyleZip_SkipsTheMetadataWithOneWarning()
    {
        // What macOS Finder's "Compress" adds beside the selected files, plus a Windows Thumbs.db.
        var zip = Read(Standard([
            ("sites.csv", SitesCsv),
            ("__MACOSX/", []),
            ("__MACOSX/._sites.csv", [0, 5, 22, 7]),
            (".DS_Store", [0, 0, 0, 1]),
            ("Thumbs.db", [1]),
        ], streamed: true));

        Assert.False(zip.Rejected);
        Assert.Equal(["sites.csv"], zip.Files.Select(f => f.FileName));
        var warning = Assert.Single(zip.Issues);
        Assert.Equal(("export.zip", IssueCodes.ZipMetadataEntry, Severity.Warning), (warning.File, warning.Code, warning.Severity));
        Assert.StartsWith("4 entries", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../sites.csv", IssueCodes.ZipPathTraversal)] // leaves the archive
    [InlineData("a/../../sites.csv", IssueCodes.ZipPathTraversal)] // leaves it from further down
    [InlineData("..\\sites.csv", IssueCodes.ZipPathTraversal)] // a backslash is a separator to Windows tools
    [InlineData("__MACOSX/../../sites.csv", IssueCodes.ZipPathTraversal)] // a metadata folder does not excuse a traversal
    [InlineData("/etc/sites.csv", IssueCodes.ZipAbsolutePath)] // absolute Unix path
    [InlineData("\\sites.csv", IssueCodes.ZipAbsolutePath)] // absolute with a backslash
    [InlineData("C:/sites.csv", IssueCodes.ZipAbsolutePath)] // Windows drive path
    [InlineData("c:sites.csv", IssueCodes.ZipAbsolutePath)] // drive-relative Windows path
    [InlineData("export/sites.csv", IssueCodes.ZipNestedEntry)] // a zipped folder instead of the files
    [InlineData("export\\sites.csv", IssueCodes.ZipNestedEntry)] // the same, written by a Windows tool
    [InlineData("readme.txt", IssueCodes.ZipUnknownEntry)] // not a file of the contract
    [InlineData("contacts.csv.bak", IssueCodes.ZipUnknownEntry)] // close to a contract name is not one
    public void Read_EntryNameOutsideTheRules_RejectsTheWholeZipNamingTheEntry(string entryName, string code)
    {
        var zip = Read(Standard([("trial.json", Text(Exports.Trial)), (entryName, SitesCsv)]));

        Assert.True(zip.Rejected);
        Assert.Empty(zip.Files);
        var issue = Assert.Single(zip.Issues);
        Assert.Equal(("export.zip!" + entryName, code, Severity.Error), (issue.File, issue.Code, issue.Severity));
        Assert.Null(issue.Line);
    }

    [Theory]
    [InlineData("sites.csv", "sites.csv")] // the same name twice
    [InlineData("sites.csv", "SITES.CSV")] // names differing only in case collide on Windows and macOS
    public void Read_DuplicateNames_AreRejected(string first, string second)
    {
        var zip = Read(Standard([(first, SitesCsv), (second, SitesCsv)]));

        Assert.True(zip.Rejected);
        var issue = Assert.Single(zip.Issues);
        Assert.Equal(("export.zip!" + second, IssueCodes.ZipDuplicateEntry), (issue.File, issue.Code));
    }

    [Fact]
    public void Read_UnprintableEntryName_IsNamedByItsPosition()
    {
        // Entry names go into reports and logs: a control character must not.
        var zip = Read(Standard([("sites.csv", SitesCsv), ("si\u0007tes.csv", SitesCsv)]));

        var issue = Assert.Single(zip.Issues);
        Assert.Equal(("export.zip!#2", IssueCodes.ZipUnknownEntry), (issue.File, issue.Code));
    }

    [Fact]
    public void Read_MoreThan64Entries_IsRejectedBeforeTheDirectoryIsRead()
    {
        var zip = Read(Standard(Enumerable.Range(0, 65).Select(i => ($"f{i}.txt", new byte[] { 1 }))));

        Assert.True(zip.Rejected);
        var issue = Assert.Single(zip.Issues);
        Assert.Equal(("export.zip", IssueCodes.ZipTooManyEntries), (issue.File, issue.Code));
    }

    [Fact]
    public void Read_64Entries_IsWithinTheLimit()
    {
        // The limit is inclusive: 63 metadata entries and sites.csv make 64.
        var zip = Read(Standard(Enumerable.Range(0, 63).Select(i => ($"__MACOSX/._f{i}", new byte[] { 1 })).Append(("sites.csv", SitesCsv))));

        Assert.False(zip.Rejected, string.Join("\n", zip.Issues));
    }

    [Fact]
    public void Read_HighlyCompressibleEntry_IsRejectedAsABombWithoutReadingItsData()
    {
        // 20 MB of zeros deflate to about 20 KB, a ratio near 1000. A 100 KB metadata entry after it keeps the
        // bomb's data out of the end of the file, where the reader looks for the central directory.
        var pad = new byte[100_000];
        new Random(3).NextBytes(pad);
        var bytes = Standard([("contacts.csv", new byte[20_000_000]), ("__MACOSX/._pad", pad)]);
        using var watched = new WatchedStream(bytes);

        var zip = ExportZip.Read("export.zip", watched);

        Assert.True(zip.Rejected);
        var issue = Assert.Single(zip.Issues, i => i.Severity == Severity.Error);
        Assert.Equal(("export.zip!contacts.csv", IssueCodes.ZipCompressionRatio), (issue.File, issue.Code));
        Assert.True(watched.LowestRead > 20_000, $"read from offset {watched.LowestRead}: the bomb's data start at offset 42");
    }

    [Fact]
    public void Read_HeaderThatUnderstatesTheSize_StopsInflatingAtTheDeclaredSize()
    {
        // A bomb whose headers claim 100 bytes (a harmless ratio) but whose data inflate to a million.
        var content = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("C1,P1,2019-01-05,completed\n", 40_000)));
        var zip = Read(Raw([new RawEntry("contacts.csv", content) { DeclaredSize = 100 }]));
        Assert.False(zip.Rejected, string.Join("\n", zip.Issues));

        using var copy = new MemoryStream();
        var fault = zip.CopyEntry("contacts.csv", copy);

        Assert.Equal(("export.zip!contacts.csv", IssueCodes.ZipSizeMismatch, Severity.Error), (fault?.File, fault?.Code, fault?.Severity));
        Assert.Equal(100, copy.Length);
    }

    [Fact]
    public void Bundle_EntryWhoseHeaderLies_HasTheZipFaultAsItsOnlyIssueAndIsNotUsed()
    {
        var contacts = Text("""
            contact_id,participant_id,contact_on,status
            C1,P1,2019-01-05,completed
            C2,P1,2019-01-06,completed
            """);
        var zip = Read(Raw([
            new RawEntry("trial.json", Text(Exports.Trial)),
            new RawEntry("sites.csv", SitesCsv),
            new RawEntry("participants.csv", Text(Exports.Participants)),
            new RawEntry("contacts.csv", contacts) { DeclaredSize = 60 }, // cuts the file inside its second row
        ]));

        var bundle = ExportBundleReader.Read(zip.Files);

        var issue = Assert.Single(bundle.File("contacts.csv").Issues);
        Assert.Equal(("export.zip!contacts.csv", IssueCodes.ZipSizeMismatch), (issue.File, issue.Code));
        Assert.Null(bundle.Contacts);
        Assert.True(bundle.HasErrors);
    }

    [Fact]
    public void Read_HeaderThatOverstatesTheSize_IsADamagedEntry()
    {
        var zip = Read(Raw([new RawEntry("sites.csv", SitesCsv) { DeclaredSize = SitesCsv.Length + 10 }]));

        var fault = zip.CopyEntry("sites.csv", new MemoryStream());

        Assert.Equal(IssueCodes.ZipSizeMismatch, fault?.Code);
    }

    [Fact]
    public void Read_WrongChecksum_IsACorruptEntry()
    {
        var zip = Read(Raw([new RawEntry("sites.csv", SitesCsv) { Crc = 0x12345678 }]));

        var fault = zip.CopyEntry("sites.csv", new MemoryStream());

        Assert.Equal(IssueCodes.ZipCorruptEntry, fault?.Code);
    }

    [Fact]
    public void Read_DataThatDoNotInflate_IsACorruptEntry()
    {
        // 0xFF starts a deflate block of the reserved type 3, which no inflater accepts.
        var zip = Read(Raw([new RawEntry("sites.csv", SitesCsv) { Data = Enumerable.Repeat((byte)0xFF, 40).ToArray() }]));

        var fault = zip.CopyEntry("sites.csv", new MemoryStream());

        Assert.Equal(IssueCodes.ZipCorruptEntry, fault?.Code);
    }

    [Fact]
    public void Read_StoredEntry_ReadsAsDeclared()
    {
        var zip = Read(Raw([new RawEntry("sites.csv", SitesCsv) { Deflate = false }]));
        using var copy = new MemoryStream();

        var fault = zip.CopyEntry("SITES.CSV", copy);

        Assert.Null(fault);
        Assert.Equal(SitesCsv, copy.ToArray());
    }

    [Fact]
    public void Read_LocalHeaderNamesAnotherFile_IsRejected()
    {
        // The directory says sites.csv, the local header (which some extractors use) says something else.
        var zip = Read(Raw([new RawEntry("sites.csv", SitesCsv) { LocalName = "../../x.sh" }]));

        Assert.True(zip.Rejected);
        Assert.Equal(IssueCodes.ZipCorruptEntry, Assert.Single(zip.Issues).Code);
    }

    [Fact]
    public void Read_EntriesWhoseDataOverlap_AreRejected()
    {
        // sites.csv is stored, and its data are participants.csv's whole local entry: a second directory record
        // can point inside the first entry's data (the overlapping-entries bomb in miniature).
        var participants = new RawEntry("participants.csv", Text(Exports.Participants)) { Deflate = false };
        var inner = Local(participants);
        var zip = Read(Raw([
            new RawEntry("sites.csv", inner) { Deflate = false },
            participants with { DirectoryOffset = 30 + "sites.csv".Length },
        ]));

        Assert.True(zip.Rejected);
        var issue = Assert.Single(zip.Issues);
        Assert.Equal(("export.zip!participants.csv", IssueCodes.ZipCorruptEntry), (issue.File, issue.Code));
    }

    [Fact]
    public void Read_RecordPointingAtAnotherEntrysHeader_IsRejected()
    {
        // participants.csv's record points at sites.csv's local header, whose name differs.
        var zip = Read(Raw([
            new RawEntry("sites.csv", SitesCsv),
            new RawEntry("participants.csv", SitesCsv) { DirectoryOffset = 0 },
        ]));

        Assert.True(zip.Rejected);
        var issue = Assert.Single(zip.Issues);
        Assert.Equal(("export.zip!participants.csv", IssueCodes.ZipCorruptEntry), (issue.File, issue.Code));
    }

    [Fact]
    public void Read_EncryptedEntry_IsRejected()
    {
        var zip = Read(Raw([new RawEntry("sites.csv", SitesCsv) { Flags = 1 }]));

        Assert.Equal(IssueCodes.ZipEncrypted, Assert.Single(zip.Issues).Code);
    }

    [Fact]
    public void Read_OtherCompressionMethod_IsRejected()
    {
        // Method 12 is bzip2, which the reader does not inflate.
        var zip = Read(Raw([new RawEntry("sites.csv", SitesCsv) { Method = 12 }]));

        Assert.Equal(IssueCodes.ZipUnsupportedMethod, Assert.Single(zip.Issues).Code);
    }

    [Fact]
    public void Read_StoredEntryWithTwoSizes_IsRejected()
    {
        var zip = Read(Raw([new RawEntry("sites.csv", SitesCsv) { Deflate = false, DeclaredSize = SitesCsv.Length * 2 }]));

        Assert.Equal(IssueCodes.ZipSizeMismatch, Assert.Single(zip.Issues).Code);
    }

    [Fact]
    public void Read_TotalOverTheLimit_IsRejected()
    {
        var random = new Random(1);
        var a = new byte[3000];
        var b = new byte[3000];
        random.NextBytes(a);
        random.NextBytes(b);

        var zip = Read(Standard([("sites.csv", a), ("participants.csv", b)]), new ZipLimits(maxUnpackedBytes: 5000));

        var issue = Assert.Single(zip.Issues);
        Assert.Equal(("export.zip", IssueCodes.ZipTooLarge), (issue.File, issue.Code));
    }

    [Fact]
    public void Read_EntryOverTheLimit_IsRejected()
    {
        var a = new byte[3000];
        new Random(2).NextBytes(a);

        var zip = Read(Standard([("sites.csv", a)]), new ZipLimits(maxEntryBytes: 2000));

        Assert.Equal(IssueCodes.ZipEntryTooLarge, Assert.Single(zip.Issues).Code);
    }

    [Theory]
    [InlineData(0)] // an empty upload
    [InlineData(17)] // a text file
    [InlineData(-1)] // a real zip with its last bytes cut off, as an interrupted upload leaves it
    public void Read_NotAReadableZip_IsRejectedAsUnreadable(int kind)
    {
        var bytes = kind switch
        {
            0 => [],
            17 => "this is not a zip"u8.ToArray(),
            _ => Standard([("sites.csv", SitesCsv)])[..^5],
        };

        var zip = Read(bytes);

        Assert.True(zip.Rejected);
        var issue = Assert.Single(zip.Issues);
        Assert.Equal(("export.zip", IssueCodes.ZipUnreadable), (issue.File, issue.Code));
    }

    [Fact]
    public void Read_EndRecordClaimingAHugeDirectory_IsUnreadableWithoutReadingIt()
    {
        // One entry whose end record says the central directory is the whole 5 MB file: a record is at most
        // 46 bytes and three 64 KiB fields, so the claim is refused before anything that size is allocated.
        var content = new byte[5_000_000];
        new Random(4).NextBytes(content);
        var bytes = Raw([new RawEntry("sites.csv", content) { Deflate = false }]);
        var end = bytes.Length - 22;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(end + 12), (uint)end);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(end + 16), 0);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var zip = Read(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(IssueCodes.ZipUnreadable, Assert.Single(zip.Issues).Code);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Read_RejectedZip_HasNoFilesToCopy()
    {
        var zip = Read(Standard([("notes.txt", SitesCsv)]));

        Assert.Throws<InvalidOperationException>(() => zip.CopyEntry("notes.txt", new MemoryStream()));
    }

    [Fact]
    public void IssueCodes_EveryCode_IsInTheReadmeRuleTableAndTheContract()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var contract = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "export-contract.md"));

        Assert.All(IssueCodes.All, c => Assert.Contains($"| `{c.Code}` |", readme, StringComparison.Ordinal));
        Assert.All(IssueCodes.All.Where(c => c.Code.StartsWith("zip.", StringComparison.Ordinal)),
            c => Assert.Contains($"`{c.Code}`", contract, StringComparison.Ordinal));
    }

    /// <summary>A read-only stream over bytes that remembers the lowest offset anything was read from.</summary>
    private sealed class WatchedStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public long LowestRead { get; private set; } = long.MaxValue;

        public override int Read(byte[] buffer, int offset, int count)
        {
            LowestRead = Math.Min(LowestRead, Position);
            return base.Read(buffer, offset, count);
        }
    }
}
