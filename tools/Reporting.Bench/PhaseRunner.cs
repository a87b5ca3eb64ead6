namespace Reporting.Bench;

/// <summary>
/// What each phase child runs: <c>reporting-bench-phases &lt;phase&gt; &lt;dir&gt;</c> as given with <c>--phases</c>
/// (natively compiled by scripts/bench.sh, as the CLI is, so the phases measure the code as users run it), or, without
/// it, this benchmark's own hidden <c>reporting-bench phase</c> command on the JIT.
/// </summary>
internal sealed class PhaseRunner
{
    private readonly CliCommand? _program;

    private PhaseRunner(CliCommand? program)
    {
        _program = program;
    }

    /// <summary>The fallback: this benchmark again, through the host that runs it now (JIT).</summary>
    public static PhaseRunner Self { get; } = new(null);

    /// <summary>The phases runner at <paramref name="file"/>: an executable, or reporting-bench-phases.dll run with dotnet.</summary>
    public static PhaseRunner Of(FileInfo file) => new(CliCommand.Of(file));

    /// <summary>Whether the phases run compiled ahead of time.</summary>
    public bool Native => _program?.Native ?? false;

    /// <summary>What runs the phases, for the tables.</summary>
    public string Shown => _program?.Shown ?? "reporting-bench phase";

    public ChildOutput Run(string phase, DirectoryInfo dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        return _program is { } program ? program.Run([phase, dir.FullName]) : ChildProcess.RunSelf(["phase", phase, dir.FullName]);
    }
}
