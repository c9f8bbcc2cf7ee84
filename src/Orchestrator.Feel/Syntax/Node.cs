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
    public abstract FeelValue Evaluate(Env? env, FeelEvaluationContext context);
}

/// <summary>A literal; its value is built once, at parse time.</summary>
internal sealed class LiteralNode(FeelValue value) : Node
{
    public FeelValue Value { get; } = value;

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
