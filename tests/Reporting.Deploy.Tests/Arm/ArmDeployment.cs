using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reporting.Deploy.Tests.Arm;

/// <summary>One resource of an evaluated deployment: names, ids and properties with every expression evaluated.</summary>
/// <param name="Module">The nested deployment (module) path that declares it, "" for the main template.</param>
/// <param name="Type">The resource type, e.g. Microsoft.Storage/storageAccounts/blobServices/containers.</param>
/// <param name="Name">The full name, parent names included: account/default/exports.</param>
/// <param name="Id">The resource id ARM gives it in the test subscription and resource group.</param>
/// <param name="Deployed">False when the resource's condition is false for these parameters.</param>
/// <param name="Body">The resource as ARM receives it (a nested deployment without its template).</param>
internal sealed record ArmResource(string Module, string Type, string Name, string Id, bool Deployed, JsonObject Body)
{
    public JsonObject Properties => Body["properties"]?.AsObject() ?? [];

    /// <summary>The last segment of the name: "exports" for "account/default/exports".</summary>
    public string LastName => Name[(Name.LastIndexOf('/') + 1)..];
}

/// <summary>
/// The compiled ARM JSON of infra/ deployed on paper: parameters bound and validated as ARM does, variables and
/// expressions evaluated, resource loops expanded, conditions applied, nested deployments (Bicep modules) deployed
/// with the parameters their parent passes, module outputs fed to later modules. What only Azure knows (endpoints,
/// principal ids) stays a <see cref="RuntimeValue"/> naming the resource and property. A function the evaluator does
/// not model fails loudly, so nothing is silently skipped. Language version 2 templates are not supported.
/// </summary>
internal sealed class ArmDeployment
{
    private ArmDeployment(IReadOnlyList<ArmResource> resources, JsonObject outputs, ArmEnvironment environment)
    {
        Resources = resources;
        Outputs = outputs;
        Environment = environment;
    }

    /// <summary>Every resource, of the main template and of every module, in deployment order.</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    /// <summary>The main template's outputs, name to value.</summary>
    public JsonObject Outputs { get; }

    public ArmEnvironment Environment { get; }

    public static ArmDeployment Evaluate(JsonElement template, IReadOnlyDictionary<string, object?> parameters, ArmEnvironment? environment = null)
    {
        var env = environment ?? ArmEnvironment.Test;
        var resources = new List<ArmResource>();
        var scope = new TemplateScope(template, parameters, env, "", resources);
        scope.DeployAll();
        var outputs = new JsonObject();
        foreach (var (name, output) in scope.EvaluateOutputs())
        {
            outputs[name] = ArmValues.ToJson(output["value"]);
        }

        return new ArmDeployment(resources, outputs, env);
    }

