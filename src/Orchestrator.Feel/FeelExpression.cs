using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Syntax;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel;

/// <summary>A parsed expression, ready to evaluate any number of times, from any thread.</summary>
public sealed class FeelExpression
{
    private readonly Node _root;
    private readonly FeelEngine _engine;

    internal FeelExpression(string text, Node root, FeelEngine engine)
    {
        Text = text;
        _root = root;
        _engine = engine;
        Constant = Node.Fold(root, engine);
    }

    /// <summary>The expression text.</summary>
    public string Text { get; }

    /// <summary>
    /// The value of a constant expression (a literal such as <c>"full refund"</c> or <c>100</c>, or a list or range of them),
    /// computed once when parsed: what <see cref="Evaluate"/> gives, without warnings, whatever the variables. Null (CLR) when
    /// the expression reads variables, calls functions, or warns.
    /// </summary>
    public FeelValue? Constant { get; }

    /// <summary>Evaluates against <paramref name="variables"/> (none when null).</summary>
    public FeelResult Evaluate(IFeelScope? variables = null)
    {
        var context = new FeelEvaluationContext(_engine.Options.Clock, _engine.Functions);
        var env = variables is null ? null : Env.Open(null, variables);
        var value = FeelEngine.Guard(_root, env, context);
        return new FeelResult(value, context.Warnings);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
