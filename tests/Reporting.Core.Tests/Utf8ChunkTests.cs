using System.Text;
using Reporting.Core.Export;
using Reporting.Core.Validation;

namespace Reporting.Core.Tests;

/// <summary>UTF-8 is checked chunk by chunk as the file streams in, so sequences split between chunks must be judged whole.</summary>
public class Utf8ChunkTests
{
    /// <summary>Hands out at most <paramref name="size"/> bytes a read, so multi-byte characters straddle reads.</summary>
    private sealed class TricklingStream(byte[] data, int size) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(size, buffer.Length)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(size, count));
    }

    private static FileValidation Sites(byte[] bytes, int chunk)
    {
        var bundle = ExportBundleReader.Read([
            ExportFile.FromBytes("trial.json", Encoding.UTF8.GetBytes(Exports.Trial)),
            new ExportFile("sites.csv", () => new TricklingStream(bytes, chunk)),
        ]);
        return bundle.Files.Single(f => f.FileName == "sites.csv");
    }

    [Theory]
    [InlineData(1)] // every multi-byte character split at every position
    [InlineData(2)] // two-byte reads split three- and four-byte characters
    [InlineData(3)] // three-byte reads split four-byte characters
    [InlineData(4096)] // whole file in one read
    public void ValidMultiByteText_SplitAcrossReads_IsAccepted(int chunk)
    {
        // ’ and — are three bytes, ô and ü two, 𝔸 four.
        var bytes = Encoding.UTF8.GetBytes("site_id,site_name\nS1,Be’er Sheva\nS2,Ynys Môn — Zürich 𝔸\n");

        var file = Sites(bytes, chunk);

        Assert.Empty(file.Issues);
    }

    [Theory]
    [InlineData(1)] // the broken sequence arrives byte by byte
    [InlineData(3)] // and split differently
    [InlineData(4096)] // and whole
    public void TruncatedSequence_SplitAcrossReads_IsNotUtf8(int chunk)
    {
        // A three-byte lead (0xE2) followed by only one continuation byte, then ASCII.
        var bytes = Encoding.UTF8.GetBytes("site_id,site_name\nS1,A").Concat(new byte[] { 0xE2, 0x80 }).Concat(Encoding.UTF8.GetBytes("B\n")).ToArray();

        var file = Sites(bytes, chunk);

        Assert.Equal(IssueCodes.NotUtf8, Assert.Single(file.Issues).Code);
    }

    [Fact]
    public void SequenceCutByEndOfFile_IsNotUtf8()
    {
        // The file ends inside a character: nothing can complete it.
        var bytes = Encoding.UTF8.GetBytes("site_id,site_name\nS1,A").Concat(new byte[] { 0xF0, 0x9D }).ToArray();

        var file = Sites(bytes, 1);

        Assert.Contains(file.Issues, i => i.Code == IssueCodes.NotUtf8);
    }
}
