using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Syntax;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel;

/// <summary>Parsed unary tests, evaluated against an input value (what <c>?</c> stands for).</summary>
public sealed class FeelUnaryTests
{
    private readonly UnaryTestsNode _tests;
    private readonly FeelEngine _engine;

    internal FeelUnaryTests(string text, UnaryTestsNode tests, FeelEngine engine)
    {
        Text = text;
        _tests = tests;
        _engine = engine;
    }

    /// <summary>The unary-tests text.</summary>
    public string Text { get; }

    /// <summary>True when <paramref name="input"/> satisfies any of the tests (FEEL boolean, or null when undecidable).</summary>
    public FeelResult Evaluate(FeelValue input, IFeelScope? variables = null)
    {
        // A CLR null is taken as FEEL null: evaluation never throws.
        input ??= FeelNull.Instance;
        var context = new FeelEvaluationContext(_engine.Options.Clock, _engine.Functions);
        var env = variables is null ? null : Env.Open(null, variables);
        FeelValue value;
        try
        {
            value = _tests.Evaluate(input, env, context);
        }
        catch (Exception ex) when (FeelEngine.IsRecoverable(ex))
        {
            value = FeelEngine.Failed(ex, context);
        }

        return new FeelResult(value, context.Warnings);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
