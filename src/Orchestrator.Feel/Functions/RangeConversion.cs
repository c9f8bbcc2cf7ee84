using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Syntax;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>
/// DMN 1.5 <c>range(from)</c>: converts range literal text (<c>"[18..21)"</c>, <c>"&gt;= 5"</c>,
/// <c>"[date(\"2020-01-01\")..@\"2020-12-31\"]"</c>) into a range. The text is parsed with the
/// expression parser; its end points are evaluated without variables.
/// </summary>
internal static class RangeConversion
{
    private const string Name = "range";

    // The text holds one range; deeper nesting than this is not a range literal anyway.
    private const int MaxNestingDepth = 32;

    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(Name, ["from"], Convert);
    }

    private static FeelValue Convert(FeelValue[] args, FeelEvaluationContext context)
    {
        if (!FunctionArgs.String(Name, args[0], context, out var text))
        {
            return FeelNull.Instance;
        }

        Node node;
        try
        {
            node = Parser.ParseExpression(text, NameIndex.Create(context.Functions.Names), MaxNestingDepth);
        }
        catch (FeelParseException ex)
        {
            return FunctionArgs.Fail(Name, $"'{text}' is not a range literal: {ex.Message}", context);
        }

        if (node is not RangeNode)
        {
            return FunctionArgs.Fail(Name, $"'{text}' is not a range literal", context);
        }

        return node.Evaluate(null, context);
    }
}
