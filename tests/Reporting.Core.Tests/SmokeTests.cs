namespace Reporting.Core.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads_HasCoreNamespace() =>
        Assert.Equal("Reporting.Core", typeof(Reporting.Core.AssemblyMarker).Namespace);
}
