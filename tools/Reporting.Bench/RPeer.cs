using System.Globalization;

namespace Reporting.Bench;

/// <summary>One run of the R/data.table peer (bench/engagement.R).</summary>
/// <param name="ElapsedMs">Read + compute, timed inside R (no R start-up, no loading data.table).</param>
/// <param name="Threads">data.table's thread count.</param>
/// <param name="ProcessMs">The whole Rscript process as the parent saw it.</param>
/// <param name="Sites">Per-site offered and engaged as R computed them.</param>
internal sealed record RPeerRun(double ElapsedMs, int Threads, double ProcessMs, IReadOnlyList<SiteCount> Sites);

/// <summary>Runs and reads the R peer.</summary>
internal static class RPeer
{
    public const string ScriptRelativePath = "bench/engagement.R";

    /// <summary>The script: <paramref name="given"/>, or bench/engagement.R in the current folder or above, or above the CLI's own folder.</summary>
    public static FileInfo? FindScript(FileInfo? given)
    {
        if (given is not null)
        {
            return given.Exists ? given : null;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = new FileInfo(Path.Combine(dir.FullName, ScriptRelativePath));
                if (candidate.Exists)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Runs the script once over <paramref name="dir"/>: what it printed, and the whole process as measured.</summary>
    public static (RPeerRun Run, ChildOutput Process) Run(FileInfo script, DirectoryInfo dir)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(dir);
        var output = ChildProcess.Run("Rscript", [script.FullName, dir.FullName]);
        if (output.ExitCode != 0)
        {
            throw new InvalidOperationException($"Rscript exited with {output.ExitCode.ToString(CultureInfo.InvariantCulture)}: {output.Stderr.Trim()}");
        }

        var (elapsed, threads, sites) = ParseOutput(output.Stdout);
        return (new RPeerRun(elapsed, threads, output.ProcessMs, sites), output);
    }

    /// <summary>Reads the script's output: "# elapsed_ms X threads N", then CSV "site_id,offered,engaged".</summary>
    public static (double ElapsedMs, int Threads, IReadOnlyList<SiteCount> Sites) ParseOutput(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        double? elapsed = null;
        var threads = 0;
        var sites = new List<SiteCount>();
        var header = false;
        foreach (var line in lines)
        {
            if (line.StartsWith('#'))
            {
                var words = line.TrimStart('#').Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i + 1 < words.Length; i++)
                {
                    if (words[i] == "elapsed_ms")
                    {
                        elapsed = double.Parse(words[i + 1], CultureInfo.InvariantCulture);
                    }
                    else if (words[i] == "threads")
                    {
                        threads = int.Parse(words[i + 1], CultureInfo.InvariantCulture);
                    }
                }

                continue;
            }

            if (!header)
            {
                if (line != "site_id,offered,engaged")
                {
                    throw new FormatException("The R peer's output has no site_id,offered,engaged header.");
                }

                header = true;
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != 3)
            {
                throw new FormatException("The R peer's output has a row without three fields.");
            }

            sites.Add(new SiteCount(cells[0].Trim('"'), int.Parse(cells[1], CultureInfo.InvariantCulture), int.Parse(cells[2], CultureInfo.InvariantCulture)));
        }

        if (elapsed is null || !header)
        {
            throw new FormatException("The R peer printed no elapsed time or no table.");
        }

        return (elapsed.Value, threads, sites);
    }
}
