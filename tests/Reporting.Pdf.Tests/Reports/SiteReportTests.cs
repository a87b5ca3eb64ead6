using System.Text.RegularExpressions;
using Reporting.Core.Analysis;
using S = Reporting.Pdf.SiteReportDocument.Sections;

namespace Reporting.Pdf.Tests.Reports;

public sealed class SiteReportTests(RenderedSampleReports sample) : IClassFixture<RenderedSampleReports>
{
    private RunModel Run => sample.Run;

    private SiteResult Site => Run.Sites.Single(s => s.SiteId == RenderedSampleReports.SiteId);

    [Fact]
    public void SiteReport_PdfInfo_NamesTheSite()
    {
        var info = sample.Site.Info();

        Assert.Equal("S2 Eastwell (synthetic) — site implementation report", info["Title"]);
        Assert.Contains("site S2", info["Subject"], StringComparison.Ordinal);
        Assert.Equal("2019-06-30T00:00:00Z", info["CreationDate"]);
        Assert.InRange(sample.Site.PageCount, 2, 10);
    }

    [Fact]
    public void SiteReport_OtherSites_AreNeverNamed()
    {
        foreach (var other in Run.Sites.Where(s => s.SiteId != Site.SiteId))
        {
            Assert.False(Sections.HasToken(sample.SiteText, other.SiteId), $"{other.SiteId} is named in {Site.SiteId}'s report");
            Assert.DoesNotContain(other.SiteName, sample.SiteText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SiteReport_OtherSitesExcerptsAndSources_AreNeverShown()
    {
        var text = Regex.Replace(sample.SiteText, @"\s+", " ");
        var others = Run.CrossCase.Matrix!.Rows.SelectMany(r => r.Cells).Where(c => c.SiteId != Site.SiteId).ToList();
        var own = Run.CrossCase.Matrix.Rows.SelectMany(r => r.Cells).Where(c => c.SiteId == Site.SiteId).SelectMany(c => c.Excerpts).Select(e => e.Text).ToHashSet();

        foreach (var excerpt in others.SelectMany(c => c.Excerpts).Where(e => !own.Contains(e.Text)))
        {
            Assert.DoesNotContain(excerpt.Text, text, StringComparison.Ordinal);
        }

        foreach (var source in others.SelectMany(c => c.Sources).Distinct())
        {
            Assert.False(Sections.HasToken(text, source), $"another site's source {source} is shown");
        }
    }

    [Fact]
    public void AgainstTrial_SiteAndPooledEngagement_SideBySide()
    {
        var text = Sections.Between(sample.SiteText, S.AgainstTrial, S.Scatter);

        Assert.Matches(@"Engagement \(95% CI\)\s+51\.2% \(36\.5–65\.7%\)\s+61\.0% \(55\.3–66\.4%\)", text);
        Assert.Matches(@"Offered peer support\s+41\s+295", text);
    }

    [Fact]
    public void ClassAndRole_ShowTheModelsReasons()
    {
        var text = Regex.Replace(Sections.Between(sample.SiteText, S.Class, S.Fidelity), @"\s+", " ");

        Assert.Contains(Site.EngagementClass!.Reason, text, StringComparison.Ordinal);
        Assert.Contains(Site.FidelityClass!.Reason, text, StringComparison.Ordinal);
        Assert.Contains("Case role: " + Site.RoleReason, text, StringComparison.Ordinal);
    }

    [Fact]
    public void FacilitatorsAndBarriers_EachCodeWithItsOwnExcerpt()
    {
        var text = Regex.Replace(Sections.Between(sample.SiteText, S.FacilitatorsBarriers, S.SharedPatterns), @"\s+", " ");
        var coding = Site.Coding!;

        foreach (var code in coding.Facilitators.Concat(coding.Barriers))
        {
            Assert.Contains(code.Code.Code, text, StringComparison.Ordinal);
            Assert.Contains($"“{code.Example!.Text}” — {code.Example.Source}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SharedPatterns_ListTheBAndCCodesTheSiteHas()
    {
        var text = Regex.Replace(Sections.Between(sample.SiteText, S.SharedPatterns, S.Groups), @"\s+", " ");

        Assert.NotEmpty(Site.Coding!.SharedWithHighHigh);
        Assert.All(Site.Coding.SharedWithHighHigh.Concat(Site.Coding.SharedWithLowLow), c => Assert.Contains(c.Code, text, StringComparison.Ordinal));
        Assert.Contains("1 code of the 6 pattern B codes", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_EachAxis_SaysTheSitesGroupAndWhatIsDistinctiveOfIt()
    {
        var text = Regex.Replace(Sections.Between(sample.SiteText, S.Groups, S.Methods), @"\s+", " ");

        // S2 is an NHS-employed, NHS-only community site (samples/peer-support-synthetic/sites.csv).
        Assert.Contains("Employer This site is in the group NHS (5 sites, this one included, and 38 coded sources).", text, StringComparison.Ordinal);
        Assert.Contains("This site is in the group NHS only (4 sites, this one included", text, StringComparison.Ordinal);
        Assert.Contains("This site is in the group community (3 sites, this one included", text, StringComparison.Ordinal);
        // The drawn-into-clinical-tasks code is at four of the five NHS sites (S2, S4, S6, S7), so it says so.
        Assert.Contains("Peer worker drawn into clinical tasks (at 4 of the group’s 5 sites)", text, StringComparison.Ordinal);
        foreach (var axis in Run.Comparisons)
        {
            foreach (var group in axis.GroupsOf(Site.SiteId))
            {
                Assert.All(axis.DistinctiveOf(group.Value), c => Assert.Contains(c.Code.Code, text, StringComparison.Ordinal));
            }
        }

        // On the role axis: the stakeholder groups coded at S2 (no line manager, no commissioner there).
        Assert.Contains("Stakeholder groups coded or interviewed at this site: Peer workers, Peer worker coordinators, Clinicians, Strategic managers and Service users.", text, StringComparison.Ordinal);
        Assert.Contains("Distinctive of Clinicians (1 code): Context · Culture • Team values peer workers as colleagues", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scatter_OnlyTheSiteIsLabelledAndEmphasised()
    {
        var scatter = SiteReportDocument.Build(Run, Site.SiteId).Blocks.OfType<Figure>().Select(f => f.Chart).OfType<EngagementFidelityScatter>().Single();

        Assert.Equal(Run.Sites.Count, scatter.Sites.Count);
        var labelled = Assert.Single(scatter.Sites, s => s.Label.Length > 0);
        Assert.Equal(Site.SiteId, labelled.Label);
        Assert.True(labelled.Emphasised);
        Assert.Single(scatter.Sites, s => s.Emphasised);
    }

    [Fact]
    public void SiteReport_UnknownSite_Throws()
    {
        Assert.Throws<ArgumentException>(() => SiteReportDocument.Build(Run, "S99"));
    }

    [Fact]
    public void SiteReport_SecondRender_IsByteIdentical()
    {
        Assert.Equal(sample.SiteBytes, Pdf.Reports.SiteReport(Runs.Sample, Site.SiteId));
    }

    [Fact]
    public void SiteReport_EveryPage_RendersWithInk()
    {
        for (var page = 1; page <= sample.Site.PageCount; page++)
        {
            var image = sample.Site.RenderPage(page, 40);
            Assert.True(image.DarkPixels(0, 0, Typography.PageWidth, Typography.PageHeight, 40) > 500, $"page {page} looks blank");
        }
    }

    [Fact]
    public void SiteReport_Text_MatchesGolden()
    {
        Golden.Check("site-report-S2.expected.txt", sample.SiteText);
    }

    [Fact]
    public void RenderRun_ParallelSiteReports_EqualSequentialRenders()
    {
        var rendered = Pdf.Reports.RenderRun(Run);

        Assert.Equal(Run.Sites.Select(s => s.SiteId), rendered.Sites.Select(s => s.SiteId));
        Assert.Equal(sample.TrialBytes, rendered.Trial);
        foreach (var site in rendered.Sites)
        {
            Assert.Equal(Pdf.Reports.SiteReport(Run, site.SiteId), site.Pdf);
        }
    }
}
