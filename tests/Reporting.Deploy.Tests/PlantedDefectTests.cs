using Reporting.Deploy.Tests.Arm;

namespace Reporting.Deploy.Tests;

/// <summary>
/// The consistency checks catch real defects: defects are planted in a copy of infra/, the copy is compiled by the
/// Bicep CLI and deployed on paper, and each check must name its defect.
/// </summary>
public class PlantedDefectTests
{
    [Fact]
    public async Task InfraChecks_PlantedDefects_AreEachReported()
    {
        using var planted = PlantedInfra.Copy();
        // 1. An app setting the app reads goes missing.
        planted.Replace("modules/functionapp.bicep", """
                    {
                      name: 'DownloadLinkLifetimeDays'
                      value: string(downloadLinkLifetimeDays)
                    }

            """, "");
        // 2. The poison queue is no longer created.
        planted.Replace("modules/storage.bicep", "  'export-events-poison'\n", "");
        // 3. Event Grid delivers to a queue nobody listens on.
        planted.Replace("main.bicep", "queueName: 'export-events'", "queueName: 'export-events-old'");
        // 4. The app loses its table role.
        planted.Replace("modules/roles.bicep", "  storageTableDataContributor\n]", "]");

        var build = await InfraBuild.BuildAsync(planted.Infra);
        Assert.Equal(0, build.ExitCode);
        var model = new InfraModel(ArmDeployment.Evaluate(InfraBuild.Template(build), new Dictionary<string, object?> { ["namePrefix"] = "planted" }));
        var metadata = FunctionsMetadata.FromBuild();

        Assert.Contains("DownloadLinkLifetimeDays (AppSettings.DownloadLinkLifetimeDays) is not set", InfraChecks.MissingAppSettings(model, metadata));
        Assert.Contains("queue export-events-poison is used by the app (StorageNames) but not created", InfraChecks.StorageNameProblems(model, "Queue"));
        Assert.Contains(InfraChecks.QueueTriggerProblems(model, metadata), p => p.Contains("export-events-poison", StringComparison.Ordinal));
        Assert.Contains("destination queue (IngestExport's queueName) is export-events-old, expected export-events", InfraChecks.EventGridProblems(model, metadata));
        Assert.Contains(InfraChecks.RoleProblems(model), p => p.StartsWith("the app's identity lacks Storage Table Data Contributor", StringComparison.Ordinal));
        // And nothing planted touched the connections.
        Assert.Empty(InfraChecks.IdentityConnectionProblems(model, "TrialData"));
    }
}
