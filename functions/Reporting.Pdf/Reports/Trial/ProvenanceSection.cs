using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Pdf.SharedSections;
using F = Reporting.Pdf.ReportFormat;

namespace Reporting.Pdf.TrialSections;

/// <summary>Where the run's data came from: the run's identity, the validation summary and every input file.</summary>
internal sealed record ProvenanceModel(RunFacts Run, Provenance Provenance)
{
    public static ProvenanceModel From(RunModel run) => new(RunFacts.From(run), run.Provenance);
}

/// <summary>Formats <see cref="ProvenanceModel"/>.</summary>
internal static class ProvenanceSection
{
    public static IEnumerable<Block> Compose(ProvenanceModel m)
    {
        yield return new Heading(2, TrialReportDocument.Sections.Provenance);
        var pv = m.Provenance;
        yield return new KeyValuePanel(
        [
            new("Run id", m.Run.RunId),
            new("Pipeline version", m.Run.PipelineVersion),
            new("run.json schema", m.Run.SchemaVersion),
            new("Data cut-off", $"{F.Date(m.Run.Trial.DataCutOff)} ({F.CutOffSource(m.Run.Trial)})"),
            new("Validation", $"{F.Plural(pv.Errors, "error", "errors")} and {F.Plural(pv.Warnings, "warning", "warnings")} over {F.Plural(pv.Files.Count, "file", "files")}"),
        ]) { KeyWidthFraction = 0.3 };
        yield return new Paragraph(
            "The run id is derived from the pipeline version and each input file’s SHA-256, so the same files on the same pipeline give the same run and the same reports.");
        yield return new Table(
            [
                new TableColumn(68), new TableColumn(32, ColumnAlignment.Right), new TableColumn(40, ColumnAlignment.Right),
                new TableColumn(49, ColumnAlignment.Right), new TableColumn(282),
            ],
            [new TableRow(["File", "Rows", "Bytes", "Errors / warnings", "SHA-256"])],
            pv.Files.Select(f => new TableRow(
            [
                f.FileName,
                f.Kind == DatasetKind.Trial ? F.Missing : F.Count(f.Rows),
                F.Count(f.Bytes),
                $"{F.Count(f.Errors)} / {F.Count(f.Warnings)}",
                f.Sha256,
            ])).ToList()) { RowHeaders = true };
    }
}
