namespace Reporting.Samples.Tests;

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() =>
        Path = Directory.CreateTempSubdirectory("reporting-samples-").FullName;

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>The designed sample, generated once for the tests that read it.</summary>
public sealed class DesignedSampleFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public DesignedSampleFixture()
    {
        Summary = SampleGenerator.WriteDesigned(_directory.Path);
        Export = new Export(_directory.Path);
    }

    public SampleSummary Summary { get; }

    internal Export Export { get; }

    public void Dispose() => _directory.Dispose();
}

/// <summary>The UPSIDES-shaped sample, generated once for the tests that read it.</summary>
public sealed class UpsidesSampleFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public UpsidesSampleFixture()
    {
        Summary = SampleGenerator.WriteUpsides(_directory.Path);
        Export = new Export(_directory.Path);
    }

    public SampleSummary Summary { get; }

    internal Export Export { get; }

    public void Dispose() => _directory.Dispose();
}
