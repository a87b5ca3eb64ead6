using System.Globalization;
using Reporting.Functions.Analysis;
using Reporting.Functions.Hosting;
using Reporting.Functions.IngestExport;
using Reporting.Functions.Links;
using Reporting.Storage;

namespace Reporting.Functions.PublishFunderReports;

/// <summary>
/// Builds each funder's portfolio report for one period from the trials' latest runs. Idempotent per funder and
/// period: the PDF is created with <c>If-None-Match: *</c> and the Deliveries row (funder, period) is inserted last,
/// so a repeated or concurrent invocation finds the row and does nothing.
/// </summary>
public sealed class FunderPublisher(StorageClient storage, ITrialAnalysis analysis, DownloadLinkOptions links, TimeProvider clock)
{
    public async Task<int> PublishAsync(DateTimeOffset scheduledUtc, InvocationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var period = FunderPeriod.For(scheduledUtc);
        var previousPeriod = FunderPeriod.Previous(period);

        var portfolios = new Dictionary<string, (string Name, List<(string TrialId, string RunId, string RunJson)> Trials)>(StringComparer.Ordinal);
        await foreach (var blob in storage.Blobs.ListAsync(StorageNames.ReportsContainer, null, null, cancellationToken))
        {
            var parts = blob.Name.Split('/');
            if (parts.Length != 2 || parts[1] != "latest.json")
            {
                continue;
            }

            var latest = (await storage.Blobs.ReadAllAsync(StorageNames.ReportsContainer, blob.Name, cancellationToken))?.ToObjectFromJson<LatestRun>(ExportIngestor.Json);
            var runJson = latest is null ? null : await storage.Blobs.ReadAllAsync(StorageNames.ReportsContainer, latest.RunJson, cancellationToken);
            if (latest is null || runJson is null)
            {
                continue;
            }

            foreach (var funder in analysis.FundersOf(runJson.ToString()))
            {
                if (!portfolios.TryGetValue(funder.FunderId, out var portfolio))
                {
                    portfolios[funder.FunderId] = portfolio = (funder.Name, []);
                }

                portfolio.Trials.Add((latest.TrialId, latest.RunId, runJson.ToString()));
            }
        }

        var published = 0;
        foreach (var (funderId, (funderName, trials)) in portfolios.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!Names.IsIdentifier(funderId))
            {
                log.Warn("Skipped a funder whose id is not a valid identifier.");
                continue;
            }

            if (await storage.Tables.GetAsync(StorageNames.DeliveriesTable, funderId, period, cancellationToken) is not null)
            {
                log.Info($"Funder {funderId}: report for {period} already delivered.");
                continue;
            }

            var previous = await storage.Tables.GetAsync(StorageNames.DeliveriesTable, funderId, previousPeriod, cancellationToken);
            var previousRuns = ParseRuns(previous?.GetString("Runs"));
            // Links expire a fixed time after the scheduled occurrence, so a retried invocation records the same links.
            var expires = scheduledUtc.AddDays(links.LifetimeDays);
            var inputs = new List<PortfolioInput>();
            foreach (var trial in trials.OrderBy(t => t.TrialId, StringComparer.Ordinal))
            {
                string? previousJson = null;
                if (previousRuns.TryGetValue(trial.TrialId, out var previousRunId))
                {
                    previousJson = (await storage.Blobs.ReadAllAsync(StorageNames.ReportsContainer, $"{trial.TrialId}/{previousRunId}/run.json", cancellationToken))?.ToString();
                }

                inputs.Add(new PortfolioInput(trial.RunJson, previousJson, TrialReportUrl(trial.TrialId, trial.RunId, expires)));
            }

            var pdf = analysis.FunderReport(funderId, funderName, period, inputs);
            var path = $"{funderId}/{period}.pdf";
            await storage.Blobs.PutAsync(StorageNames.FunderReportsContainer, path, BinaryData.FromBytes(pdf), BlobWriteCondition.CreateOnly,
                "application/pdf", cancellationToken);

            var url = $"{links.BaseUrl(null)}/api/funder-reports/{funderId}/{period}?{links.Signer(clock).SignFunder(funderId, period, expires)}";
            var outcome = await storage.Tables.InsertAsync(StorageNames.DeliveriesTable, new TableEntity(funderId, period, new Dictionary<string, object?>
            {
                ["FunderName"] = funderName,
                ["Period"] = period,
                ["Report"] = $"{StorageNames.FunderReportsContainer}/{path}",
                ["DownloadUrl"] = url,
                ["ExpiresUtc"] = DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()),
                ["ScheduledUtc"] = scheduledUtc,
                ["Runs"] = string.Join(';', trials.OrderBy(t => t.TrialId, StringComparer.Ordinal).Select(t => $"{t.TrialId}={t.RunId}")),
                ["Trials"] = trials.Count,
            }), cancellationToken);
            if (outcome == TableInsertOutcome.Inserted)
            {
                published++;
                log.Info(string.Create(CultureInfo.InvariantCulture,
                    $"Funder {funderId}: report for {period} written to {StorageNames.FunderReportsContainer}/{path} ({trials.Count} trials)."));
            }
        }

        log.Info($"Funder reports for {period}: {published} delivered.");
        return published;
    }

    /// <summary>A signed link to the trial report of the run the portfolio summarises.</summary>
    private string TrialReportUrl(string trialId, string runId, DateTimeOffset expires) =>
        $"{links.BaseUrl(null)}/api/trial-reports/{trialId}/{runId}?{links.Signer(clock).SignTrial(trialId, runId, expires)}";

    private static Dictionary<string, string> ParseRuns(string? runs) =>
        (runs ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
}
