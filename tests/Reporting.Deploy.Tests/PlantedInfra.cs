namespace Reporting.Deploy.Tests;

/// <summary>A temporary copy of infra/ to plant defects in, so a test can show that a check catches them.</summary>
internal sealed class PlantedInfra : IDisposable
{
    private PlantedInfra(string root)
    {
        Root = root;
        Infra = Path.Combine(root, "infra");
    }

    public string Root { get; }

    public string Infra { get; }

    public static PlantedInfra Copy()
    {
        var planted = new PlantedInfra(Directory.CreateTempSubdirectory("reporting-planted-infra-").FullName);
        foreach (var file in Directory.GetFiles(RepoPaths.Infra, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(planted.Infra, Path.GetRelativePath(RepoPaths.Infra, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return planted;
    }

    public void Append(string relativePath, string text) => File.AppendAllText(Path.Combine(Infra, relativePath), text);

    /// <summary>Replaces text that must occur exactly once, so a planted defect cannot silently miss.</summary>
    public void Replace(string relativePath, string oldText, string newText)
    {
        var path = Path.Combine(Infra, relativePath);
        var text = File.ReadAllText(path);
        var first = text.IndexOf(oldText, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(oldText, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"{relativePath}: the text to plant over must occur exactly once: {oldText}");
        }

        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
