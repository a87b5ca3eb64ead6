using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Reporting.Core.Export;
using Reporting.Core.Qca;
using Reporting.Core.Validation;

namespace Reporting.Core.Analysis;

/// <summary>The <c>run.json</c> format: camelCase names, enums as camelCase strings, dates as yyyy-MM-dd, indented, LF.</summary>
/// <remarks>
/// The serialisers are generated at build time (<see cref="RunJsonContext"/>) rather than discovered by reflection at
/// run time: no serialiser is built while a command runs, and the CLI can be compiled ahead of time (docs/benchmark.md).
/// Every type the pipeline writes is reachable from one of the context's roots.
/// </remarks>
public static class RunModelJson
{
    /// <summary>Enums as camelCase strings, one typed converter per enum (the generic converter needs no code generated
    /// at run time). Declared before <see cref="Options"/>, which reads it; RunModelJsonTests checks that every enum
    /// reachable from the documents is here.</summary>
    internal static IReadOnlyList<JsonConverter> EnumConverters { get; } =
    [
        Camel<AxisKind>(), Camel<FunnelPosition>(), Camel<Level>(), Camel<CaseRole>(),
        Camel<CalibrationType>(), Camel<QcaSetSource>(), Camel<ThresholdOperator>(), Camel<RowOutput>(), Camel<SolutionType>(),
        Camel<Severity>(),
        Camel<Locality>(), Camel<Employer>(), Camel<Arm>(), Camel<ContactMode>(), Camel<ContactStatus>(), Camel<CodingDomain>(),
        Camel<Valence>(), Camel<CharacteristicKind>(), Camel<DatasetKind>(),
    ];

    /// <summary>The serializer options of every JSON this pipeline writes (run.json, validation reports, metrics).
    /// They resolve the types reachable from <see cref="RunModel"/>, <see cref="MetricsDocument"/>,
    /// <see cref="AxisComparison"/> and <see cref="ExportValidationReport"/>; a caller serialising other types combines
    /// <see cref="JsonSerializerOptions.TypeInfoResolver"/> with a resolver of its own.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serialises a run model; the same model always gives the same text.</summary>
    public static string Serialize(RunModel run) => JsonSerializer.Serialize(run, Info<RunModel>()) + "\n";

    /// <summary>Writes the text <see cref="Serialize(RunModel)"/> gives to <paramref name="utf8"/> as UTF-8 (no byte-order
    /// mark), without holding the whole text in memory first.</summary>
    public static void Serialize(Stream utf8, RunModel run)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        JsonSerializer.Serialize(utf8, run, Info<RunModel>());
        utf8.WriteByte((byte)'\n');
    }

    /// <summary>Reads a run model written by <see cref="Serialize(RunModel)"/>.</summary>
    public static RunModel Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Info<RunModel>()) ?? throw new JsonException("run.json holds no run.");

    /// <summary>Serialises a value of a type reachable from the pipeline's documents with the pipeline's options.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of those types.</exception>
    public static string SerializeValue<T>(T value) => JsonSerializer.Serialize(value, Info<T>()) + "\n";

    private static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            // run.json is read by people and never embedded in HTML: keep –, ≥ and accented names readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NewLine = "\n",
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = RunJsonContext.Default,
        };
        foreach (var converter in EnumConverters)
        {
            options.Converters.Add(converter);
        }

        options.MakeReadOnly();
        return options;
    }

    private static JsonStringEnumConverter<T> Camel<T>() where T : struct, Enum => new(JsonNamingPolicy.CamelCase);
}

/// <summary>The build-time serialisers of the documents the pipeline writes (see <see cref="RunModelJson"/>).</summary>
[JsonSerializable(typeof(RunModel))]
[JsonSerializable(typeof(MetricsDocument))]
[JsonSerializable(typeof(AxisComparison))]
[JsonSerializable(typeof(ExportValidationReport))]
internal sealed partial class RunJsonContext : JsonSerializerContext;
