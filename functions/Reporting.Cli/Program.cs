using System.CommandLine;
using Reporting.Cli;

var root = new RootCommand("Implementation reporting pipeline: validate, analyse and report multi-site trial exports.");
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(MetricsCommand.Create());
root.Subcommands.Add(AnalyseCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(FunderCommand.Create());
root.Subcommands.Add(SampleCommand.Create());
root.Subcommands.Add(QcaCommand.Create());
return CliHost.Invoke(root, args, Console.Error);
