using System.CommandLine;
using Spectre.Console;

namespace Reporting.Cli;

/// <summary>The command's exit codes (README, "Exit codes").</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>The export has errors: validation failed, or there was nothing to analyse.</summary>
    public const int ExportHasErrors = 1;

    /// <summary>The command could not run: bad arguments, a missing or unreadable input, an unwritable output.</summary>
    public const int CouldNotRun = 2;
}

/// <summary>
/// A command cannot run for a reason the user can fix (a missing folder, an unwritable output). The host prints
/// the message as one line on stderr and exits with <see cref="ExitCodes.CouldNotRun"/>.
/// </summary>
internal sealed class CommandFailedException(string message) : Exception(message);

/// <summary>Parses and runs a command line, turning the user's mistakes into one line on stderr and exit code 2.</summary>
internal static class CliHost
{
    public static int Invoke(RootCommand root, string[] args, TextWriter stderr)
    {
        var parse = root.Parse(args);
        var name = CommandName(parse);
        if (parse.Errors.Count > 0)
        {
            var errors = string.Join(" ", parse.Errors.Select(e => Sentence(OneLine(e.Message))));
            stderr.WriteLine($"{name}: {errors} See '{name} --help'.");
            return ExitCodes.CouldNotRun;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (Describe(ex) is { } message)
        {
            stderr.WriteLine($"{name}: {message}");
            return ExitCodes.CouldNotRun;
        }
    }

    /// <summary>The console for a command's output: colour only on a terminal, and never when NO_COLOR is set (no-color.org).</summary>
    public static IAnsiConsole Console(TextWriter output, bool isTerminal, string? noColor)
    {
        // The output uses the eight standard colours only, which every terminal with ANSI support shows.
        var colour = isTerminal && string.IsNullOrEmpty(noColor);
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }

    /// <summary>The standard output console.</summary>
    public static IAnsiConsole StandardConsole { get; } =
        Console(System.Console.Out, !System.Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>The one-line message for a failure the user can fix; null for a defect, which keeps its stack trace.</summary>
    private static string? Describe(Exception ex) => ex switch
    {
        CommandFailedException => OneLine(ex.Message),
        IOException or UnauthorizedAccessException => OneLine(ex.Message),
        _ => null,
    };

    private static string CommandName(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "reporting" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
