using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>
/// Built-in range functions (DMN 1.5 §10.3.4.9): relations between points and ranges. An open end
/// (FEEL null start or end) stands for minus or plus infinity. Each function is registered under
/// every parameter-name pair the spec gives, so named invocation works; positional calls dispatch on
/// whether each argument is a range or a point.
/// </summary>
internal static class RangeFunctions
{
    private delegate bool? Relation(Span a, Span b);

    public static void Register(FeelFunctionRegistry registry)
    {
        Add(registry, "before", (a, b) => a.IsPoint && b.IsPoint ? Lt(a.End, b.Start)
            : Or(Lt(a.End, b.Start), And(Eq(a.End, b.Start), !(a.EndIncluded && b.StartIncluded))));
        Add(registry, "after", (a, b) => a.IsPoint && b.IsPoint ? Gt(a.Start, b.End)
            : Or(Gt(a.Start, b.End), And(Eq(a.Start, b.End), !(a.StartIncluded && b.EndIncluded))));
        Add(registry, "meets", (a, b) => And(Eq(a.End, b.Start), a.EndIncluded && b.StartIncluded), rangesOnly: true);
        Add(registry, "met by", (a, b) => And(Eq(a.Start, b.End), a.StartIncluded && b.EndIncluded), rangesOnly: true);
        Add(registry, "overlaps", (a, b) => And(
            Or(Gt(a.End, b.Start), And(Eq(a.End, b.Start), a.EndIncluded && b.StartIncluded)),
            Or(Lt(a.Start, b.End), And(Eq(a.Start, b.End), a.StartIncluded && b.EndIncluded))), rangesOnly: true);
        Add(registry, "overlaps before", OverlapsBefore, rangesOnly: true);
        Add(registry, "overlaps after", (a, b) => OverlapsBefore(b, a), rangesOnly: true);
        Add(registry, "finishes", (a, b) => a.IsPoint ? And(Eq(b.End, a.End), b.EndIncluded) : Finishes(a, b), pointFirstOnly: true);
        Add(registry, "finished by", (a, b) => b.IsPoint ? And(Eq(a.End, b.End), a.EndIncluded) : Finishes(b, a), pointSecondOnly: true);
        Add(registry, "includes", Includes, pointSecondOnly: true);
        Add(registry, "during", (a, b) => Includes(b, a), pointFirstOnly: true);
        Add(registry, "starts", (a, b) => a.IsPoint ? And(Eq(b.Start, a.Start), b.StartIncluded) : Starts(a, b), pointFirstOnly: true);
        Add(registry, "started by", (a, b) => b.IsPoint ? And(Eq(a.Start, b.Start), a.StartIncluded) : Starts(b, a), pointSecondOnly: true);
        Add(registry, "coincides", (a, b) => a.IsPoint && b.IsPoint ? Eq(a.Start, b.Start)
            : And(And(Eq(a.Start, b.Start), a.StartIncluded == b.StartIncluded), And(Eq(a.End, b.End), a.EndIncluded == b.EndIncluded)));
    }

    private static bool? OverlapsBefore(Span a, Span b) => And(
        And(
            Or(Lt(a.Start, b.Start), And(Eq(a.Start, b.Start), a.StartIncluded && !b.StartIncluded)),
            Or(Gt(a.End, b.Start), And(Eq(a.End, b.Start), a.EndIncluded && b.StartIncluded))),
        Or(Lt(a.End, b.End), And(Eq(a.End, b.End), !a.EndIncluded || b.EndIncluded)));

    /// <summary><paramref name="a"/> finishes <paramref name="b"/>: same end, and <paramref name="a"/> starts no earlier.</summary>
    private static bool? Finishes(Span a, Span b) => And(
        And(Eq(a.End, b.End), a.EndIncluded == b.EndIncluded),
        Or(Gt(a.Start, b.Start), And(Eq(a.Start, b.Start), !a.StartIncluded || b.StartIncluded)));

