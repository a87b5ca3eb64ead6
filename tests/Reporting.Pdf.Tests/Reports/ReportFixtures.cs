using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Reporting.Core;
using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Core.Metrics;

namespace Reporting.Pdf.Tests.Reports;

/// <summary>Paths in the repository, found from the test's output folder.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Sample => Path.Combine(Root, "samples", "peer-support-synthetic");

    public static string Upsides => Path.Combine(Root, "samples", "upsides-synthetic");

    public static string Data(string name) => Path.Combine(Root, "tests", "Reporting.Pdf.Tests", "Data", name);

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

/// <summary>Runs the real pipeline over export folders, as the CLI and the app do.</summary>
internal static class Runs
{
    private static readonly Lazy<RunModel> _sample = new(() => FromFolder(Repo.Sample));

    private static readonly Lazy<RunModel> _upsides = new(() => FromFolder(Repo.Upsides));

    /// <summary>The committed seven-site synthetic sample.</summary>
    public static RunModel Sample => _sample.Value;

    /// <summary>The committed five-site UPSIDES-shaped sample (the upsides framework, no QCA, no structured answers).</summary>
    public static RunModel Upsides => _upsides.Value;

    public static RunModel FromFolder(string folder, params string[] skip)
    {
        var files = Directory.EnumerateFiles(folder)
            .Where(f => ExportFiles.Recognise(Path.GetFileName(f)) is not null && !skip.Contains(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .Select(f => new ExportFile(Path.GetFileName(f), () => File.OpenRead(f)))
            .ToList();
        var result = TrialPipeline.Run(files);
        return result.Run ?? throw new InvalidOperationException(result.NotRunReason);
    }

    /// <summary>
    /// A stand-in for the run current at the previous period: every site engaged three fewer participants and the
    /// cut-off was three months earlier. Test data for the change columns; the proportions are Core's.
    /// </summary>
    public static RunModel Previous(RunModel run)
    {
        static SiteEngagement Fewer(SiteEngagement e, int by) => e with { Engaged = e.Engaged - by, Proportion = Proportion.Of(e.Engaged - by, e.Offered) };
        var pooled = run.Pooled.Engagement!;
        return run with
        {
            RunId = "0123456789abcdef",
            Trial = run.Trial with { DataCutOff = run.Trial.DataCutOff.AddMonths(-3) },
            Sites = run.Sites.Select(s => s with { Engagement = Fewer(s.Engagement!, 3) }).ToList(),
            Pooled = run.Pooled with { Engagement = Fewer(pooled, 3 * run.Sites.Count) },
        };
    }
}

/// <summary>Golden text files: UPDATE_GOLDEN=1 rewrites them; review the diff by eye before committing.</summary>
internal static class Golden
{
    /// <summary>pdftotext's layout text with trailing spaces trimmed and page breaks made visible.</summary>
    public static string Normalise(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Replace("\f", "\n===== page break =====\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd());
        return string.Join('\n', lines).TrimEnd('\n') + "\n";
    }

    public static void Check(string name, string actual)
    {
        var path = Repo.Data(name);
        var text = Normalise(actual);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, text, new UTF8Encoding(false));
        }

        Assert.True(File.Exists(path), $"Missing golden file {path}; run the tests with UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), text);
    }
}

/// <summary>Finding sections in extracted text.</summary>
internal static class Sections
{
    /// <summary>The text from the line holding <paramref name="heading"/> alone up to the line holding <paramref name="next"/> alone.</summary>
    public static string Between(string text, string heading, string next)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == heading);
        Assert.True(start >= 0, $"heading '{heading}' not found");
        var end = Array.FindIndex(lines, start + 1, l => l.Trim() == next);
        Assert.True(end > start, $"heading '{next}' not found after '{heading}'");
        return string.Join('\n', lines[(start + 1)..end]);
    }

    /// <summary>Whether <paramref name="id"/> occurs as a whole token (not inside S10 or S1PW1).</summary>
    public static bool HasToken(string text, string id) => Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(id)}(?![\w-])");

    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
