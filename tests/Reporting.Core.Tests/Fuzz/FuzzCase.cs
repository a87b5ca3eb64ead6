using Reporting.Core.Export;
using Reporting.Core.Qca;

namespace Reporting.Core.Tests.Fuzz;

/// <summary>How a case's input reaches Core.</summary>
internal enum FuzzInputKind
{
    /// <summary>Loose files through <see cref="TrialPipeline.Run(IReadOnlyList{ExportFile}, ExportLimits?, string?)"/>.</summary>
    Files,

    /// <summary>One upload through <see cref="ExportZip.Read"/>, then its files through the pipeline.</summary>
    Zip,

    /// <summary>A case × condition table through <see cref="QcaTableReader.Read"/> (the <c>reporting qca</c> input), then the analysis.</summary>
    Qca,
}

/// <summary>A <c>reporting qca</c> input: the table and the options that come from the command line.</summary>
internal sealed record QcaInput(byte[] Content, IReadOnlyDictionary<string, CalibrationSpec> Calibrations, string? Outcome, IReadOnlyList<string> Conditions);

/// <summary>
/// One generated hostile input, fully determined by (<see cref="Seed"/>, <see cref="Index"/>): regenerating it gives the
/// same bytes. <see cref="Steps"/> says what was done to the base export, for the failure message.
/// </summary>
internal sealed record FuzzCase(
    int Seed,
    int Index,
    string Category,
    string Base,
    IReadOnlyList<string> Steps,
    FuzzInputKind Kind,
    IReadOnlyList<(string Name, byte[] Content)> Files,
    byte[]? Zip,
    QcaInput? Qca,
    ExportLimits? Limits,
    ZipLimits? ZipLimits,
    string? ExpectedTrialId,
    int MarkersPlanted)
{
    /// <summary>The bytes handed to Core (compressed size for a zip).</summary>
    public long InputBytes => Kind switch
    {
        FuzzInputKind.Zip => Zip!.LongLength,
        FuzzInputKind.Qca => Qca!.Content.LongLength,
        _ => Files.Sum(f => f.Content.LongLength),
    };

    public override string ToString() =>
        $"seed {Seed} case {Index} [{Category}, base {Base}, {Kind}, {InputBytes} bytes]: {string.Join("; ", Steps)}";
}
