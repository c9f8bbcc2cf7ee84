using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Syntax;

/// <summary>One positive unary test, applied to an input value: in unary tests, and on the right of <c>in</c>.</summary>
internal abstract class PositiveTest
{
    /// <summary>True, false, or FEEL null when the test cannot decide (not comparable).</summary>
    public abstract FeelValue Test(FeelValue input, Env? env, FeelEvaluationContext context);

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
    public override FeelValue Test(FeelValue input, Env? env, FeelEvaluationContext context) =>
        FeelOperators.Compare(input, endpoint.Evaluate(env, context), op, context);
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

        var value = Expression.Evaluate(env, context);
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

/// <summary>A whole unary-tests text: <c>-</c> (anything), a list of positive tests, or <c>not(...)</c> of them.</summary>
internal sealed class UnaryTestsNode(PositiveTest[] tests, bool negated)
{
    /// <summary>The <c>-</c> test (also an empty text, as an empty decision-table cell).</summary>
    public static readonly UnaryTestsNode AnyInput = new([], false);

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
