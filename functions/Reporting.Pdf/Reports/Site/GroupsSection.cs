using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.SiteSections;

/// <summary>A group the site belongs to and the codes distinctive of that group (only it has them among the axis' groups).</summary>
internal sealed record SiteGroup(AxisGroup Group, IReadOnlyList<GroupCode> Distinctive);

/// <summary>One axis as the site report shows it: the site's groups on it and what is distinctive of them.</summary>
/// <param name="Axis">Core's comparison along the axis.</param>
/// <param name="Groups">The site's group on a site axis (none when the site has no value); on the role axis every stakeholder group coded or interviewed at the site.</param>
internal sealed record SiteAxisGroups(AxisComparison Axis, IReadOnlyList<SiteGroup> Groups);

/// <summary>
/// The groups of the comparison by context and stakeholder group the site belongs to, per axis, with the codes distinctive
/// of each. Code names and group sizes only: no other site is named and no other site's words are shown.
/// </summary>
internal sealed record SiteGroupsModel(IReadOnlyList<SiteAxisGroups> Axes, FrameworkLabels Labels)
{
    public static SiteGroupsModel From(RunModel run, SiteResult site)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(site);
        return new(
            run.Comparisons.Select(axis => new SiteAxisGroups(
                axis,
                axis.GroupsOf(site.SiteId).Select(g => new SiteGroup(g, axis.UnavailableReason is null ? axis.DistinctiveOf(g.Value) : [])).ToList())).ToList(),
            FrameworkLabels.From(run.Framework));
    }
}

/// <summary>Formats <see cref="SiteGroupsModel"/>; a run without comparisons prints nothing.</summary>
internal static class SiteGroupsSection
{
    public static IEnumerable<Block> Compose(SiteGroupsModel m)
    {
        if (m.Axes.Count == 0)
        {
            yield break;
        }

        yield return new Heading(2, SiteReportDocument.Sections.Groups);
        yield return new Paragraph(
            "The trial report compares the coded interviews of groups of sites (by their context) and of stakeholder groups. These are the groups this site belongs to, " +
            "and the codes distinctive of each: the group has them and no other group does. Only code names are shown; other sites’ words are not.");
        yield return new Note("Descriptive only: with so few sites, a distinctive code describes the trial’s own cases; it is not a tested difference between kinds of site or stakeholder.");
        foreach (var (axis, groups) in m.Axes)
        {
            yield return new Heading(3, axis.Label);
            if (axis.Kind == AxisKind.Site)
            {
                if (groups.Count == 0)
                {
                    yield return new Paragraph($"This site has no value for {F.InSentence(axis.Label)}, so it is in no group on this axis.");
                    continue;
                }

                var group = groups[0].Group;
                yield return new Paragraph(
                    [
                        "This site is in the group ", TextRun.Bold(group.Label),
                        $" ({F.Plural(group.Sites.Count, "site", "sites")}, this one included, and {F.Plural(group.Sources.Count, "coded source", "coded sources")}).",
                    ]);
            }
            else
            {
                yield return new Paragraph(groups.Count == 0
                    ? "No stakeholder group was coded or interviewed at this site."
                    : $"Stakeholder groups coded or interviewed at this site: {F.List(groups.Select(g => g.Group.Label).ToList())}.");
            }

            if (axis.UnavailableReason is { } reason)
            {
                yield return new Paragraph(reason);
                continue;
            }

            foreach (var (group, codes) in groups.Where(g => g.Distinctive.Count > 0))
            {
                yield return new Paragraph([$"Distinctive of ", TextRun.Bold(group.Label), $" ({F.Plural(codes.Count, "code", "codes")}):"]);
                foreach (var labelled in m.Labels.Grouped(codes, c => c.Code))
                {
                    yield return new Paragraph([TextRun.Bold(m.Labels.GroupLabel(labelled.First().Code))]);
                    yield return new BulletList(labelled.Select(c => new Paragraph(
                        c.HeldBySomeSites
                            ? $"{c.Code.Code.Trim()} (at {F.Count(c.SitesWithCode!.Value)} of the group’s {F.Count(c.Sites!.Value)} sites)"
                            : c.Code.Code.Trim())).ToList());
                }
            }

            var none = groups.Where(g => g.Distinctive.Count == 0).Select(g => g.Group.Label).ToList();
            if (none.Count > 0)
            {
                yield return new Paragraph($"No code is distinctive of {F.List(none)}.");
            }
        }
    }
}
