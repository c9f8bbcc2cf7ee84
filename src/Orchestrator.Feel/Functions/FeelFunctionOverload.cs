using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>
/// One signature of a built-in function: parameter names (as FEEL names them, for named
/// invocation) and the body. A variadic overload collects all arguments from its last parameter
/// on into one <see cref="FeelList"/> (for <c>min(1, 2, 3)</c> next to <c>min([1, 2, 3])</c>).
/// </summary>
/// <param name="Parameters">Parameter names in order, e.g. <c>["string", "start position", "length"]</c>.</param>
/// <param name="Body">The implementation. It receives exactly <c>Parameters.Count</c> arguments and must not throw.</param>
/// <param name="Variadic">True when the last parameter takes the rest of the arguments as a list.</param>
public sealed record FeelFunctionOverload(
    IReadOnlyList<string> Parameters,
    Func<FeelValue[], FeelEvaluationContext, FeelValue> Body,
    bool Variadic = false);
