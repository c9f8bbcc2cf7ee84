using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>Built-in boolean functions (DMN 1.5 §10.3.4.2) and Camunda's <c>is defined</c> and <c>assert</c>.</summary>
internal static class BooleanFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        registry.Register("not", ["negand"], (a, c) => a[0] is FeelBoolean b ? FeelBoolean.Of(!b.Value) : NotBoolean(a[0], c));
        registry.Register("is defined", ["value"], (a, _) => FeelBoolean.Of(a[0] is not FeelNull));
        registry.Register("assert", ["value", "condition"], (a, c) => Assert(a[0], a[1], null, c));
        registry.Register("assert", ["value", "condition", "cause"], (a, c) => Assert(a[0], a[1], a[2], c));
    }

    private static FeelNull NotBoolean(FeelValue value, FeelEvaluationContext context)
    {
        if (value is not FeelNull)
        {
            context.Warn(FeelWarningKind.InvalidType, $"not: expected a boolean but found {value.TypeName} '{value}'");
        }

        return FeelNull.Instance;
    }

    /// <summary>Camunda's assertion: the value when the condition holds; otherwise null and a warning carrying the cause.</summary>
    private static FeelValue Assert(FeelValue value, FeelValue condition, FeelValue? cause, FeelEvaluationContext context)
    {
        if (condition is FeelBoolean { Value: true })
        {
            return value;
        }

        var message = cause is FeelString s ? s.Value : $"the condition is not fulfilled by '{value}'";
        context.Warn(FeelWarningKind.AssertionFailure, message);
        return FeelNull.Instance;
    }
}
