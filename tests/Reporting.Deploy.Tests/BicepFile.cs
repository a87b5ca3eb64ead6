using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Deploy.Tests;

/// <summary>
/// A .bicep file read as text. No Bicep compiler is reachable from the build, so the consistency tests read
/// the few constructs they need (variables, appSettings entries, module parameters, blocks) with a small
/// string-aware scanner. It is deliberately strict: a construct it cannot find fails the test that asked.
/// </summary>
internal sealed class BicepFile
{
    private BicepFile(string path, string text)
    {
        Path = path;
        Text = text;
        Code = StripComments(text);
    }

    public string Path { get; }

    /// <summary>The file as written.</summary>
    public string Text { get; }

    /// <summary>The file without comments (strings kept), so commented-out code never counts.</summary>
    public string Code { get; }

    public string Name => System.IO.Path.GetFileName(Path);

    public static BicepFile Load(string path) => new(path, File.ReadAllText(path));

    public static BicepFile FromText(string name, string text) => new(name, text);

    /// <summary>Every .bicep file under infra/.</summary>
    public static IReadOnlyList<BicepFile> LoadAll() =>
        [.. Directory.GetFiles(RepoPaths.Infra, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Load)];

    public static BicepFile Infra(string relativePath) => Load(System.IO.Path.Combine(RepoPaths.Infra, relativePath));

    /// <summary>The value of <c>var name = '...'</c>, or null when there is no such string variable.</summary>
    public string? StringVariable(string name)
    {
        var match = Regex.Match(Code, $@"^\s*var\s+{Regex.Escape(name)}\s*=\s*'(?<value>[^'\r\n]*)'\s*$", RegexOptions.Multiline);
        return match.Success ? match.Groups["value"].Value : null;
    }

    /// <summary>The string items of <c>var name = [ '...' ... ]</c>; throws when the variable is not a list of strings.</summary>
    public IReadOnlyList<string> StringArrayVariable(string name)
    {
        var match = Regex.Match(Code, $@"^\s*var\s+{Regex.Escape(name)}\s*=\s*\[", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new InvalidOperationException($"{Name}: no 'var {name} = [' found.");
        }

        var body = BracketBody(match.Index + match.Length - 1);
        var items = body.Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. items.Select(item => Regex.Match(item, @"^'(?<value>[^']*)'$") is { Success: true } m
            ? m.Groups["value"].Value
            : throw new InvalidOperationException($"{Name}: '{item}' in var {name} is not a string literal."))];
    }

    /// <summary>
    /// The body of the first <c>{ ... }</c> or <c>[ ... ]</c> that follows <paramref name="prefixPattern"/>
    /// (a regex ending just before the opening bracket), or null when the pattern does not occur.
    /// </summary>
    public string? BlockAfter(string prefixPattern, int startAt = 0)
    {
        var match = new Regex(prefixPattern + @"\s*(?<open>[\{\[])", RegexOptions.Multiline).Match(Code, startAt);
        return match.Success ? BracketBody(match.Groups["open"].Index) : null;
    }

    /// <summary>The parameters a <c>module sym 'path' = { params: { ... } }</c> passes, key to expression.</summary>
    public IReadOnlyDictionary<string, string> ModuleParams(string modulePath)
    {
        var module = BlockAfter($@"^\s*module\s+\w+\s+'{Regex.Escape(modulePath)}'\s*=")
            ?? throw new InvalidOperationException($"{Name}: no module '{modulePath}'.");
        var paramsBody = FromText(Name, module).BlockAfter(@"^\s*params\s*:")
            ?? throw new InvalidOperationException($"{Name}: module '{modulePath}' has no params block.");
        return TopLevelProperties(paramsBody);
    }

    /// <summary>
    /// The app settings of the first <c>appSettings: [ ... ]</c> array: name to value expression, with
    /// <c>${var}</c> in names resolved against this file's string variables.
    /// </summary>
    public IReadOnlyDictionary<string, string> AppSettings()
    {
        var body = BlockAfter(@"\bappSettings\s*:") ?? throw new InvalidOperationException($"{Name}: no appSettings array.");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match entry in Regex.Matches(body, @"\{\s*name\s*:\s*'(?<name>[^'\r\n]*)'\s*,?\s*value\s*:\s*(?<value>[^\r\n]+?)\s*(?:\}[ \t]*$|\r?\n\s*\})", RegexOptions.Multiline))
        {
            var name = ResolveInterpolation(entry.Groups["name"].Value);
            if (!settings.TryAdd(name, entry.Groups["value"].Value))
            {
                throw new InvalidOperationException($"{Name}: app setting {name} is set twice.");
            }
        }

        return settings;
    }

    /// <summary><c>key: expression</c> lines at the top level of an object body.</summary>
    public static IReadOnlyDictionary<string, string> TopLevelProperties(string objectBody)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var depth = 0;
        var line = new StringBuilder();
        foreach (var c in objectBody + "\n")
        {
            if (c == '\n')
            {
                if (depth == 0 && Regex.Match(line.ToString(), @"^\s*(?<key>\w+)\s*:\s*(?<value>.+?)\s*$") is { Success: true } m)
                {
                    result[m.Groups["key"].Value] = m.Groups["value"].Value;
                }

                line.Clear();
                continue;
            }

            line.Append(c);
            depth += c is '{' or '[' ? 1 : c is '}' or ']' ? -1 : 0;
        }

        return result;
    }

    private string ResolveInterpolation(string value) =>
        Regex.Replace(value, @"\$\{(?<name>\w+)\}", m =>
            StringVariable(m.Groups["name"].Value)
            ?? throw new InvalidOperationException($"{Name}: '{value}' uses ${{{m.Groups["name"].Value}}}, which is not a string variable of this file."));

    /// <summary>The text between the bracket at <paramref name="openIndex"/> and its partner, strings skipped.</summary>
    private string BracketBody(int openIndex)
    {
        var open = Code[openIndex];
        var close = open == '{' ? '}' : ']';
        var depth = 0;
        var inString = false;
        for (var i = openIndex; i < Code.Length; i++)
        {
            var c = Code[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '\'')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '\'')
            {
                inString = true;
            }
            else if (c == open)
            {
                depth++;
            }
            else if (c == close && --depth == 0)
            {
                return Code[(openIndex + 1)..i];
            }
        }

        throw new InvalidOperationException($"{Name}: unbalanced '{open}' at offset {openIndex}.");
    }

    /// <summary>Removes // and /* */ comments outside single-quoted strings (so 'https://...' survives).</summary>
    private static string StripComments(string text)
    {
        var result = new StringBuilder(text.Length);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    result.Append(text[++i]);
                }
                else if (c == '\'')
                {
                    inString = false;
                }
            }
            else if (c == '\'')
            {
                inString = true;
                result.Append(c);
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                result.Append('\n');
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 1;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
