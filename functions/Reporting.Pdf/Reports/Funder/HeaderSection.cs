using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.FunderSections;

/// <summary>The funder report's title, lead line and headline panel.</summary>
internal sealed record FunderHeaderModel(string FunderId, string FunderName, string Period, int TrialCount)
{
    public static FunderHeaderModel From(FunderPortfolio p) => new(p.FunderId, p.FunderName, p.Period, p.Trials.Count);
}

/// <summary>Formats <see cref="FunderHeaderModel"/>.</summary>
internal static class FunderHeaderSection
{
    public static IEnumerable<Block> Compose(FunderHeaderModel m)
    {
        var period = F.Period(m.Period);
        yield return new Heading(1, "Funder portfolio report");
        yield return new Paragraph([TextRun.Italic($"{m.FunderName} · {period}")]);
        yield return new KeyValuePanel(
        [
            new("Funder", $"{m.FunderName} ({m.FunderId})"),
            new("Period", $"{period} ({m.Period})"),
            new("Trials", F.Count(m.TrialCount)),
        ]) { KeyWidthFraction = 0.3 };
    }
}
