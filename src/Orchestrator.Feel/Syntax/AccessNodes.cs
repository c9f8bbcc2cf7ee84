using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Syntax;

/// <summary>
/// <c>a.b</c>: an entry of a context, the projection over a list of contexts, a property of a
/// range (<c>start</c>, <c>end</c>, <c>start included</c>, <c>end included</c>) or of a temporal value.
/// </summary>
internal sealed class PathNode(Node target, string name) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        var warningsBefore = context.WarningCount;
        var value = target.Evaluate(env, context);

        // As in feel-scala, 'a.b' with 'a' missing reports the missing variable once, not the path on null too.
        return value is FeelNull && context.WarningCount > warningsBefore ? value : Select(value, name, context);
    }

    public static FeelValue Select(FeelValue value, string name, FeelEvaluationContext context)
    {
        switch (value)
        {
            case FeelContext c:
                if (c.TryGetValue(name, out var entry))
                {
                    return entry;
                }

                context.Warn(FeelWarningKind.NoContextEntryFound, $"no context entry found with key '{name}'");
                return FeelNull.Instance;
            case FeelList list:
                var items = new FeelValue[list.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    // A projection iterates like a filter does (and may warn once per item).
                    context.Step();
                    items[i] = Select(list[i], name, context);
                }

                return new FeelList(items);
            case FeelNull:
                context.Warn(FeelWarningKind.NoContextEntryFound, $"no context entry found with key '{name}': the value is null");
                return FeelNull.Instance;
            case FeelRange range:
                switch (name)
                {
                    case "start": return range.Start;
                    case "end": return range.End;
                    case "start included": return FeelBoolean.Of(range.StartIncluded);
                    case "end included": return FeelBoolean.Of(range.EndIncluded);
                }

                break;
            default:
                if (FeelOperators.IsTemporal(value) && TemporalProperties.Get(value, name) is { } property)
                {
                    return property;
                }

                break;
        }

        context.Warn(FeelWarningKind.NoPropertyFound, $"no property found with name '{name}' of value '{FeelOperators.Show(value)}' ({value.TypeName})");
        return FeelNull.Instance;
    }
}

/// <summary>
/// <c>list[condition]</c> keeps the items for which the condition is true (with <c>item</c> and,
/// for context items, their entries in scope); <c>list[n]</c> picks the n-th item (1-based,
/// negative from the end). A value that is not a list is treated as a list of that one value.
/// As in feel-scala, the condition's value for the first item decides between the two readings.
/// </summary>
internal sealed class FilterNode(Node target, Node filter, int filterWeight) : Node
{
    private const string ItemName = "item";

    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        var value = target.Evaluate(env, context);
        if (value is FeelNull)
        {
            return FeelNull.Instance;
        }

        var list = value as FeelList ?? new FeelList([value]);
        if (filter is LiteralNode { Value: FeelNumber constant })
        {
            return Index(list, constant.Value);
        }

        if (list.Count == 0)
        {
            return FeelList.Empty;
        }

        List<FeelValue>? kept = null;
        for (var i = 0; i < list.Count; i++)
        {
            context.Step(filterWeight);
            var item = list[i];
            var itemEnv = Env.Bind(env, ItemName, item);
            if (item is FeelContext entries)
            {
                itemEnv = Env.Open(itemEnv, entries);
            }

            var result = filter.Evaluate(itemEnv, context);
            if (i == 0 && result is FeelNumber index)
            {
                return Index(list, index.Value);
            }

            if (result == FeelBoolean.True)
            {
                (kept ??= []).Add(item);
            }
        }

        return kept is null ? FeelList.Empty : new FeelList(kept.ToArray());
    }

    private static FeelValue Index(FeelList list, decimal index)
    {
        if (!decimal.IsInteger(index) || index == 0 || Math.Abs(index) > list.Count)
        {
            return FeelNull.Instance;
        }

        var i = (int)index;
        return i > 0 ? list[i - 1] : list[list.Count + i];
    }
}

/// <summary>
/// <c>name(args)</c>: a function held by a local variable or variable of that name, else the
/// built-in function of that name.
/// </summary>
internal sealed class CallNode(string name, Arguments arguments) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        FeelFunction function;
        if (Env.TryLookup(env, name, out var local) && local is FeelFunction f)
        {
            function = f;
        }
        else if (context.Functions.TryGet(name, out var builtin))
        {
            function = builtin;
        }
        else
        {
            context.Warn(FeelWarningKind.NoFunctionFound, $"no function found with name '{name}'");
            return FeelNull.Instance;
        }

        return arguments.Invoke(function, env, context);
    }
}

/// <summary><c>expression(args)</c>: invokes whatever function the expression evaluates to (<c>ctx.f(1)</c>, <c>(function(x) x)(1)</c>).</summary>
internal sealed class InvokeNode(Node target, Arguments arguments) : Node
{
    public override FeelValue Evaluate(Env? env, FeelEvaluationContext context)
    {
        var value = target.Evaluate(env, context);
        if (value is FeelFunction function)
        {
            return arguments.Invoke(function, env, context);
        }

        if (value is not FeelNull)
        {
            context.Warn(FeelWarningKind.InvalidType, $"expected a function but found '{FeelOperators.Show(value)}' ({value.TypeName})");
        }

        return FeelNull.Instance;
    }
}

/// <summary>The arguments of an invocation: positional, or named (<see cref="Names"/> not null).</summary>
internal sealed class Arguments(Node[] values, string[]? names)
{
    public Node[] Values { get; } = values;

    public string[]? Names { get; } = names;

    public FeelValue Invoke(FeelFunction function, Env? env, FeelEvaluationContext context)
    {
        if (Names is null)
        {
            var args = Values.Length == 0 ? [] : new FeelValue[Values.Length];
            for (var i = 0; i < Values.Length; i++)
            {
                args[i] = Values[i].Evaluate(env, context);
            }

            return function.Invoke(args, context);
        }

        var named = new KeyValuePair<string, FeelValue>[Values.Length];
        for (var i = 0; i < Values.Length; i++)
        {
            named[i] = new KeyValuePair<string, FeelValue>(Names[i], Values[i].Evaluate(env, context));
        }

        return function.InvokeNamed(named, context);
    }
}
