using System.Text;
using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Evaluation;

/// <summary>
/// The FEEL operators on values: arithmetic (numbers, string concatenation, temporal values via
/// <see cref="TemporalArithmetic"/>), comparison (via <see cref="FeelComparer"/>) and range
/// membership. Invalid combinations give FEEL null and a warning, never an exception.
/// </summary>
internal static class FeelOperators
{
    private const int ShownLength = 60;

    public static FeelValue Add(FeelValue left, FeelValue right, FeelEvaluationContext context)
    {
        if (left is FeelNumber a && right is FeelNumber b)
        {
            return Checked(a.Value, b.Value, '+', context);
        }

        if (left is FeelString s && right is FeelString t)
        {
            return new FeelString(string.Concat(s.Value, t.Value));
        }

        return Temporal(left, right, '+', context);
    }

    public static FeelValue Subtract(FeelValue left, FeelValue right, FeelEvaluationContext context) =>
        left is FeelNumber a && right is FeelNumber b ? Checked(a.Value, b.Value, '-', context) : Temporal(left, right, '-', context);

    public static FeelValue Multiply(FeelValue left, FeelValue right, FeelEvaluationContext context) =>
        left is FeelNumber a && right is FeelNumber b ? Checked(a.Value, b.Value, '*', context) : Temporal(left, right, '*', context);

    public static FeelValue Divide(FeelValue left, FeelValue right, FeelEvaluationContext context)
    {
        if (left is FeelNumber a && right is FeelNumber b)
        {
            if (b.Value == 0)
            {
                context.Warn(FeelWarningKind.InvalidOperation, $"can't divide '{Show(left)}' by zero");
                return FeelNull.Instance;
            }

            return Checked(a.Value, b.Value, '/', context);
        }

        return Temporal(left, right, '/', context);
    }

    public static FeelValue Power(FeelValue left, FeelValue right, FeelEvaluationContext context)
    {
        if (left is not FeelNumber a || right is not FeelNumber b)
        {
            return Invalid(left, right, "**", context);
        }

        var result = Pow(a.Value, b.Value);
        if (result is null)
        {
            context.Warn(FeelWarningKind.InvalidOperation, $"'{Show(left)} ** {Show(right)}' has no result (overflow or undefined)");
            return FeelNull.Instance;
        }

        return FeelNumber.Of(result.Value);
    }

    public static FeelValue Negate(FeelValue value, FeelEvaluationContext context)
    {
        if (value is FeelNumber n)
        {
            return FeelNumber.Of(-n.Value);
        }

        if (IsTemporal(value) && TemporalArithmetic.Negate(value) is { } negated)
        {
            return negated;
        }

        context.Warn(FeelWarningKind.InvalidType, $"can't negate '{Show(value)}'");
        return FeelNull.Instance;
    }

    /// <summary>The <c>=</c> operator: <c>null = null</c> is true, <c>x = null</c> false, different types null with a warning.</summary>
    public static FeelValue Equal(FeelValue left, FeelValue right, FeelEvaluationContext context)
    {
        var equal = FeelComparer.ValueEquals(left, right);
        if (equal is null)
        {
            context.Warn(FeelWarningKind.NotComparable, $"can't compare '{Show(left)}' with '{Show(right)}'");
            return FeelNull.Instance;
        }

        return FeelBoolean.Of(equal.Value);
    }

    public static FeelValue NotEqual(FeelValue left, FeelValue right, FeelEvaluationContext context) =>
        Equal(left, right, context) is FeelBoolean b ? FeelBoolean.Of(!b.Value) : FeelNull.Instance;

    /// <summary>Orders two values for <c>&lt;</c> and friends; null (CLR) with a warning when they are not comparable.</summary>
    public static int? Order(FeelValue left, FeelValue right, FeelEvaluationContext context)
    {
        var order = left is FeelNull || right is FeelNull ? null : FeelComparer.Compare(left, right);
        if (order is null)
        {
            context.Warn(FeelWarningKind.NotComparable, $"can't compare '{Show(left)}' with '{Show(right)}'");
        }

        return order;
    }

    public static FeelValue Compare(FeelValue left, FeelValue right, ComparisonOperator op, FeelEvaluationContext context)
    {
        switch (op)
        {
            case ComparisonOperator.Equal:
                return Equal(left, right, context);
            case ComparisonOperator.NotEqual:
                return NotEqual(left, right, context);
            default:
                var order = Order(left, right, context);
                if (order is not { } o)
                {
                    return FeelNull.Instance;
                }

                return FeelBoolean.Of(op switch
                {
                    ComparisonOperator.Less => o < 0,
                    ComparisonOperator.LessOrEqual => o <= 0,
                    ComparisonOperator.Greater => o > 0,
                    _ => o >= 0,
                });
        }
    }

    /// <summary>True when <paramref name="value"/> lies in <paramref name="range"/>; FEEL null when they are not comparable.</summary>
    public static FeelValue RangeContains(FeelRange range, FeelValue value, FeelEvaluationContext context)
    {
        if (range.Start is not FeelNull)
        {
            var order = Order(value, range.Start, context);
            if (order is null)
            {
                return FeelNull.Instance;
            }

            if (order < 0 || (order == 0 && !range.StartIncluded))
            {
                return FeelBoolean.False;
            }
        }

        if (range.End is not FeelNull)
        {
            var order = Order(value, range.End, context);
            if (order is null)
            {
                return FeelNull.Instance;
            }

            if (order > 0 || (order == 0 && !range.EndIncluded))
            {
                return FeelBoolean.False;
            }
        }

        return FeelBoolean.True;
    }

