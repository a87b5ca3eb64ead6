using Reporting.Core.Analysis;
using Reporting.Functions.Links;
using Reporting.Functions.Storage;
using Reporting.Pdf;

namespace Reporting.Functions.PublishFunderReports;

/// <summary>
/// Builds each funder's portfolio report for one period from the trials' latest runs. Idempotent per funder and
/// period: the PDF is created only if absent and the Deliveries row (funder, period) is inserted last, so a repeated
/// or concurrent invocation finds the row and does nothing.
/// </summary>
public sealed class FunderPublisher(TrialStore store, DownloadLinkOptions links, TimeProvider clock, ILogger<FunderPublisher> logger)
{
    public async Task<int> PublishAsync(DateTimeOffset scheduledUtc, CancellationToken cancellationToken)
    {
        var period = FunderPeriod.For(scheduledUtc);
        var previousPeriod = FunderPeriod.Previous(period);

        var portfolios = new SortedDictionary<string, (string Name, List<RunModel> Runs)>(StringComparer.Ordinal);
        await foreach (var latest in store.ListLatestAsync(cancellationToken))
        {
            if (await store.ReadRunAsync(latest.TrialId, latest.RunId, cancellationToken) is not { } run)
            {
                continue;
            }

            foreach (var funder in run.Trial.Funders)
            {
                if (!portfolios.TryGetValue(funder.FunderId, out var portfolio))
                {
                    portfolios[funder.FunderId] = portfolio = (funder.Name, []);
                }

                portfolio.Runs.Add(run);
            }
        }

        var published = 0;
        foreach (var (funderId, (funderName, runs)) in portfolios)
        {
            if (!Names.IsIdentifier(funderId))
            {
                logger.LogWarning("Skipped a funder whose id is not a valid identifier.");
                continue;
            }

            if (await store.GetDeliveryAsync(funderId, period, cancellationToken) is not null)
            {
                logger.LogInformation("Funder {FunderId}: report for {Period} already delivered.", funderId, period);
                continue;
            }

            var previousRuns = (await store.GetDeliveryAsync(funderId, previousPeriod, cancellationToken))?.Runs;
            // Links expire a fixed time after the scheduled occurrence, so a retried invocation records the same links.
            var expires = scheduledUtc.AddDays(links.LifetimeDays);
            var signer = links.Signer(clock);
            var inputs = new List<PortfolioTrialInput>();
            var ordered = runs.OrderBy(r => r.Trial.TrialId, StringComparer.Ordinal).ToList();
            foreach (var run in ordered)
            {
                var trialId = run.Trial.TrialId;
                RunModel? previous = null;
                if (previousRuns is not null && previousRuns.TryGetValue(trialId, out var previousRunId))
                {
                    previous = await store.ReadRunAsync(trialId, previousRunId, cancellationToken);
                }

                var url = $"{links.BaseUrl(null)}/api/trial-reports/{trialId}/{run.RunId}?{signer.SignTrial(trialId, run.RunId, expires)}";
                inputs.Add(new PortfolioTrialInput(run, previous, url));
            }

            var pdf = Reports.FunderReport(FunderPortfolios.Build(funderId, funderName, period, inputs));
            await store.PutFunderReportAsync(funderId, period, pdf, cancellationToken);

            var downloadUrl = $"{links.BaseUrl(null)}/api/funder-reports/{funderId}/{period}?{signer.SignFunder(funderId, period, expires)}";
            var delivery = new FunderDelivery(funderId, funderName, period, TrialStore.FunderReportPath(funderId, period), downloadUrl,
                DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()), scheduledUtc,
                ordered.ToDictionary(r => r.Trial.TrialId, r => r.RunId, StringComparer.Ordinal));
            if (await store.AddDeliveryAsync(delivery, cancellationToken))
            {
                published++;
                logger.LogInformation("Funder {FunderId}: report for {Period} written to {Container}/{Path} ({Trials} trials).", funderId, period,
                    StorageNames.FunderReportsContainer, delivery.ReportPath, ordered.Count);
            }
        }

        logger.LogInformation("Funder reports for {Period}: {Published} delivered.", period, published);
        return published;
    }
}
