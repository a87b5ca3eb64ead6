using System.Text.Json;
using Reporting.Deploy.Tests.Arm;

namespace Reporting.Deploy.Tests;

/// <summary>How the tests compile and lint an infra/ folder with the Bicep CLI (the repository's, or a planted copy).</summary>
internal static class InfraBuild
{
    public static Task<BicepRun> BuildAsync(string infraDirectory) =>
        BicepCli.RunAsync(infraDirectory, ["build", "main.bicep", "--stdout"]);

    /// <summary>build-params prints the parameter file and the template it uses, both compiled.</summary>
    public static Task<BicepRun> BuildParamsAsync(string infraDirectory, IReadOnlyDictionary<string, string>? environment = null) =>
        BicepCli.RunAsync(infraDirectory, ["build-params", "main.bicepparam", "--stdout"], environment);

    /// <summary>Lints every .bicep and .bicepparam file under the folder.</summary>
    public static Task<BicepRun> LintAsync(string infraDirectory) =>
        BicepCli.RunAsync(infraDirectory, ["lint", "--pattern", "**/*.bicep*"]);

    public static JsonElement Template(BicepRun build) => ParseOutput(build, build.StandardOutput);

    /// <summary>The template half of a build-params run.</summary>
    public static JsonElement ParamsTemplate(BicepRun buildParams) =>
        ParseOutput(buildParams, ParseOutput(buildParams, buildParams.StandardOutput).GetProperty("templateJson").GetString()!);

    /// <summary>The parameter values of a build-params run, as ARM receives them.</summary>
    public static IReadOnlyDictionary<string, object?> Parameters(BicepRun buildParams)
    {
        var parametersJson = ParseOutput(buildParams, buildParams.StandardOutput).GetProperty("parametersJson").GetString()!;
        return ParseOutput(buildParams, parametersJson).GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => ArmValues.FromJson(p.Value.GetProperty("value")), StringComparer.OrdinalIgnoreCase);
    }

    private static JsonElement ParseOutput(BicepRun run, string json)
    {
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException(run.Describe());
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

/// <summary>
/// infra/ compiled, parameter file included, and linted once per test run (each CLI run takes seconds), then deployed
/// on paper with the parameter file's values (<see cref="ArmDeployment"/>).
/// </summary>
public sealed class CompiledInfraFixture : IAsyncLifetime
{
    /// <summary>What the parameter file must read from DOWNLOAD_LINK_SIGNING_KEY: proof the key comes from the environment.</summary>
    public const string SigningKeyFromEnvironment = "c2lnbmluZy1rZXktZnJvbS10aGUtZW52aXJvbm1lbnQ=";

    private BicepRun? _build;
    private BicepRun? _buildParams;
    private BicepRun? _lint;
    private readonly Lazy<ArmDeployment> _deployment;

    public CompiledInfraFixture() => _deployment = new(() => Deploy());

    internal BicepRun Build => _build ?? throw new InvalidOperationException("Not initialised.");

    internal BicepRun BuildParams => _buildParams ?? throw new InvalidOperationException("Not initialised.");

    internal BicepRun Lint => _lint ?? throw new InvalidOperationException("Not initialised.");

    internal JsonElement Template => InfraBuild.Template(Build);

    internal IReadOnlyDictionary<string, object?> FileParameters => InfraBuild.Parameters(BuildParams);

    /// <summary>The deployment with the parameter file's values.</summary>
    internal ArmDeployment Deployment => _deployment.Value;

    internal InfraModel Model => new(Deployment);

    /// <summary>The deployment with the parameter file's values, some replaced.</summary>
    internal ArmDeployment Deploy(IReadOnlyDictionary<string, object?>? overrides = null)
    {
        var parameters = new Dictionary<string, object?>(FileParameters, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in overrides ?? new Dictionary<string, object?>())
        {
            parameters[name] = value;
        }

        return ArmDeployment.Evaluate(Template, parameters);
    }

    public async Task InitializeAsync()
    {
        var build = InfraBuild.BuildAsync(RepoPaths.Infra);
        var buildParams = InfraBuild.BuildParamsAsync(RepoPaths.Infra, new Dictionary<string, string> { ["DOWNLOAD_LINK_SIGNING_KEY"] = SigningKeyFromEnvironment });
        var lint = InfraBuild.LintAsync(RepoPaths.Infra);
        _build = await build;
        _buildParams = await buildParams;
        _lint = await lint;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class CompiledInfraCollection : ICollectionFixture<CompiledInfraFixture>
{
    public const string Name = "compiled infra";
}
