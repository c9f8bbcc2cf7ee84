using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Syntax;

/// <summary><c>if c then a else b</c>: a null or non-boolean condition takes the else branch.</summary>
internal sealed class IfNode(Node condition, Node then, Node otherwise) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        var value = condition.Evaluate(env, context);
        if (value is FeelBoolean b)
        {
            return b.Value ? then.Evaluate(env, context) : otherwise.Evaluate(env, context);
        }

        Logic.WarnNonBoolean(value, "if", context);
        return otherwise.Evaluate(env, context);
    }
}

/// <summary>
/// One iterator of <c>for</c>/<c>some</c>/<c>every</c>: <c>name in list</c>, <c>name in a..b</c>
/// (whole numbers, ascending or descending) or <c>name in range</c>.
/// </summary>
internal sealed class Iterator(string name, Node domain, Node? domainEnd)
{
    public string Name { get; } = name;

    /// <summary>Evaluates the domain; false (with a warning) when it is not iterable or too large.</summary>
    public bool TryResolve(Env? env, FeelEvaluationContext context, out Domain result)
    {
        var first = domain.Evaluate(env, context);
        if (domainEnd is not null)
        {
            return Domain.TryFromBounds(first, true, domainEnd.Evaluate(env, context), true, context, out result);
        }

        switch (first)
        {
            case FeelList list:
                result = new Domain(list);
                return true;
            case FeelRange range:
                return Domain.TryFromBounds(range.Start, range.StartIncluded, range.End, range.EndIncluded, context, out result);
            case FeelNull:
                result = default;
                return false;
            default:
                context.Warn(FeelWarningKind.InvalidType, $"'{Name}' iterates over '{FeelOperators.Show(first)}' ({first.TypeName}), which is not a list or range");
                result = default;
                return false;
        }
    }
}

/// <summary>The values an iterator runs through, without materialising a numeric or date range.</summary>
internal readonly struct Domain
{
    private readonly FeelList? _list;
    private readonly decimal _start;
    private readonly DateOnly _startDate;
    private readonly bool _dates;
    private readonly int _step;

    public Domain(FeelList list)
    {
        _list = list;
        Count = list.Count;
    }

    private Domain(decimal start, DateOnly startDate, bool dates, int step, long count)
    {
        _start = start;
        _startDate = startDate;
        _dates = dates;
        _step = step;
        Count = count;
    }

    public long Count { get; }

    public FeelValue this[long index] =>
        _list is not null ? _list[(int)index]
        : _dates ? new FeelDate(_startDate.AddDays((int)(index * _step)))
        : FeelNumber.Of(_start + (index * _step));

    public static bool TryFromBounds(FeelValue start, bool startIncluded, FeelValue end, bool endIncluded, FeelEvaluationContext context, out Domain result)
    {
        result = default;
        long count;
        switch (start, end)
        {
            case (FeelNumber a, FeelNumber b) when decimal.IsInteger(a.Value) && decimal.IsInteger(b.Value):
                var step = a.Value <= b.Value ? 1 : -1;
                var first = startIncluded ? a.Value : a.Value + step;
                var last = endIncluded ? b.Value : b.Value - step;
                count = (long)Math.Min(long.MaxValue, Math.Max(0m, ((last - first) * step) + 1));
                if (!CheckSize(count, context))
                {
                    return false;
                }

                result = new Domain(first, default, false, step, count);
                return true;
            case (FeelDate a, FeelDate b):
                var dateStep = a.Value <= b.Value ? 1 : -1;
                var firstDate = startIncluded ? a.Value.DayNumber : a.Value.DayNumber + dateStep;
                var lastDate = endIncluded ? b.Value.DayNumber : b.Value.DayNumber - dateStep;
                count = Math.Max(0, ((long)(lastDate - firstDate) * dateStep) + 1);
                if (firstDate < DateOnly.MinValue.DayNumber || firstDate > DateOnly.MaxValue.DayNumber)
                {
                    count = 0;
                    firstDate = a.Value.DayNumber;
                }

                result = new Domain(0, DateOnly.FromDayNumber(firstDate), true, dateStep, count);
                return CheckSize(count, context);
            default:
                context.Warn(FeelWarningKind.InvalidType, $"can't iterate from '{FeelOperators.Show(start)}' to '{FeelOperators.Show(end)}': expected whole numbers or dates");
                return false;
        }
    }

    private static bool CheckSize(long count, FeelEvaluationContext context)
    {
        if (count > FeelEvaluationContext.MaxListSize)
        {
            context.Warn(FeelWarningKind.LimitExceeded, $"iteration over {count} values exceeds the limit of {FeelEvaluationContext.MaxListSize}");
            return false;
        }

        return true;
    }
}