    public static bool IsTemporal(FeelValue value) =>
        value is FeelDate or FeelTime or FeelDateTime or FeelDaysTimeDuration or FeelYearsMonthsDuration;

    /// <summary>Renders a value for a warning message, shortened.</summary>
    public static string Show(FeelValue value) => Cut(value, quote: true);

    /// <summary>
    /// The value as <see cref="FeelValue.ToString"/> renders it (strings unquoted), cut at 60 characters: what a warning quotes.
    /// Only the part shown is rendered, so a warning about a huge or deeply nested value costs no more than one about a small one.
    /// </summary>
    public static string Brief(FeelValue value) => Cut(value, quote: false);

    private static string Cut(FeelValue value, bool quote)
    {
        var sb = new StringBuilder();
        Append(sb, value, quote);
        return sb.Length <= ShownLength ? sb.ToString() : sb.ToString(0, ShownLength - 3) + "...";
    }

    private static void Append(StringBuilder sb, FeelValue value, bool quote)
    {
        switch (value)
        {
            case FeelString s:
                var text = s.Value.Length > ShownLength ? s.Value[..ShownLength] : s.Value;
                sb.Append(quote ? "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : text);
                break;
            case FeelList list:
                sb.Append('[');
                for (var i = 0; i < list.Count && sb.Length <= ShownLength; i++)
                {
                    sb.Append(i > 0 ? ", " : string.Empty);
                    Append(sb, list[i], quote: true);
                }

                sb.Append(']');
                break;
            case FeelContext context:
                sb.Append('{');
                var first = true;
                foreach (var (key, entry) in context.Entries)
                {
                    if (sb.Length > ShownLength)
                    {
                        break;
                    }

                    sb.Append(first ? string.Empty : ", ").Append(key).Append(':');
                    first = false;
                    Append(sb, entry, quote: true);
                }

                sb.Append('}');
                break;
            default:
                try
                {
                    sb.Append(value.ToString());
                }
                catch (NotImplementedException)
                {
                    sb.Append(value.TypeName);
                }

                break;
        }
    }

    /// <summary><paramref name="x"/> to the power <paramref name="y"/>: exact for whole exponents, through double otherwise; null when undefined or out of range.</summary>
    public static decimal? Pow(decimal x, decimal y)
    {
        try
        {
            if (decimal.IsInteger(y) && y >= int.MinValue && y <= int.MaxValue)
            {
                var n = (long)y;
                if (n == 0)
                {
                    return 1;
                }

                if (x == 0)
                {
                    return n > 0 ? 0 : null;
                }

                var exponent = Math.Abs(n);
                var result = 1m;
                var factor = x;
                while (true)
                {
                    if ((exponent & 1) == 1)
                    {
                        result *= factor;
                    }

                    exponent >>= 1;
                    if (exponent == 0)
                    {
                        break;
                    }

                    factor *= factor;
                }

                return n > 0 ? result : 1 / result;
            }

            var d = Math.Pow((double)x, (double)y);
            return double.IsFinite(d) ? (decimal)d : null;
        }
        catch (Exception ex) when (ex is OverflowException or DivideByZeroException)
        {
            return null;
        }
    }

    private static FeelValue Checked(decimal a, decimal b, char op, FeelEvaluationContext context)
    {
        try
        {
            return FeelNumber.Of(op switch
            {
                '+' => a + b,
                '-' => a - b,
                '*' => a * b,
                _ => a / b,
            });
        }
        catch (OverflowException)
        {
            context.Warn(FeelWarningKind.InvalidOperation, $"'{FeelNumber.Format(a)} {op} {FeelNumber.Format(b)}' is out of the range of numbers");
            return FeelNull.Instance;
        }
    }

    private static FeelValue Temporal(FeelValue left, FeelValue right, char op, FeelEvaluationContext context)
    {
        if (IsTemporal(left) || IsTemporal(right))
        {
            var result = op switch
            {
                '+' => TemporalArithmetic.Add(left, right),
                '-' => TemporalArithmetic.Subtract(left, right),
                '*' => TemporalArithmetic.Multiply(left, right),
                _ => TemporalArithmetic.Divide(left, right),
            };
            if (result is not null)
            {
                if (result is FeelNull)
                {
                    context.Warn(FeelWarningKind.InvalidOperation, $"'{Show(left)} {op} {Show(right)}' has no result");
                }

                return result;
            }
        }

        return Invalid(left, right, op.ToString(), context);
    }

    private static FeelNull Invalid(FeelValue left, FeelValue right, string op, FeelEvaluationContext context)
    {
        context.Warn(FeelWarningKind.InvalidType, $"can't apply '{op}' to '{Show(left)}' ({left.TypeName}) and '{Show(right)}' ({right.TypeName})");
        return FeelNull.Instance;
    }
}
