using Reporting.Core.Analysis;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.SharedSections;

/// <summary>
/// The methods notes of a run's report: the rules the run applied and its cautions. <see cref="DataNote"/> (the site
/// report) adds where the data came from.
/// </summary>
internal sealed record MethodsModel(TrialInfo Trial, ClassificationInfo Classification, IReadOnlyList<string> Cautions, RunFacts? DataNote)
{
    public static MethodsModel From(RunModel run, bool withDataNote) =>
        new(run.Trial, run.Classification, run.Cautions, withDataNote ? RunFacts.From(run) : null);
}

/// <summary>Formats <see cref="MethodsModel"/>: the rules in words, then the cautions.</summary>
internal static class MethodsSection
{
    public const string Heading = "Methods notes";

    public static IEnumerable<Block> Compose(MethodsModel m)
    {
        yield return new Heading(2, Heading);
        var items = Rules(m).Select(r => new Paragraph(r)).ToList();
        if (m.DataNote is { } run)
        {
            items.Add(new Paragraph($"Data: run {run.RunId}, pipeline {run.PipelineVersion}, data cut-off {F.Date(run.Trial.DataCutOff)}. The trial implementation report lists every input file with its SHA-256."));
        }

        yield return new BulletList(items);
        if (m.Cautions.Count > 0)
        {
            yield return new Heading(3, "Cautions");
            yield return new BulletList(m.Cautions.Select(c => new Paragraph(c)).ToList());
        }
    }

    private static IEnumerable<string> Rules(MethodsModel m)
    {
        var t = m.Trial;
        var rule = t.Engagement;
        var window = rule.FollowUpDays is { } days
            ? $"and no later than {F.Plural(days, "day", "days")} after discharge"
            : "with no limit after discharge";
        yield return $"Engagement: a participant offered peer support is engaged with at least {F.Count(rule.MinContacts)} counted contacts, at least {F.Count(rule.MinPostDischargeContacts)} of them after the day of discharge. " +
            $"Only completed contacts count, from randomisation to withdrawal {window}. Offered = everyone in the peer-support arm, withdrawn included; " +
            "pending = offered, not engaged, not withdrawn and still able to engage by the cut-off. Intervals are Wilson 95% intervals.";
        if (t.FidelityInstrument is { } instrument)
        {
            yield return $"Fidelity: {instrument}" + (t.FidelityItems is { } n ? $", {F.Plural(n, "item", "items")}" : "") + (t.FidelityMaxTotal is { } max ? $", maximum total {F.Number(max)}" : "") +
                ". The site score is the mean of the complete raters’ totals at the site’s latest assessment; a rater who missed an item is reported but not scored.";
        }

        if (m.Classification is { Engagement: { } e, Fidelity: { } f })
        {
            yield return $"Classification: {F.Thresholds(e, f)}; thresholds are inclusive.";
        }

        yield return "Case selection: high–high and low–low sites are the contrasting cases; outliers are high on one axis and low or mid-range on the other, or outside the funnel plot’s 99.8% limits.";
        yield return $"Cross-case comparison: a selected site has a code when {F.Count(t.MinSourcesPerCode)} or more distinct sources at the site were coded with it; codes are compared by domain, construct and code text, ignoring case.";
    }
}
