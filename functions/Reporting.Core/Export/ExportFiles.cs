namespace Reporting.Core.Export;

/// <summary>The datasets of the export contract (docs/export-contract.md).</summary>
public enum DatasetKind
{
    /// <summary><c>trial.json</c>.</summary>
    Trial,

    /// <summary><c>sites.csv</c>.</summary>
    Sites,

    /// <summary><c>participants.csv</c>.</summary>
    Participants,

    /// <summary><c>contacts.csv</c>.</summary>
    Contacts,

    /// <summary><c>fidelity.csv</c>.</summary>
    Fidelity,

    /// <summary><c>codings.csv</c>.</summary>
    Codings,

    /// <summary><c>interviews.csv</c> (optional): structured interview answers.</summary>
    Interviews,
}

/// <summary>One file of an export: its name and a way to open its content (opened at most twice).</summary>
public sealed record ExportFile(string FileName, Func<Stream> Open)
{
    /// <summary>An export file over bytes already in memory.</summary>
    public static ExportFile FromBytes(string fileName, byte[] content) =>
        new(fileName, () => new MemoryStream(content, writable: false));
}

/// <summary>File names of the export contract.</summary>
public static class ExportFiles
{
    private static readonly (DatasetKind Kind, string Name)[] Names =
    [
        (DatasetKind.Trial, "trial.json"),
        (DatasetKind.Sites, "sites.csv"),
        (DatasetKind.Participants, "participants.csv"),
        (DatasetKind.Contacts, "contacts.csv"),
        (DatasetKind.Fidelity, "fidelity.csv"),
        (DatasetKind.Codings, "codings.csv"),
        (DatasetKind.Interviews, "interviews.csv"),
    ];

    /// <summary>All datasets in reading order (settings first, then each file after the ones it refers to).</summary>
    public static IReadOnlyList<DatasetKind> All { get; } = Names.Select(n => n.Kind).ToArray();

    /// <summary>The dataset a file name holds (case-insensitive, ignoring any folder), or null for other files.</summary>
    public static DatasetKind? Recognise(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = fileName.Replace('\\', '/');
        var slash = name.LastIndexOf('/');
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        foreach (var (kind, n) in Names)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>Every file name of the contract, in reading order, for messages ("trial.json, sites.csv, …").</summary>
    public static string Listed { get; } = string.Join(", ", Names.Select(n => n.Name));

    /// <summary>The contract's file name for <paramref name="kind"/>.</summary>
    public static string FileName(DatasetKind kind) => Names.First(n => n.Kind == kind).Name;
}
