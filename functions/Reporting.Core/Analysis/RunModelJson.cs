using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reporting.Core.Analysis;

/// <summary>The <c>run.json</c> format: camelCase names, enums as camelCase strings, dates as yyyy-MM-dd, indented, LF.</summary>
public static class RunModelJson
{
    /// <summary>The serializer options of every JSON this pipeline writes (run.json, validation reports, metrics).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // run.json is read by people and never embedded in HTML: keep –, ≥ and accented names readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Serialises a run model; the same model always gives the same text.</summary>
    public static string Serialize(RunModel run) => JsonSerializer.Serialize(run, Options) + "\n";

    /// <summary>Reads a run model written by <see cref="Serialize"/>.</summary>
    public static RunModel Deserialize(string json) =>
        JsonSerializer.Deserialize<RunModel>(json, Options) ?? throw new JsonException("run.json holds no run.");

    /// <summary>Serialises any value with the pipeline's options.</summary>
    public static string SerializeValue<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";
}
