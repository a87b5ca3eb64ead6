namespace Reporting.Pdf.Tests.Reports;

/// <summary>Runs missing an optional dataset: the reports say what is missing and why, and still render.</summary>
public sealed class EmptyStateTests
{
    [Fact]
    public void TrialReport_NoCodings_SaysPatternsAreNotAvailable()
    {
        var run = Runs.FromFolder(Repo.Sample, "codings.csv");
        using var pdf = new PdfFile(Pdf.Reports.TrialReport(run));
        var patterns = Sections.Between(pdf.Text(), TrialReportDocument.Sections.Patterns, TrialReportDocument.Sections.Outcome);

        Assert.Null(run.CrossCase.Patterns);
        Assert.Contains("No coded interview data was supplied; patterns A–D are not available.", patterns, StringComparison.Ordinal);
        Assert.DoesNotContain("Framework matrix", patterns, StringComparison.Ordinal);
    }

    [Fact]
    public void SiteReport_NoCodings_SaysFacilitatorsAndBarriersAreNotAvailable()
    {
        var run = Runs.FromFolder(Repo.Sample, "codings.csv");
        using var pdf = new PdfFile(Pdf.Reports.SiteReport(run, "S4"));
        var text = pdf.Text();

        Assert.Contains(SiteReportDocument.NoCodings, text, StringComparison.Ordinal);
        Assert.Contains("No coded interview data was supplied; patterns A–D are not available.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TrialReport_NoContacts_SaysEngagementIsNotAvailable()
    {
        var run = Runs.FromFolder(Repo.Sample, "contacts.csv");
        var document = TrialReportDocument.Build(run);
        using var pdf = new PdfFile(PdfRenderer.Render(document));
        var text = pdf.Text();

        Assert.Null(run.Pooled.Engagement);
        Assert.Contains(TrialReportDocument.EngagementUnavailable, text, StringComparison.Ordinal);
        Assert.Contains("engagement is not available in this run", text.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(document.Blocks.OfType<Figure>());
        Assert.Contains(run.SpearmanUnavailableReason!, text.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_NoFidelity_RenderWithoutFidelity()
    {
        var run = Runs.FromFolder(Repo.Sample, "fidelity.csv");
        using var trial = new PdfFile(Pdf.Reports.TrialReport(run));
        using var site = new PdfFile(Pdf.Reports.SiteReport(run, "S1"));

        Assert.Contains(TrialReportDocument.FidelityUnavailable, trial.Text().Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("This site has no fidelity assessment in this run.", site.Text(), StringComparison.Ordinal);
    }
}
