using Reporting.Core.Analysis;

namespace Reporting.Pdf.FunderSections;

/// <summary>The funder portfolio report's view-model: the header, the overview and one model per trial.</summary>
internal sealed record FunderReportModel(
    FunderPortfolio Portfolio,
    bool IsSynthetic,
    FunderHeaderModel Header,
    OverviewModel Overview,
    IReadOnlyList<PortfolioTrialModel> Trials)
{
    public static FunderReportModel From(FunderPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        return new(
            portfolio,
            portfolio.Trials.Any(t => ReportFormat.IsSynthetic(t.Title)),
            FunderHeaderModel.From(portfolio),
            OverviewModel.From(portfolio),
            portfolio.Trials.Select(PortfolioTrialModel.From).ToList());
    }
}
