using System.Text;
using Reporting.Core;
using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Pdf;

namespace Reporting.Functions.Tests.Reliability;

/// <summary>
/// What a trial's files give without any storage at all: Core's pipeline and the PDF layer called in this process, as
/// <c>reporting analyse</c> calls them. A run the app writes from the same accepted files must have this run id and these
/// bytes: the app adds storage around the pipeline, never a figure.
/// </summary>
internal static class OfflineReference
{
    public static (RunModel Run, IReadOnlyDictionary<string, byte[]> Outputs) Run(string trialId, IEnumerable<(string Name, byte[] Content)> files)
    {
        var exports = files.Select(f => new ExportFile(f.Name, () => new MemoryStream(f.Content, writable: false))).ToList();
        var result = TrialPipeline.Run(exports, expectedTrialId: trialId);
        var run = result.Run ?? throw new InvalidOperationException($"{trialId}: the reference gives no run ({result.NotRunReason}).");
        var outputs = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["run.json"] = Encoding.UTF8.GetBytes(RunModelJson.Serialize(run)),
            ["trial.pdf"] = Reports.TrialReport(run),
        };
        foreach (var site in run.Sites)
        {
            outputs[$"sites/{site.SiteId}.pdf"] = Reports.SiteReport(run, site.SiteId);
        }

        return (run, outputs);
    }

    /// <summary>Fails the test unless the trial ended with the reference run, byte for byte.</summary>
    public static void AssertMatches(TrialOutcome outcome, (RunModel Run, IReadOnlyDictionary<string, byte[]> Outputs) reference)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Assert.Equal(reference.Run.RunId, outcome.LatestRunId);
        Assert.Equal(reference.Outputs.Keys.Order(StringComparer.Ordinal), outcome.Outputs.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in reference.Outputs)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(outcome.Outputs[path]), $"{outcome.TrialId}/{outcome.LatestRunId}/{path} differs from the offline reference");
        }
    }
}
