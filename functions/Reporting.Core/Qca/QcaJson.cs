using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reporting.Core.Qca;

/// <summary>
/// Writes a QCA result in the field names and notation of the R QCA reference files (docs/qca.md): <c>truth_table.rows</c>
/// with <c>values</c>, <c>OUT</c> (<c>1</c>/<c>0</c>/<c>C</c>/<c>?</c>), <c>n</c>, <c>incl</c>, <c>PRI</c>, <c>cases</c>;
/// <c>conservative</c> and <c>parsimonious</c> with <c>models[]</c>, <c>term_stats[]</c> and <c>solution_stats</c>;
/// <c>necessity</c>. The same result always gives the same bytes.
/// </summary>
public static class QcaJson
{
    /// <summary>The reference notation of a row's output value.</summary>
    public static string OutCode(RowOutput output) => output switch
    {
        RowOutput.Positive => "1",
        RowOutput.Negative => "0",
        RowOutput.Contradiction => "C",
        _ => "?",
    };

    /// <summary>The result as indented JSON (LF line ends), with <paramref name="calibrated"/> columns when given.</summary>
    public static string Write(QcaResult result, IReadOnlyList<QcaColumn>? calibrated = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("outcome", (result.NegatedOutcome ? "~" : "") + result.Outcome);
            w.WriteStartArray("conditions");
            foreach (var c in result.Conditions)
            {
                w.WriteStringValue(c.Name);
            }

            w.WriteEndArray();
            w.WriteStartObject("parameters");
            w.WriteStartArray("incl_cut");
            w.WriteNumberValue(result.CutOffs.InclCut);
            if (result.CutOffs.ContradictionCut is { } ic0)
            {
                w.WriteNumberValue(ic0);
            }

            w.WriteEndArray();
            w.WriteNumber("n_cut", result.CutOffs.NCut);
            w.WriteNumber("pri_cut", result.CutOffs.PriCut);
            w.WriteBoolean("row_dom", result.CutOffs.RowDominance);
            w.WriteStartArray("noflevels");
            foreach (var c in result.Conditions)
            {
                w.WriteNumberValue(c.Levels);
            }

            w.WriteEndArray();
            w.WriteStartArray("fuzzy_conditions");
            foreach (var c in result.Conditions)
            {
                w.WriteBooleanValue(c.Fuzzy);
            }

            w.WriteEndArray();
            w.WriteEndObject();

            if (calibrated is { Count: > 0 })
            {
                w.WriteStartObject("calibrated");
                foreach (var column in calibrated)
                {
                    w.WriteStartArray(column.Name);
                    foreach (var v in column.Values)
                    {
                        w.WriteNumberValue(v);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteStartObject("truth_table");
            w.WriteStartArray("rows");
            foreach (var row in result.TruthTable.Rows)
            {
                w.WriteStartObject();
                w.WriteNumber("row_id", row.RowId);
                Values(w, result, row.Values);
                w.WriteString("OUT", OutCode(row.Out));
                w.WriteNumber("n", row.N);
                Number(w, "incl", row.Incl);
                Number(w, "PRI", row.Pri);
                Strings(w, "cases", row.Cases);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();

            if (result.SolutionsUnavailableReason is { } reason)
            {
                w.WriteString("solutions_unavailable", reason);
            }

            Solution(w, "conservative", result.Conservative, result);
            Solution(w, "parsimonious", result.Parsimonious, result);
            if (result.ParsimoniousUnavailableReason is { } pr)
            {
                w.WriteString("parsimonious_unavailable", pr);
            }

            if (result.Intermediate.Count > 0)
            {
                w.WriteStartArray("intermediate");
                foreach (var i in result.Intermediate)
                {
                    w.WriteStartObject();
                    w.WriteString("label", i.Label);
                    SolutionBody(w, i.Solution, result);
                    w.WriteStartArray("easy_counterfactuals");
                    foreach (var rowId in i.Solution.EasyCounterfactuals ?? [])
                    {
                        RowRef(w, result, rowId);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteStartArray("necessity");
            foreach (var n in result.Necessity)
            {
                w.WriteStartObject();
                w.WriteString("set", n.Set);
                Number(w, "inclN", n.InclN);
                Number(w, "RoN", n.RoN);
                Number(w, "covN", n.CovN);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Solution(Utf8JsonWriter w, string name, QcaSolution? solution, QcaResult result)
    {
        if (solution is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        SolutionBody(w, solution, result);
        w.WriteEndObject();
    }

    private static void SolutionBody(Utf8JsonWriter w, QcaSolution solution, QcaResult result)
    {
        w.WriteNumber("n_models", solution.Models.Count);
        w.WriteBoolean("models_complete", solution.ModelsComplete);
        Strings(w, "prime_implicants", solution.PrimeImplicants);
        Strings(w, "essential", solution.Essential);
        w.WriteStartArray("models");
        foreach (var m in solution.Models)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            Strings(w, "terms", m.Terms);
            w.WriteString("expression", m.Expression);
            Terms(w, "term_stats", m.TermStats);
            w.WriteStartObject("solution_stats");
            w.WriteNumber("inclS", m.SolutionStats.InclS);
            Number(w, "PRI", m.SolutionStats.Pri);
            w.WriteNumber("covS", m.SolutionStats.CovS);
            w.WriteEndObject();
            w.WriteStartArray("simplifying_assumptions");
            foreach (var rowId in m.SimplifyingAssumptions)
            {
                RowRef(w, result, rowId);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (solution.OverallTermStats is { } overall)
        {
            Terms(w, "overall_term_stats", overall);
        }
        else
        {
            w.WriteNull("overall_term_stats");
        }
    }

    private static void Terms(Utf8JsonWriter w, string name, IReadOnlyList<TermFit> terms)
    {
        w.WriteStartArray(name);
        foreach (var t in terms)
        {
            w.WriteStartObject();
            w.WriteString("term", t.Term);
            w.WriteNumber("inclS", t.InclS);
            Number(w, "PRI", t.Pri);
            w.WriteNumber("covS", t.CovS);
            if (t.CovU is { } covU)
            {
                w.WriteNumber("covU", covU);
            }

            w.WriteStartArray("cases");
            foreach (var group in t.Cases)
            {
                w.WriteStartArray();
                foreach (var c in group)
                {
                    w.WriteStringValue(c);
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void RowRef(Utf8JsonWriter w, QcaResult result, int rowId)
    {
        w.WriteStartObject();
        w.WriteNumber("row_id", rowId);
        Values(w, result, result.TruthTable.Rows[rowId - 1].Values);
        w.WriteEndObject();
    }

    private static void Values(Utf8JsonWriter w, QcaResult result, IReadOnlyList<int> values)
    {
        w.WriteStartObject("values");
        for (var c = 0; c < values.Count; c++)
        {
            w.WriteNumber(result.Conditions[c].Name, values[c]);
        }

        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
