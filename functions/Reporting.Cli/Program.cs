using System.CommandLine;
using Reporting.Cli;

var rootCommand = new RootCommand("Implementation reporting pipeline: command-line tools.");
rootCommand.Subcommands.Add(SampleCommand.Create());
return rootCommand.Parse(args).Invoke();
