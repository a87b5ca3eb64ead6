using Spectre.Console;

namespace Reporting.Cli.Tests;

/// <summary>What the command tests share: the repository's sample trial and a console that records plain text.</summary>
internal static class CliTestSupport
{
    public static string Root { get; } = FindRoot();

    public static string Sample => Path.Combine(Root, "samples", "peer-support-synthetic");

    /// <summary>A wide, colourless console whose output the test can read.</summary>
    public static (IAnsiConsole Console, StringWriter Text) Console()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 400;
        return (console, text);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reporting.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Reporting.sln not found.");
    }
}
