using System.Diagnostics.CodeAnalysis;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>
/// The functions that expressions can call by name. <see cref="CreateDefault"/> holds every DMN 1.5
/// built-in and Camunda's extensions; hosts add their own (for example business-calendar functions)
/// before handing the registry to a <see cref="FeelEngine"/>. Register everything before evaluating:
/// the registry is read concurrently afterwards and is not guarded for writes.
/// </summary>
public sealed class FeelFunctionRegistry
{
    private readonly Dictionary<string, BuiltinFunction> _functions = new(StringComparer.Ordinal);

    /// <summary>The names of all registered functions, including names with spaces such as <c>string length</c>.</summary>
    public IEnumerable<string> Names => _functions.Keys;

    /// <summary>A registry with all built-in functions.</summary>
    public static FeelFunctionRegistry CreateDefault()
    {
        var registry = new FeelFunctionRegistry();
        ConversionFunctions.Register(registry);
        TemporalFunctions.Register(registry);
        BooleanFunctions.Register(registry);
        AgentFunctions.Register(registry);
        StringFunctions.Register(registry);
        NumericFunctions.Register(registry);
        ListFunctions.Register(registry);
        ContextFunctions.Register(registry);
        RangeFunctions.Register(registry);
        RangeConversion.Register(registry);
        return registry;
    }

    /// <summary>Adds an overload to the function <paramref name="name"/>, creating the function if needed.</summary>
    public void Register(string name, FeelFunctionOverload overload)
    {
        if (!_functions.TryGetValue(name, out var function))
        {
            function = new BuiltinFunction(name);
            _functions.Add(name, function);
        }

        function.Add(overload);
    }

    /// <summary>Adds a fixed-arity overload.</summary>
    public void Register(string name, string[] parameters, Func<FeelValue[], FeelEvaluationContext, FeelValue> body) =>
        Register(name, new FeelFunctionOverload(parameters, body));

    /// <summary>Adds an overload whose last parameter collects the remaining arguments into a list.</summary>
    public void RegisterVariadic(string name, string[] parameters, Func<FeelValue[], FeelEvaluationContext, FeelValue> body) =>
        Register(name, new FeelFunctionOverload(parameters, body, Variadic: true));

    /// <summary>Looks a function up by its full name.</summary>
    public bool TryGet(string name, [MaybeNullWhen(false)] out BuiltinFunction function) => _functions.TryGetValue(name, out function);
}
