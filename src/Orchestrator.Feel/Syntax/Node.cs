using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Syntax;

/// <summary>
/// A node of a parsed expression. Nodes are immutable after parsing and evaluate themselves, so a
/// parsed expression can be evaluated concurrently: all per-evaluation state lives in the
/// <see cref="Env"/> chain and the <see cref="FeelEvaluationContext"/>.
/// </summary>
internal abstract class Node
{
    /// <summary>
    /// True when the node reads no variable and calls no function, so that every evaluation gives the same value: a literal,
    /// and a list or range of constants.
    /// </summary>
    public virtual bool IsConstant => false;

    public abstract FeelValue Evaluate(Env? env, FeelEvaluationContext context);

    /// <summary>The value of a constant node, evaluated once; null when the node is not constant or warns (its warning must be kept).</summary>
    public static FeelValue? Fold(Node node, FeelEngine engine)
    {
        if (!node.IsConstant)
        {
            return null;
        }

        var context = new FeelEvaluationContext(engine.Options.Clock, engine.Functions);
        var value = FeelEngine.Guard(node, null, context);
        return context.WarningCount == 0 ? value : null;
    }
}

/// <summary>A literal; its value is built once, at parse time.</summary>
internal sealed class LiteralNode(FeelValue value) : Node
{
    public FeelValue Value { get; } = value;

    public override bool IsConstant => true;

    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context) => Value;
}

/// <summary>
/// A variable reference: local bindings first, then the caller's variables (both in the
/// <see cref="Env"/> chain), then a built-in function of that name, else null with a warning.
/// </summary>
internal sealed class NameNode(string name) : Node
{
    public string Name { get; } = name;

    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        if (Env.TryLookup(env, Name, out var value))
        {
            return value;
        }

        if (context.Functions.TryGet(Name, out var function))
        {
            return function;
        }

        context.Warn(FeelWarningKind.NoVariableFound, $"no variable found with name '{Name}'");
        return FeelNull.Instance;
    }
}

/// <summary>The input value <c>?</c> of a unary test.</summary>
internal sealed class InputNode : Node
{
    public const string Symbol = "?";

    public static readonly InputNode Instance = new();

    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        if (Env.TryLookup(env, Symbol, out var value))
        {
            return value;
        }

        context.Warn(FeelWarningKind.NoVariableFound, "no input value: '?' can only be used in unary tests");
        return FeelNull.Instance;
    }
}