    /// <summary><paramref name="a"/> starts <paramref name="b"/>: same start, and <paramref name="a"/> ends no later.</summary>
    private static bool? Starts(Span a, Span b) => And(
        And(Eq(a.Start, b.Start), a.StartIncluded == b.StartIncluded),
        Or(Lt(a.End, b.End), And(Eq(a.End, b.End), !a.EndIncluded || b.EndIncluded)));

    /// <summary>Range <paramref name="a"/> includes <paramref name="b"/> (a point is a range of one value, both ends included).</summary>
    private static bool? Includes(Span a, Span b) => And(
        Or(Lt(a.Start, b.Start), And(Eq(a.Start, b.Start), a.StartIncluded || !b.StartIncluded)),
        Or(Gt(a.End, b.End), And(Eq(a.End, b.End), a.EndIncluded || !b.EndIncluded)));

    private static void Add(FeelFunctionRegistry registry, string name, Relation relation, bool rangesOnly = false, bool pointFirstOnly = false, bool pointSecondOnly = false)
    {
        FeelValue Body(FeelValue[] args, FeelEvaluationContext context)
        {
            if (!Span.TryFrom(args[0], out var a) || !Span.TryFrom(args[1], out var b))
            {
                return FunctionArgs.Fail(name, $"expected points or ranges but found {args[0].TypeName} and {args[1].TypeName}", context);
            }

            if ((rangesOnly && (a.IsPoint || b.IsPoint)) || (pointFirstOnly && b.IsPoint) || (pointSecondOnly && a.IsPoint))
            {
                return FunctionArgs.Fail(name, $"is not defined for {args[0].TypeName} and {args[1].TypeName}", context);
            }

            var result = relation(a, b);
            return result is { } r ? FeelBoolean.Of(r) : FunctionArgs.Fail(name, $"can't compare '{FeelOperators.Brief(args[0])}' with '{FeelOperators.Brief(args[1])}'", context);
        }

        string[][] names = rangesOnly ? [["range1", "range2"]]
            : pointFirstOnly ? [["point", "range"], ["range1", "range2"]]
            : pointSecondOnly ? [["range", "point"], ["range1", "range2"]]
            : [["point1", "point2"], ["point", "range"], ["range", "point"], ["range1", "range2"]];
        foreach (var parameters in names)
        {
            registry.Register(name, parameters, Body);
        }
    }

    private static bool? And(bool? a, bool b) => a is null ? (b ? null : false) : a.Value && b;

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a is null || b is null ? null : true;

    private static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a is null || b is null ? null : false;

    private static bool? Lt(Bound a, Bound b) => Bound.Compare(a, b) is { } c ? c < 0 : null;

    private static bool? Gt(Bound a, Bound b) => Bound.Compare(a, b) is { } c ? c > 0 : null;

    private static bool? Eq(Bound a, Bound b) => Bound.Compare(a, b) is { } c ? c == 0 : null;

    /// <summary>An end point: a value, or minus/plus infinity for an open end.</summary>
    private readonly record struct Bound(FeelValue Value, int Infinity)
    {
        public static int? Compare(Bound a, Bound b)
        {
            if (a.Infinity != 0 || b.Infinity != 0)
            {
                return a.Infinity.CompareTo(b.Infinity);
            }

            return FeelComparer.Compare(a.Value, b.Value);
        }
    }

    /// <summary>A range, or a point seen as the range [p..p].</summary>
    private readonly record struct Span(Bound Start, bool StartIncluded, Bound End, bool EndIncluded, bool IsPoint)
    {
        public static bool TryFrom(FeelValue value, out Span span)
        {
            switch (value)
            {
                case FeelRange r:
                    span = new Span(
                        r.Start is FeelNull ? new Bound(r.Start, -1) : new Bound(r.Start, 0),
                        r.StartIncluded,
                        r.End is FeelNull ? new Bound(r.End, 1) : new Bound(r.End, 0),
                        r.EndIncluded,
                        IsPoint: false);
                    return true;
                case FeelNull or FeelList or FeelContext or FeelFunction or FeelBoolean:
                    span = default;
                    return false;
                default:
                    span = new Span(new Bound(value, 0), true, new Bound(value, 0), true, IsPoint: true);
                    return true;
            }
        }
    }
}
