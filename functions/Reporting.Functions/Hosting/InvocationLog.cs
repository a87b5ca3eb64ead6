namespace Reporting.Functions.Hosting;

/// <summary>Lines for the envelope's <c>Logs</c> (the host writes them after the call) and for the handler's own log.
/// A line names files, counts, codes and ids only: never a cell value.</summary>
public sealed class InvocationLog(ILogger logger)
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    public void Info(string line)
    {
        _lines.Add(line);
        logger.LogInformation("{Line}", line);
    }

    public void Warn(string line)
    {
        _lines.Add(line);
        logger.LogWarning("{Line}", line);
    }
}
