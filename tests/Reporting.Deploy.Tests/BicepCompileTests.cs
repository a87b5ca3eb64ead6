using System.Text.Json;

namespace Reporting.Deploy.Tests;

/// <summary>infra/ compiles and lints with the real Bicep CLI with no error and no warning.</summary>
[Collection(CompiledInfraCollection.Name)]
public class BicepCompileTests(CompiledInfraFixture infra)
{
    [Fact]
    public async Task BicepCli_Restored_IsThePinnedVersion()
    {
        // The restore put the pinned CLI where the project says, and it runs.
        var version = await BicepCli.RunAsync(RepoPaths.Root, ["--version"]);

        Assert.Equal(0, version.ExitCode);
        Assert.Contains($"Bicep CLI version {BicepCli.Version} ", version.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MainTemplate_HasNoErrorOrWarning()
    {
        Assert.True(infra.Build.IsClean, infra.Build.Describe());
        Assert.Equal(JsonValueKind.Array, infra.Template.GetProperty("resources").ValueKind);
    }

    [Fact]
    public void BuildParams_ParameterFile_HasNoErrorOrWarningAndUsesTheMainTemplate()
    {
        Assert.True(infra.BuildParams.IsClean, infra.BuildParams.Describe());

        // The parameter file's "using" compiles to the very template bicep build gives.
        Assert.True(JsonElement.DeepEquals(infra.Template, InfraBuild.ParamsTemplate(infra.BuildParams)), "build-params compiled a different template than main.bicep");
    }

    [Fact]
    public void Lint_EveryBicepAndParameterFile_HasNoErrorOrWarning()
    {
        Assert.True(infra.Lint.IsClean, infra.Lint.Describe());
        Assert.Empty(infra.Lint.Diagnostics);
    }

    [Fact]
    public async Task Lint_PlantedUnusedParameter_IsReportedAsAWarning()
    {
        // The lint check above is only worth something if a warning reaches it: the CLI exits 0 on warnings.
        using var planted = PlantedInfra.Copy();
        planted.Append("main.bicep", "\nparam plantedUnused string = 'x'\n");

        var lint = await InfraBuild.LintAsync(planted.Infra);

        Assert.Equal(0, lint.ExitCode);
        Assert.False(lint.IsClean);
        Assert.Contains(lint.Diagnostics, d => d.Level == "Warning" && d.Code == "no-unused-params" && d.File.EndsWith("main.bicep", StringComparison.Ordinal));
    }
}
