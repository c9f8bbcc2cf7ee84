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
        _tests = tests.Fold(engine);
        _engine = engine;
    }

    /// <summary>The unary-tests text.</summary>
    public string Text { get; }

    /// <summary>True for <c>-</c> (and an empty text): every input passes, null included.</summary>
    public bool AcceptsAnyInput => _tests.AcceptsAnyInput;

    /// <summary>
    /// True when the tests compare the input with constants only (<c>-</c>, <c>"a", "b"</c>, <c>&gt; 100</c>, <c>[0..30]</c>,
    /// and <c>not(...)</c> of those): they read no variable, call no function and count no evaluation step, so their outcome
    /// depends on the input alone and one <see cref="FeelEvaluationContext"/> can serve any number of them.
    /// </summary>
    public bool ReadsInputOnly => _tests.ReadsInputOnly;

    /// <summary>True when <paramref name="input"/> satisfies any of the tests (FEEL boolean, or null when undecidable).</summary>
    public FeelResult Evaluate(FeelValue input, IFeelScope? variables = null)
    {
        var context = new FeelEvaluationContext(_engine.Options.Clock, _engine.Functions);
        var value = Evaluate(input, variables, context);
        return new FeelResult(value, context.Warnings);
    }

    /// <summary>
    /// Like <see cref="Evaluate(FeelValue, IFeelScope?)"/>, in a context the caller provides: the warnings are added to it, and
    /// its limits (evaluation steps, regular expression time) are shared with everything else evaluated in it. Tests that
    /// <see cref="ReadsInputOnly"/> neither look <paramref name="variables"/> up nor count steps.
    /// </summary>
    /// <returns>FEEL true when <paramref name="input"/> satisfies any of the tests, false, or FEEL null when undecidable.</returns>
    public FeelValue Evaluate(FeelValue input, IFeelScope? variables, FeelEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A CLR null is taken as FEEL null: evaluation never throws.
        input ??= FeelNull.Instance;
        var env = variables is null || _tests.ReadsInputOnly ? null : Env.Open(null, variables);
        try
        {
            return _tests.Evaluate(input, env, context);
        }
        catch (Exception ex) when (FeelEngine.IsRecoverable(ex))
        {
            return FeelEngine.Failed(ex, context);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