/// <summary>
/// <c>for a in x, b in y return e</c>: the list of <c>e</c> for every combination (later
/// iterators may use earlier ones), with <c>partial</c> bound to the results so far when the body uses it.
/// </summary>
internal sealed class ForNode(Iterator[] iterators, Node body, int bodyWeight, bool usesPartial) : Node
{
    private const string PartialName = "partial";

    // Each iteration copies the results so far into 'partial', so its cost grows with the square of the length.
    private const int MaxPartialSize = 10_000;

    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        var results = new List<FeelValue>();
        return Run(0, env, results, context) ? new FeelList(results.ToArray()) : FeelNull.Instance;
    }

    private bool Run(int index, Env? env, List<FeelValue> results, FeelEvaluationContext context)
    {
        if (index == iterators.Length)
        {
            var limit = usesPartial ? MaxPartialSize : FeelEvaluationContext.MaxListSize;
            if (results.Count >= limit)
            {
                context.Warn(FeelWarningKind.LimitExceeded, $"'for' would build a list of more than {limit} items");
                return false;
            }

            // Copying the results so far into 'partial' is work too: the square of the length over the whole loop.
            context.Step(usesPartial ? bodyWeight + results.Count : bodyWeight);
            var bodyEnv = usesPartial ? Env.Bind(env, PartialName, new FeelList(results.ToArray())) : env;
            results.Add(body.Evaluate(bodyEnv, context));
            return true;
        }

        var iterator = iterators[index];
        if (!iterator.TryResolve(env, context, out var domain))
        {
            return false;
        }

        for (long i = 0; i < domain.Count; i++)
        {
            if (!Run(index + 1, Env.Bind(env, iterator.Name, domain[i]), results, context))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// <c>some x in l satisfies c</c> / <c>every x in l satisfies c</c>: stops at the first
/// deciding item; null when no item decides and some condition was not a boolean.
/// </summary>
internal sealed class QuantifiedNode(bool every, Iterator[] iterators, Node condition, int conditionWeight) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        var state = new State();
        if (!Run(0, env, ref state, context))
        {
            return FeelNull.Instance;
        }

        if (state.Decided)
        {
            return FeelBoolean.Of(!every);
        }

        return state.Undecided ? FeelNull.Instance : FeelBoolean.Of(every);
    }

    private bool Run(int index, Env? env, ref State state, FeelEvaluationContext context)
    {
        if (index == iterators.Length)
        {
            context.Step(conditionWeight);
            if (++state.Visited > FeelEvaluationContext.MaxListSize)
            {
                context.Warn(FeelWarningKind.LimitExceeded, $"'{(every ? "every" : "some")}' would test more than {FeelEvaluationContext.MaxListSize} combinations");
                return false;
            }

            var value = condition.Evaluate(env, context);
            if (value is FeelBoolean b)
            {
                // 'some' is decided by a true, 'every' by a false.
                state.Decided = b.Value != every;
            }
            else
            {
                state.Undecided = true;
            }

            return true;
        }

        var iterator = iterators[index];
        if (!iterator.TryResolve(env, context, out var domain))
        {
            return false;
        }

        for (long i = 0; i < domain.Count && !state.Decided; i++)
        {
            if (!Run(index + 1, Env.Bind(env, iterator.Name, domain[i]), ref state, context))
            {
                return false;
            }
        }

        return true;
    }

    private struct State
    {
        public bool Decided;
        public bool Undecided;
        public long Visited;
    }
}
