using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Syntax;

/// <summary><c>[a, b, c]</c>.</summary>
internal sealed class ListNode(Node[] items) : Node
{
    public override bool IsConstant => Array.TrueForAll(items, item => item.IsConstant);

    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        if (items.Length == 0)
        {
            return FeelList.Empty;
        }

        var values = new FeelValue[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            values[i] = items[i].Evaluate(env, context);
        }

        return new FeelList(values);
    }
}

/// <summary><c>{a: 1, "b c": a + 1}</c>: entries are evaluated in order and each sees the ones before it.</summary>
internal sealed class ContextNode(string[] keys, Node[] values) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        if (keys.Length == 0)
        {
            return FeelContext.Empty;
        }

        // The context owns the dictionary; it grows while the entries are evaluated, so a function
        // defined in one entry can call itself or later entries through the context.
        var entries = new OrderedDictionary<string, FeelValue>(keys.Length, StringComparer.Ordinal);
        var result = new FeelContext(entries);
        var inner = Env.Open(env, result);
        for (var i = 0; i < keys.Length; i++)
        {
            entries[keys[i]] = values[i].Evaluate(inner, context);
        }

        return result;
    }
}

/// <summary>
/// A range literal <c>[a..b)</c>, or an open-ended range from a unary comparison used as a value
/// (<c>&lt; 10</c> is the range up to 10 excluded); a missing end point is null.
/// </summary>
internal sealed class RangeNode(Node? start, bool startIncluded, Node? end, bool endIncluded) : Node
{
    public override bool IsConstant => (start is null || start.IsConstant) && (end is null || end.IsConstant);

    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        var low = start?.Evaluate(env, context) ?? FeelNull.Instance;
        var high = end?.Evaluate(env, context) ?? FeelNull.Instance;
        var valid = (start is null || IsEndPoint(low)) && (end is null || IsEndPoint(high)) &&
            (start is null || end is null || string.Equals(low.TypeName, high.TypeName, StringComparison.Ordinal));
        if (!valid)
        {
            context.Warn(FeelWarningKind.InvalidType, $"invalid range: end points '{FeelOperators.Show(low)}' and '{FeelOperators.Show(high)}' are not of one ordered type");
            return FeelNull.Instance;
        }

        return new FeelRange(low, startIncluded, high, endIncluded);
    }

    private static bool IsEndPoint(FeelValue value) => value is FeelNumber or FeelString || FeelOperators.IsTemporal(value);
}

/// <summary><c>function(a, b) body</c>: a closure over the variables in scope where it is defined.</summary>
internal sealed class FunctionDefinitionNode(string[] parameters, Node body, int bodyWeight) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context) => new UserFunction(parameters, body, bodyWeight, env);
}
