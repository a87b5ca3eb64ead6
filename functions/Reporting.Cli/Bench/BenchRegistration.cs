using System.CommandLine;
using Reporting.Cli.Bench;

namespace Reporting.Cli;

/// <summary>Wires the benchmark commands into the CLI.</summary>
internal static class BenchRegistration
{
    /// <summary>Adds <c>bench</c> and the hidden <c>bench-phase</c> it runs in child processes.</summary>
    public static RootCommand AddBenchCommands(this RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(BenchCommand.CreatePhase());
        root.Subcommands.Add(QcaBench.Create());
        root.Subcommands.Add(QcaBench.CreateRun());
        return root;
    }
}
