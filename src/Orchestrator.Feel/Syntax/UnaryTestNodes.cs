using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Syntax;

/// <summary>One positive unary test, applied to an input value: in unary tests, and on the right of <c>in</c>.</summary>
internal abstract class PositiveTest
{
    /// <summary>True when the test compares the input with constants only: it reads no variable, calls no function and takes no step.</summary>
    public virtual bool ReadsInputOnly => false;

    /// <summary>True, false, or FEEL null when the test cannot decide (not comparable).</summary>
    public abstract FeelValue Test(FeelValue input, Env? env, FeelEvaluationContext context);

    /// <summary>The test with its constant operand evaluated once, at parse time; the test itself when it has none.</summary>
    public virtual PositiveTest Fold(FeelEngine engine) => this;

    /// <summary>True when any test accepts the input; null when none does and one could not decide; else false.</summary>
    public static FeelValue Any(PositiveTest[] tests, FeelValue input, Env? env, FeelEvaluationContext context)
    {
        var undecided = false;
        foreach (var test in tests)
        {
            var result = test.Test(input, env, context);
            if (result == FeelBoolean.True)
            {
                return FeelBoolean.True;
            }

            undecided |= result is not FeelBoolean;
        }

        return undecided ? FeelNull.Instance : FeelBoolean.False;
    }
}

/// <summary><c>&lt; 10</c>, <c>&gt;= x</c>, <c>= 5</c>, <c>!= "a"</c>, and a bare <c>true</c>/<c>false</c> (equality).</summary>
internal sealed class ComparisonTest(ComparisonOperator op, Node endpoint) : PositiveTest
{
    public override bool ReadsInputOnly => endpoint is LiteralNode;

    public override FeelValue Test(FeelValue input, Env? env, FeelEvaluationContext context) =>
        FeelOperators.Compare(input, endpoint.Evaluate(env, context), op, context);

    public override PositiveTest Fold(FeelEngine engine) =>
        endpoint is not LiteralNode && Node.Fold(endpoint, engine) is { } value ? new ComparisonTest(op, new LiteralNode(value)) : this;
}

/// <summary>
/// Any other expression as a test, as feel-scala evaluates it: an expression using <c>?</c> must
/// give a boolean; otherwise the input passes when the value is true, equals the input, is a list
/// containing the input, or a range containing it.
/// </summary>
internal sealed class ExpressionTest(Node expression, bool usesInput) : PositiveTest
{
    public Node Expression { get; } = expression;

    public bool UsesInput { get; } = usesInput;

    public override FeelValue Test(FeelValue input, Env? env, FeelEvaluationContext context)
    {
        if (UsesInput)
        {
            var result = Expression.Evaluate(Env.Bind(env, InputNode.Symbol, input), context);
            return result as FeelBoolean ?? (FeelValue)FeelNull.Instance;
        }

        return Accepts(Expression.Evaluate(env, context), input, context);
    }

    public override PositiveTest Fold(FeelEngine engine) =>
        !UsesInput && Node.Fold(Expression, engine) is { } value ? new ConstantTest(value) : this;

    /// <summary>Whether the value of a test that does not use <c>?</c> accepts the input.</summary>
    public static FeelValue Accepts(FeelValue value, FeelValue input, FeelEvaluationContext context)
    {
        switch (value)
        {
            case FeelBoolean { Value: true }:
                return FeelBoolean.True;
            case FeelRange range:
                return FeelOperators.RangeContains(range, input, context);
            case FeelList list:
                foreach (var item in list.Span)
                {
                    if (FeelComparer.ValueEquals(item, input) == true)
                    {
                        return FeelBoolean.True;
                    }
                }

                return FeelBoolean.Of(input is FeelList && FeelComparer.ValueEquals(input, list) == true);
        }

        var equal = FeelComparer.ValueEquals(input, value);
        if (equal is null)
        {
            if (value is FeelBoolean)
            {
                return FeelBoolean.False;
            }

            context.Warn(FeelWarningKind.NotComparable, $"can't compare '{FeelOperators.Show(input)}' with '{FeelOperators.Show(value)}'");
            return FeelNull.Instance;
        }

        return FeelBoolean.Of(equal.Value);
    }
}

/// <summary>An <see cref="ExpressionTest"/> whose expression is a constant (<c>"a"</c>, <c>[1..10)</c>, <c>[1, 2]</c>), evaluated at parse time.</summary>
internal sealed class ConstantTest(FeelValue value) : PositiveTest
{
    public override bool ReadsInputOnly => true;

    public override FeelValue Test(FeelValue input, Env? env, FeelEvaluationContext context) =>
        ExpressionTest.Accepts(value, input, context);
}

/// <summary>A whole unary-tests text: <c>-</c> (anything), a list of positive tests, or <c>not(...)</c> of them.</summary>
internal sealed class UnaryTestsNode(PositiveTest[] tests, bool negated)
{
    /// <summary>The <c>-</c> test (also an empty text, as an empty decision-table cell).</summary>
    public static readonly UnaryTestsNode AnyInput = new([], false);

    /// <summary>True for <see cref="AnyInput"/>.</summary>
    public bool AcceptsAnyInput => tests.Length == 0;

    /// <summary>True when every test compares the input with constants only (see <see cref="PositiveTest.ReadsInputOnly"/>).</summary>
    public bool ReadsInputOnly { get; } = Array.TrueForAll(tests, test => test.ReadsInputOnly);

    /// <summary>The tests with their constant operands evaluated once, at parse time.</summary>
    public UnaryTestsNode Fold(FeelEngine engine)
    {
        var folded = Array.ConvertAll(tests, test => test.Fold(engine));
        for (var i = 0; i < tests.Length; i++)
        {
            if (!ReferenceEquals(folded[i], tests[i]))
            {
                return new UnaryTestsNode(folded, negated);
            }
        }

        return this;
    }

    public FeelValue Evaluate(FeelValue input, Env? env, FeelEvaluationContext context)
    {
        if (tests.Length == 0)
        {
            return FeelBoolean.True;
        }

        var result = PositiveTest.Any(tests, input, env, context);
        return negated && result is FeelBoolean b ? FeelBoolean.Of(!b.Value) : result;
    }
}
