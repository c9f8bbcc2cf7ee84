using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Evaluation;

/// <summary>
/// FEEL equality and ordering of values, shared by the operators and the built-in functions
/// (<c>min</c>, <c>sort</c>, <c>list contains</c>, <c>distinct values</c>, ranges).
/// </summary>
internal static class FeelComparer
{
    /// <summary>
    /// Orders two values of one ordered type (number, string, date, time, date and time, either
    /// duration). Null (CLR) when they are not comparable: different types, booleans, lists,
    /// a local and an offset date and time.
    /// </summary>
    public static int? Compare(FeelValue left, FeelValue right) => (left, right) switch
    {
        (FeelNumber a, FeelNumber b) => a.Value.CompareTo(b.Value),
        (FeelString a, FeelString b) => Math.Sign(string.CompareOrdinal(a.Value, b.Value)),
        _ => Temporal(left, right),
    };

    /// <summary>
    /// The <c>=</c> operator: true/false, or null (CLR) when the types cannot be compared.
    /// <c>null = null</c> is true and <c>x = null</c> is false.
    /// </summary>
    public static bool? ValueEquals(FeelValue left, FeelValue right)
    {
        if (left is FeelNull || right is FeelNull)
        {
            return left is FeelNull && right is FeelNull;
        }

        switch (left, right)
        {
            case (FeelNumber a, FeelNumber b):
                return a.Value == b.Value;
            case (FeelString a, FeelString b):
                return string.Equals(a.Value, b.Value, StringComparison.Ordinal);
            case (FeelBoolean a, FeelBoolean b):
                return a.Value == b.Value;
            case (FeelList a, FeelList b):
                return ListEquals(a, b);
            case (FeelContext a, FeelContext b):
                return ContextEquals(a, b);
            case (FeelRange a, FeelRange b):
                return a.StartIncluded == b.StartIncluded && a.EndIncluded == b.EndIncluded
                    && ValueEquals(a.Start, b.Start) == true && ValueEquals(a.End, b.End) == true;
            case (FeelFunction a, FeelFunction b):
                return ReferenceEquals(a, b);
            default:
                var order = Temporal(left, right);
                return order is null ? null : order == 0;
        }
    }

    /// <summary>Only temporal pairs go to the temporal rules; every other mix of types is not comparable.</summary>
    private static int? Temporal(FeelValue left, FeelValue right) =>
        FeelOperators.IsTemporal(left) && FeelOperators.IsTemporal(right) ? TemporalArithmetic.Compare(left, right) : null;

    private static bool? ListEquals(FeelList a, FeelList b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            var equal = ValueEquals(a[i], b[i]);
            if (equal != true)
            {
                return equal;
            }
        }

        return true;
    }

    private static bool? ContextEquals(FeelContext a, FeelContext b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a.Entries)
        {
            if (!b.TryGetValue(key, out var other))
            {
                return false;
            }

            var equal = ValueEquals(value, other);
            if (equal != true)
            {
                return equal;
            }
        }

        return true;
    }
}
