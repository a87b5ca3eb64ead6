namespace Reporting.Cli.Tests;

/// <summary>
/// What the user sees when a command cannot run: one line on stderr naming the problem, exit code 2, never a
/// stack trace. Each case runs the real command in its own process.
/// </summary>
public sealed class CliErrorTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("reporting-cli-errors-");

    private static string Sample => CliTestSupport.Sample;

    /// <summary>Placeholders in the rows: {missing} a path that does not exist, {file} an existing file,
    /// {dir} an existing folder, {dangling} an export folder whose contacts.csv is a symbolic link to nothing
    /// (unreadable even for root, unlike chmod 000), {sample} the sample export, {underfile} a path whose parent is a file.</summary>
    private string[] Expand(string args)
    {
        var file = Path.Combine(_temp.FullName, "a-file.txt");
        File.WriteAllText(file, "not a folder");
        var dir = _temp.CreateSubdirectory("a-folder").FullName;
        var dangling = _temp.CreateSubdirectory("dangling");
        foreach (var f in Directory.EnumerateFiles(Sample).Where(f => !f.EndsWith("contacts.csv", StringComparison.Ordinal)))
        {
            File.Copy(f, Path.Combine(dangling.FullName, Path.GetFileName(f)));
        }

        File.CreateSymbolicLink(Path.Combine(dangling.FullName, "contacts.csv"), Path.Combine(_temp.FullName, "nothing-here.csv"));
        return args.Split(' ')
            .Select(a => a
                .Replace("{missing}", Path.Combine(_temp.FullName, "no-such-folder"), StringComparison.Ordinal)
                .Replace("{underfile}", Path.Combine(file, "out"), StringComparison.Ordinal)
                .Replace("{file}", file, StringComparison.Ordinal)
                .Replace("{dir}", dir, StringComparison.Ordinal)
                .Replace("{dangling}", dangling.FullName, StringComparison.Ordinal)
                .Replace("{sample}", Sample, StringComparison.Ordinal))
            .ToArray();
    }

    [Theory]
    [InlineData("validate {missing}")] // a missing folder
    [InlineData("validate {file}")] // a file where a folder (or a .zip) is expected
    [InlineData("validate {dangling}")] // an export file that cannot be read
    [InlineData("validate {sample} --json {dir}")] // --json names a folder, so the report cannot be written
    [InlineData("validate {sample} --json {underfile}")] // --json under a file
    [InlineData("validate")] // no folder given at all
    [InlineData("validate {sample} --format xml")] // an output format that does not exist
    [InlineData("metrics {missing}")] // a missing folder
    [InlineData("metrics {file}")] // a file where a folder is expected
    [InlineData("metrics {dangling}")] // an export file that cannot be read
    [InlineData("metrics {sample} --json {underfile}")] // an unwritable --json
    [InlineData("analyse {missing} --out {dir}")] // a missing folder
    [InlineData("analyse {file} --out {dir}")] // a file where a folder is expected
    [InlineData("analyse {dangling} --out {dir}")] // an export file that cannot be read
    [InlineData("analyse {sample} --out {file}")] // --out is a file, not a folder
    [InlineData("analyse {sample} --out {underfile}")] // --out under a file
    [InlineData("funder {missing} --funder nihr-pgfar --period 2026-11 --out {dir}/f.pdf")] // a missing folder
    [InlineData("funder {file} --funder nihr-pgfar --period 2026-11 --out {dir}/f.pdf")] // a file where a folder is expected
    [InlineData("funder {dangling} --funder nihr-pgfar --period 2026-11 --out {dir}/f.pdf")] // an export file that cannot be read
    [InlineData("funder {sample} --funder nihr-pgfar --period 2026-11 --out {underfile}/f.pdf")] // an unwritable --out
    [InlineData("funder {sample} --funder nihr-pgfar --period 2026-11 --out {dir}")] // --out is a folder, not a file
    [InlineData("funder {sample} --funder nihr-pgfar --period 2026-13 --out {dir}/f.pdf")] // a month that does not exist
    [InlineData("sample --out {file}")] // --out is a file, not a folder
    [InlineData("sample --out {underfile}")] // --out under a file
    [InlineData("sample --out {dir} --sites 0")] // a scaled trial without sites
    public void Command_CannotRun_OneLineOnStderrAndExitCodeTwo(string args)
    {
        var argv = Expand(args);

        var (exit, stdout, stderr) = CliTestSupport.Run(argv);

        var command = argv[0];
        Assert.Equal(2, exit);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr + stdout, StringComparison.Ordinal);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"stderr should be one line:\n{stderr}");
        Assert.StartsWith($"reporting {command}: ", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFolder_NamesThePath()
    {
        var missing = Path.Combine(_temp.FullName, "no-such-folder");

        var (_, _, stderr) = CliTestSupport.Run("validate", missing);

        Assert.Contains(missing, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnreadableExportFile_NamesTheFile()
    {
        var argv = Expand("validate {dangling}");

        var (_, _, stderr) = CliTestSupport.Run(argv);

        Assert.Contains(Path.Combine(argv[1], "contacts.csv"), stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamedPipeInsteadOfAFile_ReadsItAsEmptyInsteadOfHanging()
    {
        // Opening a FIFO for reading blocks until a writer comes; the folder reader never opens an empty file.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var dir = CliTestSupport.CopySample(_temp);
        File.Delete(Path.Combine(dir.FullName, "contacts.csv"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(dir.FullName, "contacts.csv")]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var (exit, stdout, stderr) = CliTestSupport.Run("validate", dir.FullName);

        Assert.Equal(1, exit);
        Assert.Equal("", stderr);
        Assert.Contains("contacts.csv: error empty-file: ", stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