    /// <summary>The deployed resources of one type (conditions that came out false excluded).</summary>
    public IReadOnlyList<ArmResource> OfType(string type) =>
        [.. Resources.Where(r => r.Deployed && string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase))];

    public ArmResource Single(string type)
    {
        var matches = OfType(type);
        return matches.Count == 1 ? matches[0] : throw new InvalidOperationException($"Expected one deployed {type}, found {matches.Count}.");
    }

    /// <summary>The deployed resource with this id, or null.</summary>
    public ArmResource? ById(string id) =>
        Resources.FirstOrDefault(r => r.Deployed && string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>One template's evaluation scope: its parameters, variables, loops and nested deployments.</summary>
    private sealed class TemplateScope
    {
        private const string DeploymentsType = "Microsoft.Resources/deployments";

        private readonly JsonElement _template;
        private readonly ArmEnvironment _env;
        private readonly string _module;
        private readonly List<ArmResource> _sink;
        private readonly Dictionary<string, object?> _parameters = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, object?> _variables = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _variablesInProgress = new(StringComparer.OrdinalIgnoreCase);
        private readonly JsonElement[] _definitions;
        private readonly HashSet<int> _deployed = [];
        private readonly HashSet<int> _deploying = [];
        private readonly Dictionary<string, Dictionary<string, object?>> _moduleOutputs = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<(string Name, int Index)> _loops = [];

        public TemplateScope(JsonElement template, IReadOnlyDictionary<string, object?> parameters, ArmEnvironment env, string module, List<ArmResource> sink)
        {
            _template = template;
            _env = env;
            _module = module;
            _sink = sink;
            if (template.TryGetProperty("languageVersion", out var languageVersion))
            {
                throw new NotSupportedException($"Template languageVersion {languageVersion} (symbolic resource names) is not modelled; keep infra/ on the default language version.");
            }

            _definitions = template.TryGetProperty("resources", out var resources) ? [.. resources.EnumerateArray()] : [];
            BindParameters(parameters);
        }

        public void DeployAll()
        {
            for (var i = 0; i < _definitions.Length; i++)
            {
                Deploy(i);
            }
        }

        public Dictionary<string, Dictionary<string, object?>> EvaluateOutputs()
        {
            var outputs = new Dictionary<string, Dictionary<string, object?>>(StringComparer.OrdinalIgnoreCase);
            if (_template.TryGetProperty("outputs", out var declared))
            {
                foreach (var output in declared.EnumerateObject())
                {
                    if (output.Value.TryGetProperty("copy", out _))
                    {
                        throw new NotSupportedException($"Output loops ({output.Name}) are not modelled.");
                    }

                    outputs[output.Name] = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
                    {
                        ["type"] = output.Value.GetProperty("type").GetString(),
                        ["value"] = Evaluate(output.Value.GetProperty("value")),
                    };
                }
            }

            return outputs;
        }

        private void BindParameters(IReadOnlyDictionary<string, object?> provided)
        {
            var declared = _template.TryGetProperty("parameters", out var p) ? p : default;
            var names = declared.ValueKind == JsonValueKind.Object ? declared.EnumerateObject().Select(x => x.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) : [];
            var unknown = provided.Keys.Where(k => !names.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException($"{Where}: parameters not declared by the template: {string.Join(", ", unknown)}.");
            }

            if (declared.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            // In declaration order, so a default may use an earlier parameter as ARM allows.
            foreach (var parameter in declared.EnumerateObject())
            {
                object? value;
                if (provided.TryGetValue(parameter.Name, out var given))
                {
                    value = given;
                }
                else if (parameter.Value.TryGetProperty("defaultValue", out var defaultValue))
                {
                    value = Evaluate(defaultValue);
                }
                else
                {
                    throw new InvalidOperationException($"{Where}: parameter {parameter.Name} has no value and no default.");
                }

                ValidateParameter(parameter.Name, parameter.Value, value);
                _parameters[parameter.Name] = value;
            }
        }

        private void ValidateParameter(string name, JsonElement definition, object? value)
        {
            var type = definition.GetProperty("type").GetString()!.ToUpperInvariant();
            var typeOk = type switch
            {
                "STRING" or "SECURESTRING" => value is string or RuntimeValue,
                "INT" => value is long,
                "BOOL" => value is bool,
                "OBJECT" or "SECUREOBJECT" => value is IReadOnlyDictionary<string, object?>,
                "ARRAY" => value is IReadOnlyList<object?>,
                _ => throw new NotSupportedException($"{Where}: parameter type {type}."),
            };
            if (!typeOk)
            {
                throw new InvalidOperationException($"{Where}: parameter {name} is {type.ToLowerInvariant()}, given {ArmValues.ToText(value)}.");
            }

            if (definition.TryGetProperty("allowedValues", out var allowed) && value is not IReadOnlyList<object?>
                && !allowed.EnumerateArray().Any(a => ArmValues.ToText(ArmValues.FromJson(a)) == ArmValues.ToText(value)))
            {
                throw new InvalidOperationException($"{Where}: parameter {name} = {ArmValues.ToText(value)} is not one of its allowed values.");
            }

            var length = value switch { string s => s.Length, IReadOnlyList<object?> l => l.Count, _ => (int?)null };
            if (length is not null && definition.TryGetProperty("minLength", out var minLength) && length < minLength.GetInt32())
            {
                throw new InvalidOperationException($"{Where}: parameter {name} is shorter than {minLength}.");
            }

            if (length is not null && definition.TryGetProperty("maxLength", out var maxLength) && length > maxLength.GetInt32())
            {
                throw new InvalidOperationException($"{Where}: parameter {name} is longer than {maxLength}.");
            }

            if (value is long number && definition.TryGetProperty("minValue", out var minValue) && number < minValue.GetInt64())
            {
                throw new InvalidOperationException($"{Where}: parameter {name} = {number} is below {minValue}.");
            }

            if (value is long n && definition.TryGetProperty("maxValue", out var maxValue) && n > maxValue.GetInt64())
            {
                throw new InvalidOperationException($"{Where}: parameter {name} = {n} is above {maxValue}.");
            }
        }

        private string Where => _module.Length == 0 ? "main template" : $"module {_module}";

        private void Deploy(int index)
        {
            if (_deployed.Contains(index))
            {
                return;
            }

            if (!_deploying.Add(index))
            {
                throw new InvalidOperationException($"{Where}: resource {index} depends on its own outputs.");
            }

            var definition = _definitions[index];
            if (definition.TryGetProperty("copy", out var copy))
            {
                var loop = copy.GetProperty("name").GetString()!;
                var count = AsLong(Evaluate(copy.GetProperty("count")), "copy count");
                for (var i = 0; i < count; i++)
                {
                    _loops.Add((loop, i));
                    DeployOne(definition);
                    _loops.RemoveAt(_loops.Count - 1);
                }
            }
            else
            {
                DeployOne(definition);
            }

            _deploying.Remove(index);
            _deployed.Add(index);
        }

        private void DeployOne(JsonElement definition)
        {
            var type = definition.GetProperty("type").GetString()!;
            var name = ArmValues.ToText(Evaluate(definition.GetProperty("name")));
            var deployed = !definition.TryGetProperty("condition", out var condition) || AsBool(Evaluate(condition), "condition");

            var body = new JsonObject { ["type"] = type, ["name"] = name };
            foreach (var property in definition.EnumerateObject())
            {
                if (property.Name is "type" or "name" or "copy" or "condition")
                {
                    continue;
                }

                body[property.Name] = string.Equals(type, DeploymentsType, StringComparison.OrdinalIgnoreCase) && property.Name == "properties"
                    ? DeploymentProperties(property.Value)
                    : ArmValues.ToJson(Evaluate(property.Value));
            }

            var id = body["scope"] is JsonValue scope
                ? ScopeId(scope.GetValue<string>()) + ArmEnvironment.ProviderPath(type, name.Split('/'))
                : _env.ResourceId(type, name.Split('/'));

            if (string.Equals(type, DeploymentsType, StringComparison.OrdinalIgnoreCase) && deployed)
            {
                _moduleOutputs[id] = DeployModule(name, definition.GetProperty("properties"));
            }

            _sink.Add(new ArmResource(_module, type, name, id, deployed, body));
        }

        /// <summary>A nested deployment's properties without its template, with the parameters it is given evaluated.</summary>
        private JsonObject DeploymentProperties(JsonElement properties)
        {
            var result = new JsonObject();
            foreach (var property in properties.EnumerateObject())
            {
                if (property.Name == "template")
                {
                    continue;
                }

                result[property.Name] = property.Name == "parameters"
                    ? ArmValues.ToJson(ModuleParameters(properties))
                    : ArmValues.ToJson(Evaluate(property.Value));
            }

            return result;
        }

        private Dictionary<string, object?> ModuleParameters(JsonElement properties)
        {
            var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            if (properties.TryGetProperty("parameters", out var parameters))
            {
                foreach (var parameter in parameters.EnumerateObject())
                {
                    values[parameter.Name] = parameter.Value.TryGetProperty("value", out var value)
                        ? Evaluate(value)
                        : throw new NotSupportedException($"{Where}: module parameter {parameter.Name} is not a plain value (a Key Vault reference?).");
                }
            }

            return values;
        }

        private Dictionary<string, object?> DeployModule(string name, JsonElement properties)
        {
            var evaluationScope = properties.TryGetProperty("expressionEvaluationOptions", out var options) && options.TryGetProperty("scope", out var s) ? s.GetString() : "outer";
            if (!string.Equals(evaluationScope, "inner", StringComparison.OrdinalIgnoreCase))
            {
                throw new NotSupportedException($"{Where}: nested deployment {name} evaluates in the outer scope; only Bicep's inner-scope modules are modelled.");
            }

            var nested = new TemplateScope(properties.GetProperty("template"), ModuleParameters(properties), _env, _module.Length == 0 ? name : $"{_module}/{name}", _sink);
            nested.DeployAll();
            return new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                ["outputs"] = nested.EvaluateOutputs().ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.OrdinalIgnoreCase),
            };
        }

        /// <summary>An extension resource's scope as a full id: Bicep writes scopes in the resource group relatively.</summary>
        private string ScopeId(string scope) => scope.StartsWith('/') ? scope.TrimEnd('/') : $"{_env.ResourceGroupId}/providers/{scope}";

        private object? Evaluate(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    var text = element.GetString()!;
                    return ArmExpression.IsExpression(text) ? Evaluate(ArmExpression.Parse(text)) : ArmExpression.Unescape(text);
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(Evaluate).ToList();
                case JsonValueKind.Object:
                    if (element.TryGetProperty("copy", out var copy) && copy.ValueKind == JsonValueKind.Array)
                    {
                        throw new NotSupportedException($"{Where}: property or variable loops are not modelled.");
                    }

                    var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in element.EnumerateObject())
                    {
                        result[property.Name] = Evaluate(property.Value);
                    }

                    return result;
                default:
                    return ArmValues.FromJson(element);
            }
        }

        private object? Evaluate(ArmExpression expression) => expression switch
        {
            ArmLiteral literal => literal.Value,
            ArmMember member => Member(Evaluate(member.Target), member.Name),
            ArmIndex index => Index(Evaluate(index.Target), Evaluate(index.Index)),
            ArmCall call => Call(call.Name, call.Arguments),
            _ => throw new NotSupportedException(expression.GetType().Name),
        };

        private object? Member(object? target, string name) => target switch
        {
            RuntimeValue runtime => runtime.Member(name),
            IReadOnlyDictionary<string, object?> map => map.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"{Where}: no property '{name}' (has {string.Join(", ", map.Keys)})."),
            _ => throw new InvalidOperationException($"{Where}: '.{name}' on {ArmValues.ToText(target)}."),
        };

        private object? Index(object? target, object? index) => (target, index) switch
        {
            (IReadOnlyList<object?> list, long i) when i >= 0 && i < list.Count => list[(int)i],
            (IReadOnlyDictionary<string, object?> map, string key) => Member(map, key),
            (RuntimeValue runtime, var key) => runtime.Member(ArmValues.ToText(key)),
            _ => throw new InvalidOperationException($"{Where}: index {ArmValues.ToText(index)} into {ArmValues.ToText(target)}."),
        };

        private object? Call(string name, IReadOnlyList<ArmExpression> arguments)
        {
            // if() evaluates only the branch it takes, as ARM does.
            if (string.Equals(name, "if", StringComparison.OrdinalIgnoreCase))
            {
                Arity(name, arguments, 3, 3);
                return Evaluate(AsBool(Evaluate(arguments[0]), "if condition") ? arguments[1] : arguments[2]);
            }

            var args = arguments.Select(Evaluate).ToList();
            switch (name.ToUpperInvariant())
            {
                case "PARAMETERS":
                    Arity(name, args, 1, 1);
                    return _parameters.TryGetValue(AsString(args[0]), out var parameter) ? parameter : throw new InvalidOperationException($"{Where}: parameters('{args[0]}') is not declared.");
                case "VARIABLES":
                    Arity(name, args, 1, 1);
                    return Variable(AsString(args[0]));
                case "FORMAT":
                    return Format(AsString(args[0]), args.Skip(1).ToList());
                case "CONCAT":
                    return args.Count > 0 && args[0] is IReadOnlyList<object?>
                        ? args.SelectMany(a => a as IReadOnlyList<object?> ?? throw new InvalidOperationException("concat() mixes arrays and strings.")).ToList()
                        : string.Concat(args.Select(ArmValues.ToText));
                case "TAKE":
                    Arity(name, args, 2, 2);
                    var take = (int)AsLong(args[1], "take count");
                    return args[0] switch
                    {
                        string s => s[..Math.Min(take, s.Length)],
                        IReadOnlyList<object?> list => list.Take(take).ToList(),
                        _ => throw new InvalidOperationException($"take() of {ArmValues.ToText(args[0])}."),
                    };
                case "TOLOWER":
                    return AsString(args[0]).ToLowerInvariant();
                case "TOUPPER":
                    return AsString(args[0]).ToUpperInvariant();
                case "UNIQUESTRING":
                    return UniqueString(args);
                case "GUID":
                    return Guid(args);
                case "SUBSCRIPTION":
                    return Map(("id", _env.SubscriptionScope), ("subscriptionId", _env.SubscriptionId), ("tenantId", _env.TenantId), ("displayName", "test subscription"));
                case "TENANT":
                    return Map(("tenantId", _env.TenantId));
                case "RESOURCEGROUP":
                    return Map(("id", _env.ResourceGroupId), ("name", _env.ResourceGroupName), ("location", _env.Location), ("type", "Microsoft.Resources/resourceGroups"));
                case "ENVIRONMENT":
                    return Map(("name", "AzureCloud"), ("suffixes", Map(("storage", "core.windows.net"), ("keyvaultDns", ".vault.azure.net"))));
                case "RESOURCEID":
                    return ResourceIdFunction(args);
                case "SUBSCRIPTIONRESOURCEID":
                    return _env.SubscriptionResourceId(AsString(args[0]), [.. args.Skip(1).Select(AsString)]);
                case "EXTENSIONRESOURCEID":
                    return AsString(args[0]).TrimEnd('/') + ArmEnvironment.ProviderPath(AsString(args[1]), [.. args.Skip(2).Select(AsString)]);
                case "REFERENCE":
                    return Reference(args);
                case "COPYINDEX":
                    return CopyIndex(args);
                case "LENGTH":
                    return args[0] switch
                    {
                        string s => (long)s.Length,
                        IReadOnlyList<object?> list => list.Count,
                        IReadOnlyDictionary<string, object?> map => map.Count,
                        _ => throw new InvalidOperationException($"length() of {ArmValues.ToText(args[0])}."),
                    };
                case "EMPTY":
                    return args[0] switch
                    {
                        null => true,
                        string s => s.Length == 0,
                        IReadOnlyList<object?> list => list.Count == 0,
                        IReadOnlyDictionary<string, object?> map => map.Count == 0,
                        RuntimeValue r => throw new NotSupportedException($"{Where}: empty() of {r}, which only Azure knows."),
                        _ => false,
                    };
                case "NOT":
                    return !AsBool(args[0], "not()");
                case "AND":
                    return args.All(a => AsBool(a, "and()"));
                case "OR":
                    return args.Any(a => AsBool(a, "or()"));
                case "EQUALS":
                    Arity(name, args, 2, 2);
                    return args[0] is not RuntimeValue && args[1] is not RuntimeValue
                        ? ArmValues.ToText(args[0]) == ArmValues.ToText(args[1]) && args[0]?.GetType() == args[1]?.GetType()
                        : throw new NotSupportedException($"{Where}: equals() on a value only Azure knows.");
                case "COALESCE":
                    return args.FirstOrDefault(a => a is not null);
                case "STRING":
                    return ArmValues.ToText(args[0]);
                case "INT":
                    return args[0] is long n ? n : long.Parse(AsString(args[0]), CultureInfo.InvariantCulture);
                case "BOOL":
                    return args[0] is bool b ? b : bool.Parse(AsString(args[0]));
                case "TRUE":
                    return true;
                case "FALSE":
                    return false;
                case "NULL":
                    return null;
                case "CREATEARRAY":
                    return args;
                case "CREATEOBJECT":
                    var created = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    for (var i = 0; i + 1 < args.Count; i += 2)
                    {
                        created[AsString(args[i])] = args[i + 1];
                    }

                    return created;
                case "UNION":
                    if (args.All(a => a is IReadOnlyDictionary<string, object?>))
                    {
                        var merged = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                        foreach (var map in args.Cast<IReadOnlyDictionary<string, object?>>())
                        {
                            foreach (var (key, value) in map)
                            {
                                merged[key] = value;
                            }
                        }

                        return merged;
                    }

                    return args.SelectMany(a => (IReadOnlyList<object?>)a!).DistinctBy(ArmValues.ToText).ToList();
                case "CONTAINS":
                    return args[0] switch
                    {
                        string s => s.Contains(AsString(args[1]), StringComparison.Ordinal),
                        IReadOnlyList<object?> list => list.Any(x => ArmValues.ToText(x) == ArmValues.ToText(args[1])),
                        IReadOnlyDictionary<string, object?> map => map.ContainsKey(AsString(args[1])),
                        _ => throw new InvalidOperationException($"contains() on {ArmValues.ToText(args[0])}."),
                    };
                case "FIRST":
                    return args[0] is string first ? first[..1] : ((IReadOnlyList<object?>)args[0]!)[0];
                case "LAST":
                    return args[0] is string last ? last[^1..] : ((IReadOnlyList<object?>)args[0]!)[^1];
                case "SPLIT":
                    return AsString(args[0]).Split(AsString(args[1])).Cast<object?>().ToList();
                case "REPLACE":
                    return AsString(args[0]).Replace(AsString(args[1]), AsString(args[2]), StringComparison.Ordinal);
                default:
                    throw new NotSupportedException($"{Where}: the ARM function {name}() is not modelled by the test evaluator; add it to {nameof(ArmDeployment)} when infra/ starts using it.");
            }
        }

        private object? Variable(string name)
        {
            if (_variables.TryGetValue(name, out var cached))
            {
                return cached;
            }

            if (!_template.TryGetProperty("variables", out var variables) || !variables.TryGetProperty(name, out var definition))
            {
                throw new InvalidOperationException($"{Where}: variables('{name}') is not declared.");
            }

            if (!_variablesInProgress.Add(name))
            {
                throw new InvalidOperationException($"{Where}: variable {name} refers to itself.");
            }

            var value = Evaluate(definition);
            _variablesInProgress.Remove(name);
            _variables[name] = value;
            return value;
        }

        private string ResourceIdFunction(List<object?> args)
        {
            // resourceId([subscriptionId], [resourceGroupName], type, name1, name2...): the type is the first argument with a '/'.
            var strings = args.Select(AsString).ToList();
            var typeAt = strings.FindIndex(s => s.Contains('/', StringComparison.Ordinal));
            if (typeAt < 0)
            {
                throw new InvalidOperationException($"{Where}: resourceId({string.Join(", ", strings)}) names no resource type.");
            }

            var subscription = typeAt == 2 ? strings[0] : _env.SubscriptionId;
            var group = typeAt >= 1 ? strings[typeAt - 1] : _env.ResourceGroupName;
            return $"/subscriptions/{subscription}/resourceGroups/{group}" + ArmEnvironment.ProviderPath(strings[typeAt], strings.Skip(typeAt + 1).ToList());
        }

        private object? Reference(List<object?> args)
        {
            var id = AsString(args[0]);
            if (!id.StartsWith('/'))
            {
                throw new NotSupportedException($"{Where}: reference('{id}') by name is not modelled; Bicep references resources by id.");
            }

            // A module's outputs: deploy that module (once) and return what it outputs.
            for (var i = 0; i < _definitions.Length; i++)
            {
                var definition = _definitions[i];
                if (string.Equals(definition.GetProperty("type").GetString(), DeploymentsType, StringComparison.OrdinalIgnoreCase)
                    && !definition.TryGetProperty("copy", out _)
                    && string.Equals(_env.ResourceId(DeploymentsType, ArmValues.ToText(Evaluate(definition.GetProperty("name")))), id, StringComparison.OrdinalIgnoreCase))
                {
                    Deploy(i);
                    return _moduleOutputs.TryGetValue(id, out var outputs) ? outputs : throw new InvalidOperationException($"{Where}: module {id} is not deployed (condition false) but its outputs are used.");
                }
            }

            var full = args.Count > 2 && string.Equals(AsString(args[2]), "full", StringComparison.OrdinalIgnoreCase);
            return new RuntimeValue(id, full ? "" : "properties");
        }

        private long CopyIndex(List<object?> args)
        {
            if (_loops.Count == 0)
            {
                throw new InvalidOperationException($"{Where}: copyIndex() outside a loop.");
            }

            var loop = args.Count > 0 && args[0] is string loopName ? loopName : null;
            var offset = args.LastOrDefault() is long o ? o : 0;
            var index = loop is null ? _loops[^1].Index : _loops.LastOrDefault(l => l.Name == loop) is { Name: not null } found ? found.Index : throw new InvalidOperationException($"{Where}: copyIndex('{loop}') outside that loop.");
            return index + offset;
        }

        private static string Format(string format, List<object?> args)
        {
            var result = new StringBuilder();
            for (var i = 0; i < format.Length; i++)
            {
                var c = format[i];
                if (c == '{' && i + 1 < format.Length && format[i + 1] == '{')
                {
                    result.Append('{');
                    i++;
                }
                else if (c == '}' && i + 1 < format.Length && format[i + 1] == '}')
                {
                    result.Append('}');
                    i++;
                }
                else if (c == '{')
                {
                    var end = format.IndexOf('}', i);
                    var slot = format[(i + 1)..end];
                    if (!int.TryParse(slot, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n >= args.Count)
                    {
                        throw new NotSupportedException($"format('{format}'): slot {{{slot}}} is not modelled.");
                    }

                    result.Append(ArmValues.ToText(args[n]));
                    i = end;
                }
                else
                {
                    result.Append(c);
                }
            }

            return result.ToString();
        }

        /// <summary>A stand-in for ARM's uniqueString(): 13 lowercase characters, deterministic in its arguments.</summary>
        private static string UniqueString(List<object?> args) =>
            Convert.ToHexString(Hash(args))[..13].ToLowerInvariant();

        /// <summary>A stand-in for ARM's guid(): a GUID deterministic in its arguments.</summary>
        private static string Guid(List<object?> args) => new Guid(Hash(args)[..16]).ToString("D", CultureInfo.InvariantCulture);

        private static byte[] Hash(List<object?> args) =>
            SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', args.Select(ArmValues.ToText))));

        private static Dictionary<string, object?> Map(params (string Key, object? Value)[] pairs) =>
            pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

        private string AsString(object? value) =>
            value switch
            {
                string s => s,
                RuntimeValue r => r.ToString(),
                _ => throw new InvalidOperationException($"{Where}: expected a string, got {ArmValues.ToText(value)}."),
            };

        private long AsLong(object? value, string what) =>
            value as long? ?? throw new InvalidOperationException($"{Where}: {what} is not an integer: {ArmValues.ToText(value)}.");

        private bool AsBool(object? value, string what) =>
            value as bool? ?? throw new InvalidOperationException($"{Where}: {what} is not a boolean: {ArmValues.ToText(value)}.");

        private static void Arity<T>(string name, IReadOnlyList<T> args, int min, int max)
        {
            if (args.Count < min || args.Count > max)
            {
                throw new InvalidOperationException($"{name}() takes {min}-{max} arguments, got {args.Count}.");
            }
        }
    }
}
