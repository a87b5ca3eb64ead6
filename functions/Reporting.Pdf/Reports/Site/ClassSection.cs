using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.SiteSections;

/// <summary>The site's class on each axis and its case role, with the reasons the rules give.</summary>
internal sealed record ClassModel(AxisClass? EngagementClass, AxisClass? FidelityClass, CaseRole Role, string RoleReason)
{
    public static ClassModel From(SiteResult site) => new(site.EngagementClass, site.FidelityClass, site.Role, site.RoleReason);
}

/// <summary>Formats <see cref="ClassModel"/>.</summary>
internal static class ClassSection
{
    public static IEnumerable<Block> Compose(ClassModel m)
    {
        yield return new Heading(2, SiteReportDocument.Sections.Class);
        yield return new BulletList(
        [
            new Paragraph([TextRun.Bold("Engagement: "), m.EngagementClass is { } e ? $"{F.Level(e.Level)} ({e.Reason})." : "not classified (engagement not available)."]),
            new Paragraph([TextRun.Bold("Fidelity: "), m.FidelityClass is { } f ? $"{F.Level(f.Level)} ({f.Reason})." : "not classified (fidelity not available)."]),
            new Paragraph([TextRun.Bold("Case role: "), m.RoleReason]),
        ]);
        yield return new Paragraph(m.Role switch
        {
            CaseRole.HighHigh => "As a high–high site this site is one of the contrasting cases: what it shares with the other high–high cases, and the low–low cases lack, is pattern B of the cross-case comparison.",
            CaseRole.LowLow => "As a low–low site this site is one of the contrasting cases: what it shares with the other low–low cases, and the high–high cases lack, is pattern C of the cross-case comparison.",
            CaseRole.Outlier => "As an outlier this site is compared with the contrasting cases: which of their characteristic codes it has, and which codes only it has, is pattern D of the cross-case comparison.",
            _ => "This site was not selected for the cross-case comparison; its facilitators and barriers below are from its own interviews.",
        });
    }
}
