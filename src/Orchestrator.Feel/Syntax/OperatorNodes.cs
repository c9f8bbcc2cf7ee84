using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Syntax;

/// <summary>The arithmetic operators.</summary>
internal enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
}

/// <summary>Arithmetic negation <c>-x</c>.</summary>
internal sealed class NegateNode(Node operand) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context) =>
        FeelOperators.Negate(operand.Evaluate(env, context), context);
}

/// <summary>
/// A left-associative chain of operators of one precedence level (<c>a + b - c</c>), kept flat so
/// that long chains neither deepen the tree nor the evaluation stack.
/// </summary>
internal sealed class ArithmeticNode(Node[] operands, ArithmeticOperator[] operators) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        var result = operands[0].Evaluate(env, context);
        for (var i = 0; i < operators.Length; i++)
        {
            var right = operands[i + 1].Evaluate(env, context);
            result = operators[i] switch
            {
                ArithmeticOperator.Add => FeelOperators.Add(result, right, context),
                ArithmeticOperator.Subtract => FeelOperators.Subtract(result, right, context),
                ArithmeticOperator.Multiply => FeelOperators.Multiply(result, right, context),
                ArithmeticOperator.Divide => FeelOperators.Divide(result, right, context),
                _ => FeelOperators.Power(result, right, context),
            };
        }

        return result;
    }
}

/// <summary><c>a = b</c>, <c>a != b</c>, <c>a &lt; b</c>, ...</summary>
internal sealed class ComparisonNode(Node left, ComparisonOperator op, Node right) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context) =>
        FeelOperators.Compare(left.Evaluate(env, context), right.Evaluate(env, context), op, context);
}

/// <summary><c>x between a and b</c>: <c>a &lt;= x and x &lt;= b</c> with three-valued logic.</summary>
internal sealed class BetweenNode(Node value, Node low, Node high) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        var x = value.Evaluate(env, context);
        var lower = FeelOperators.Compare(x, low.Evaluate(env, context), ComparisonOperator.GreaterOrEqual, context);
        var upper = FeelOperators.Compare(x, high.Evaluate(env, context), ComparisonOperator.LessOrEqual, context);
        if (lower == FeelBoolean.False || upper == FeelBoolean.False)
        {
            return FeelBoolean.False;
        }

        return lower == FeelBoolean.True && upper == FeelBoolean.True ? FeelBoolean.True : FeelNull.Instance;
    }
}

/// <summary><c>x in tests</c>: true when any positive unary test accepts <c>x</c>.</summary>
internal sealed class InNode(Node value, PositiveTest[] tests) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context) =>
        PositiveTest.Any(tests, value.Evaluate(env, context), env, context);
}

/// <summary>
/// <c>a and b and c</c> / <c>a or b or c</c>, as the DMN truth tables say: the result is the
/// <paramref name="decisive"/> value (false for <c>and</c>, true for <c>or</c>) as soon as an operand
/// has it; otherwise null when any operand is null or not a boolean, else the other boolean.
/// </summary>
internal sealed class JunctionNode(Node[] operands, bool decisive, string keyword) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        var undecided = false;
        foreach (var operand in operands)
        {
            var value = operand.Evaluate(env, context);
            if (value is FeelBoolean b)
            {
                if (b.Value == decisive)
                {
                    return b;
                }
            }
            else
            {
                Logic.WarnNonBoolean(value, keyword, context);
                undecided = true;
            }
        }

        return undecided ? FeelNull.Instance : FeelBoolean.Of(!decisive);
    }
}

/// <summary><c>not(x)</c>: the negation of a boolean; null for null or any other value.</summary>
internal sealed class NotNode(Node operand) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        var value = operand.Evaluate(env, context);
        if (value is FeelBoolean b)
        {
            return FeelBoolean.Of(!b.Value);
        }

        Logic.WarnNonBoolean(value, "not", context);
        return FeelNull.Instance;
    }
}

/// <summary><c>x instance of type</c>.</summary>
internal sealed class InstanceOfNode(Node value, FeelType type) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context) =>
        FeelBoolean.Of(type.Matches(value.Evaluate(env, context)));
}

/// <summary>Shared helpers of the logical operators.</summary>
internal static class Logic
{
    public static void WarnNonBoolean(FeelValue value, string op, FeelEvaluationContext context)
    {
        // Null is an ordinary operand of three-valued logic; only other types deserve a warning.
        if (value is not FeelNull)
        {
            context.Warn(FeelWarningKind.InvalidType, $"'{op}' expects a boolean but found '{FeelOperators.Show(value)}' ({value.TypeName})");
        }
    }
}
