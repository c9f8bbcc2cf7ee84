using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>Built-in boolean functions: DMN's <c>not</c> and Camunda's <c>is defined</c>, <c>get or else</c> and <c>assert</c>.</summary>
internal static class BooleanFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register("not", ["negand"], Not);
        registry.Register("is defined", ["value"], (a, _) => FeelBoolean.Of(!a[0].IsNull));
        registry.Register("get or else", ["value", "default"], (a, _) => a[0].IsNull ? a[1] : a[0]);
        registry.Register("assert", ["value", "condition"], (a, c) => Assert(a[0], a[1], "assert: the condition is not fulfilled", c));
        registry.Register("assert", ["value", "condition", "cause"], (a, c) => Assert(a[0], a[1], a[2] is FeelString s ? s.Value : a[2].ToString(), c));
    }

    private static FeelValue Not(FeelValue[] args, FeelEvaluationContext context)
    {
        switch (args[0])
        {
            case FeelBoolean b:
                return FeelBoolean.Of(!b.Value);
            case FeelNull:
                return FeelNull.Instance;
            default:
                FunctionArgs.Boolean("not", args[0], context, out _);
                return FeelNull.Instance;
        }
    }

    private static FeelValue Assert(FeelValue value, FeelValue condition, string cause, FeelEvaluationContext context)
    {
        if (condition is FeelBoolean { Value: true })
        {
            return value;
        }

        context.Warn(FeelWarningKind.AssertionFailure, cause);
        return FeelNull.Instance;
    }
}
