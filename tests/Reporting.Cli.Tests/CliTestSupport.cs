using System.Diagnostics;
using Spectre.Console;

namespace Reporting.Cli.Tests;

/// <summary>What the command tests share: the repository's sample trial and a console that records plain text.</summary>
internal static class CliTestSupport
{
    public static string Root { get; } = FindRoot();

    public static string Sample => Path.Combine(Root, "samples", "peer-support-synthetic");

    /// <summary>A colourless console whose output the test can read, <paramref name="width"/> columns wide.</summary>
    public static (IAnsiConsole Console, StringWriter Text) Console(int width = 400)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return (console, text);
    }

    /// <summary>Copies the sample export into a new folder <paramref name="name"/> under <paramref name="parent"/>.</summary>
    public static DirectoryInfo CopySample(DirectoryInfo parent, string name = "export")
    {
        var dir = parent.CreateSubdirectory(name);
        foreach (var file in Directory.EnumerateFiles(Sample))
        {
            File.Copy(file, Path.Combine(dir.FullName, Path.GetFileName(file)));
        }

        return dir;
    }

    /// <summary>Replaces one field of one data line (1-based physical line, 0-based field) in a simple CSV.</summary>
    public static void Plant(DirectoryInfo dir, string file, int line, int field, string value)
    {
        var path = Path.Combine(dir.FullName, file);
        var lines = File.ReadAllLines(path);
        var cells = lines[line - 1].Split(',');
        cells[field] = value;
        lines[line - 1] = string.Join(',', cells);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    /// <summary>Runs the built <c>reporting</c> command as a user would (<c>dotnet reporting.dll ...</c>), without a terminal.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => RunIn(Root, args);

    /// <summary>Runs the built <c>reporting</c> command in <paramref name="workingDirectory"/>.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunIn(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(typeof(ValidateCommand).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        // Not a timing assertion: a command that hangs (a FIFO opened for reading blocks) must fail the test, not the run.
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("reporting " + string.Join(' ', args) + " did not exit.");
        }

        return (process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
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
