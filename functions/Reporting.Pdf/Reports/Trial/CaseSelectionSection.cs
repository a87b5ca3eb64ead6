using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.TrialSections;

/// <summary>Every site's case role and the reason the rule gives.</summary>
internal sealed record CaseSelectionModel(IReadOnlyList<SiteResult> Sites)
{
    public static CaseSelectionModel From(RunModel run) => new(run.Sites);
}

/// <summary>Formats <see cref="CaseSelectionModel"/>.</summary>
internal static class CaseSelectionSection
{
    public static IEnumerable<Block> Compose(CaseSelectionModel m)
    {
        yield return new Heading(2, TrialReportDocument.Sections.CaseSelection);
        yield return new Paragraph(
            "Sites high on both axes (high–high) and low on both (low–low) are the contrasting cases. Outliers are sites high on one axis and low or mid-range on the other, " +
            "and any other site outside the funnel plot’s 99.8% limits. Other sites are not compared. Each site’s reason is the rule applied to its figures.");
        yield return new Table(
            [new TableColumn(27), new TableColumn(62), new TableColumn(298), new TableColumn(84)],
            [new TableRow(["Site", "Role", "Reason", "Funnel plot"])],
            m.Sites.Select(s => new TableRow(
                [s.SiteId, F.Role(s.Role), s.RoleReason, s.FunnelPosition is { } pos ? F.FunnelShort(pos) : F.Missing])).ToList()) { RowHeaders = true };
    }
}
