using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Core.Qca;
using Reporting.Core.Validation;

namespace Reporting.Core.Tests.Fuzz;

/// <summary>What one case did: an exception that escaped, markers found in messages, broken issue invariants, time and allocation.</summary>
/// <remarks>It keeps the case's description, not its bytes: ten thousand inputs are not held at once.</remarks>
internal sealed record FuzzOutcome(
    string Case,
    string Category,
    int MarkersPlanted,
    Exception? Crash,
    IReadOnlyList<string> Leaks,
    IReadOnlyList<string> Problems,
    double Milliseconds,
    long AllocatedBytes,
    int Issues,
    bool Analysed);

/// <summary>
/// Runs a case through Core in-process, exactly as the app and the CLI call it, and checks what comes back: every
/// issue has a known rule code, a message and a sensible line; no message (nor any issue's text, nor the reason a run
/// was not made) holds a marker; a run exists only without errors; and, when asked, a second run gives the same issues
/// and the same run.json.
/// </summary>
internal static class FuzzRunner
{
    private static readonly HashSet<string> KnownCodes = [.. typeof(IssueCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)];

    public static FuzzOutcome Run(FuzzCase c, bool checkDeterminism)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        Observed? observed = null;
        Exception? crash = null;
        try
        {
            observed = Execute(c, fingerprint: checkDeterminism);
        }
        catch (Exception e)
        {
            crash = e;
        }

        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        if (observed is null)
        {
            return new FuzzOutcome(c.ToString(), c.Category, c.MarkersPlanted, crash, [], [], watch.Elapsed.TotalMilliseconds, allocated, 0, false);
        }

        var leaks = new List<string>();
        foreach (var (text, _) in observed.Texts)
        {
            foreach (var marker in Markers.Find(text))
            {
                leaks.Add($"{marker} in \"{Shorten(text)}\"");
            }
        }

        var problems = new List<string>(observed.Problems);
        if (checkDeterminism)
        {
            try
            {
                var again = Execute(c, fingerprint: true);
                if (again.Fingerprint != observed.Fingerprint)
                {
                    problems.Add("a second run over the same bytes gave different issues or a different run.json");
                }
            }
            catch (Exception e)
            {
                crash = e;
            }
        }

        return new FuzzOutcome(c.ToString(), c.Category, c.MarkersPlanted, crash, leaks, problems, watch.Elapsed.TotalMilliseconds, allocated, observed.Texts.Count, observed.Analysed);
    }

    private sealed record Observed(List<(string Text, string Where)> Texts, List<string> Problems, bool Analysed, string? Fingerprint);

    private static Observed Execute(FuzzCase c, bool fingerprint)
    {
        var texts = new List<(string, string)>();
        var problems = new List<string>();
        var print = fingerprint ? new StringBuilder() : null;
        var analysed = false;

        void Issues(IEnumerable<ValidationIssue> issues, bool headerNamesColumns)
        {
            foreach (var issue in issues)
            {
                // A QCA table's columns are named by its header, so issues name them by that text: only the message is scanned there.
                texts.Add((headerNamesColumns ? issue.Message : issue.ToString(), "issue"));
                print?.Append(issue).Append('|').Append(issue.ColumnNumber).Append('\n');
                if (!KnownCodes.Contains(issue.Code))
                {
                    problems.Add($"unknown rule code {issue.Code}");
                }

                if (string.IsNullOrWhiteSpace(issue.Message) || string.IsNullOrWhiteSpace(issue.File))
                {
                    problems.Add($"an issue without message or file: {issue.Code}");
                }

                if (issue.Line is < 1 || issue.ColumnNumber is < 1)
                {
                    problems.Add($"an issue at line {issue.Line}, column number {issue.ColumnNumber}: {issue.Code}");
                }
            }
        }

        void Pipeline(PipelineResult result)
        {
            Issues(result.AllIssues, headerNamesColumns: false);
            if (result.NotRunReason is { } reason)
            {
                texts.Add((reason, "not-run reason"));
            }

            if (result.Run is { } run)
            {
                analysed = true;
                if (result.HasErrors)
                {
                    problems.Add("a run was built from an export with errors");
                }

                print?.Append(RunModelJson.Serialize(run));
            }

            print?.Append(result.NotRunReason);
        }

        switch (c.Kind)
        {
            case FuzzInputKind.Files:
                Pipeline(TrialPipeline.Run([.. c.Files.Select(f => ExportFile.FromBytes(f.Name, f.Content))], c.Limits, c.ExpectedTrialId));
                break;
            case FuzzInputKind.Zip:
                using (var stream = new MemoryStream(c.Zip!, writable: false))
                {
                    var zip = ExportZip.Read("export.zip", stream, c.ZipLimits);
                    Issues(zip.Issues, headerNamesColumns: false);
                    if (!zip.Rejected)
                    {
                        Pipeline(TrialPipeline.Run(zip.Files, c.Limits, c.ExpectedTrialId));
                    }
                }

                break;
            case FuzzInputKind.Qca:
                var q = c.Qca!;
                var read = QcaTableReader.Read("qca.csv", new MemoryStream(q.Content, writable: false), q.Calibrations, q.Outcome, q.Conditions, c.Limits);
                Issues(read.Issues, headerNamesColumns: true);
                if (read.Table is { } table && q.Outcome is not null)
                {
                    QcaOptions? options = null;
                    try
                    {
                        options = new QcaOptions(q.Outcome, q.Conditions, 0.8);
                    }
                    catch (ArgumentException)
                    {
                        // The CLI turns this into one line about --outcome; it is an option, not the table.
                    }

                    if (options is not null)
                    {
                        if (QcaAnalysis.Problem(table, options) is { } problem)
                        {
                            texts.Add((problem, "qca problem"));
                            print?.Append(problem);
                        }
                        else
                        {
                            var result = QcaAnalysis.Run(table, options);
                            analysed = true;
                            print?.Append(QcaJson.Write(result));
                        }
                    }
                }

                break;
        }

        var hash = print is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(print.ToString())));
        return new Observed(texts, problems, analysed, hash);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
