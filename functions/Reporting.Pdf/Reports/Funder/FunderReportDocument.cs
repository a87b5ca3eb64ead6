using Reporting.Core.Analysis;
using Reporting.Pdf.FunderSections;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf;

/// <summary>
/// The funder portfolio report (docs/reports.md): for each of the funder's trials, the latest figures, the change since
/// the previous period, the sites flagged and why, and where the latest trial report is. Built as
/// <see cref="FunderReportModel"/> and composed from one component per section.
/// </summary>
public static class FunderReportDocument
{
    /// <summary>The sentence printed when the funder has no trials in the portfolio.</summary>
    public const string NoTrials = "No trial funded by this funder had an analysis run to report for this period.";

    public static ReportDocument Build(FunderPortfolio portfolio) => Build(FunderReportModel.From(portfolio));

    internal static ReportDocument Build(FunderReportModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var p = m.Portfolio;
        var period = F.Period(p.Period);
        return new ReportDocument(
            $"{p.FunderName} — funder portfolio report, {period}",
            $"Implementation of the trials funded by {p.FunderName}: latest figures for {period}",
            ["implementation", "funder portfolio", p.FunderId, p.Period],
            p.DataTimestamp,
            Compose(m))
        {
            HeaderNote = $"Period {p.Period}",
            FooterNote = $"Funder {p.FunderId}" + (m.IsSynthetic ? " · synthetic data" : ""),
        };
    }

    /// <summary>The report's sections in reading order: one component per section, each given its model.</summary>
    private static List<Block> Compose(FunderReportModel m) =>
    [
        .. FunderHeaderSection.Compose(m.Header),
        .. OverviewSection.Compose(m.Overview),
        .. m.Trials.SelectMany(PortfolioTrialSection.Compose),
    ];
}
