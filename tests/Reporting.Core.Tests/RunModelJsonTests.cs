using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Reporting.Core.Analysis;
using Reporting.Core.Export;
using Reporting.Core.Validation;

namespace Reporting.Core.Tests;

/// <summary>
/// run.json and the other documents are written by serialisers generated at build time. These tests hold them to what
/// the reflection-based serialiser with the same settings writes (the one the pipeline used before), on whole runs.
/// </summary>
public class RunModelJsonTests
{
    // The settings the pipeline's JSON had when it was serialised by reflection: any difference is a change of format.
    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static TheoryData<string> Samples => new() { "peer-support-synthetic", "upsides-synthetic" };

    [Theory]
    [MemberData(nameof(Samples))]
    public void RunJson_SameTextAsReflection(string sample)
    {
        var run = Run(sample, qca: null);

        var generated = RunModelJson.Serialize(run);

        Assert.Equal(JsonSerializer.Serialize(run, Reflection) + "\n", generated);
        Assert.Equal(generated, RunModelJson.Serialize(RunModelJson.Deserialize(generated)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void RunJson_WrittenToAStream_SameBytesAsTheTextInUtf8(string sample)
    {
        // The CLI and the app write run.json through the stream; the text is what the tests and readers compare. Both
        // must be the same bytes: UTF-8 without a byte-order mark, the final newline included. The samples' names hold
        // en dashes and accents.
        var run = Run(sample, qca: null);
        using var stream = new MemoryStream();

        RunModelJson.Serialize(stream, run);

        var text = RunModelJson.Serialize(run);
        Assert.Contains(text, c => c > 127);
        Assert.Equal(new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text), stream.ToArray());
    }

    [Fact]
    public void RunJson_WithQca_SameTextAsReflection()
    {
        // QCA results carry types the samples without a QCA do not reach.
        var run = Run("peer-support-synthetic", """{ "outcome": "engagement", "conditions": ["employer=nhs", "locality=urban"], "inclCut": 0.8 }""");
        Assert.NotNull(run.Qca?.Result);

        Assert.Equal(JsonSerializer.Serialize(run, Reflection) + "\n", RunModelJson.Serialize(run));
    }

    [Fact]
    public void OtherDocuments_SameTextAsReflection()
    {
        var files = SampleFiles("peer-support-synthetic", qca: null);
        var result = TrialPipeline.Run(files);
        var run = result.Run!;
        var metrics = MetricsDocument.From(run);
        var report = ExportValidationReport.From(result);
        var comparison = run.Comparisons[0];

        Assert.Equal(JsonSerializer.Serialize(metrics, Reflection) + "\n", RunModelJson.SerializeValue(metrics));
        Assert.Equal(JsonSerializer.Serialize(report, Reflection) + "\n", RunModelJson.SerializeValue(report));
        Assert.Equal(JsonSerializer.Serialize(comparison, Reflection) + "\n", RunModelJson.SerializeValue(comparison));
        // Enums are camelCase strings, nullable ones too (a file's kind).
        Assert.Contains("\"kind\": \"contacts\"", RunModelJson.SerializeValue(report), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryEnumReachableFromTheDocuments_HasItsCamelCaseConverter()
    {
        var enums = new HashSet<Type>();
        var seen = new HashSet<Type>();
        foreach (var root in new[] { typeof(RunModel), typeof(MetricsDocument), typeof(AxisComparison), typeof(ExportValidationReport) })
        {
            Walk(root, seen, enums);
        }

        Assert.Contains(typeof(Severity), enums);
        Assert.Contains(typeof(DatasetKind), enums);
        var missing = enums.Where(e => !RunModelJson.EnumConverters.Any(c => c.CanConvert(e))).Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "No camelCase converter in RunModelJson.EnumConverters for: " + string.Join(", ", missing));
    }

    [Fact]
    public void SerializeValue_TypeOutsideTheDocuments_Refused()
    {
        var error = Assert.Throws<NotSupportedException>(() => RunModelJson.SerializeValue(new Uri("https://example.org/")));
        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
    }

    private static void Walk(Type type, HashSet<Type> seen, HashSet<Type> enums)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!seen.Add(type))
        {
            return;
        }

        if (type.IsEnum)
        {
            enums.Add(type);
            return;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Walk(argument, seen, enums);
            }
        }

        if (type.IsArray)
        {
            Walk(type.GetElementType()!, seen, enums);
        }

        if (type.Namespace?.StartsWith("Reporting.", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Walk(property.PropertyType, seen, enums);
        }
    }

    private static RunModel Run(string sample, string? qca) => TrialPipeline.Run(SampleFiles(sample, qca)).Run!;

    private static List<ExportFile> SampleFiles(string sample, string? qca) =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "samples", sample))
            .Where(f => ExportFiles.Recognise(f) is not null)
            .Select(f =>
            {
                if (qca is null || Path.GetFileName(f) != "trial.json")
                {
                    return new ExportFile(Path.GetFileName(f), () => File.OpenRead(f));
                }

                var trial = JsonNode.Parse(File.ReadAllText(f))!.AsObject();
                trial["qca"] = JsonNode.Parse(qca);
                return ExportFile.FromBytes("trial.json", System.Text.Encoding.UTF8.GetBytes(trial.ToJsonString()));
            })
            .ToList();
}
