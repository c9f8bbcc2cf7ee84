using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>Built-in list functions (DMN 1.5 §10.3.4.4) and Camunda's list extensions.</summary>
internal static class ListFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        registry.Register("list contains", ["list", "element"], (a, c) => WithList("list contains", a[0], c, l => FeelBoolean.Of(IndexesOf(l, a[1]).Any())));
        registry.Register("count", ["list"], (a, c) => WithList("count", a[0], c, l => FeelNumber.Of(l.Count)));
        RegisterAggregate(registry, "min", (l, c) => Extreme("min", l, c, -1));
        RegisterAggregate(registry, "max", (l, c) => Extreme("max", l, c, 1));
        RegisterAggregate(registry, "sum", (l, c) => Numbers("sum", l, c, n => n.Length == 0 ? FeelNull.Instance : Checked(() => n.Sum())));
        RegisterAggregate(registry, "mean", (l, c) => Numbers("mean", l, c, n => n.Length == 0 ? FeelNull.Instance : Checked(() => n.Sum() / n.Length)));
        RegisterAggregate(registry, "median", (l, c) => Numbers("median", l, c, Median));
        RegisterAggregate(registry, "stddev", (l, c) => Numbers("stddev", l, c, StandardDeviation));
        RegisterAggregate(registry, "mode", (l, c) => Numbers("mode", l, c, Mode));
        RegisterAggregate(registry, "product", (l, c) => Numbers("product", l, c, n => n.Length == 0 ? FeelNull.Instance : Checked(() => n.Aggregate(1m, (x, y) => x * y))));
        RegisterAggregate(registry, "all", (l, c) => Logical("all", l, c, stopOn: false));
        RegisterAggregate(registry, "any", (l, c) => Logical("any", l, c, stopOn: true));
        registry.Register("sublist", ["list", "start position"], (a, c) => Sublist(a[0], a[1], null, c));
        registry.Register("sublist", ["list", "start position", "length"], (a, c) => Sublist(a[0], a[1], a[2], c));
        registry.RegisterVariadic("append", ["list", "items"], (a, c) => WithList("append", a[0], c, l => new FeelList([.. l.Items, .. ((FeelList)a[1]).Items])));
        registry.RegisterVariadic("concatenate", ["lists"], (a, c) => Concatenate("concatenate", (FeelList)a[0], c, distinct: false));
        registry.Register("insert before", ["list", "position", "newItem"], (a, c) => InsertBefore(a[0], a[1], a[2], c));
        registry.Register("remove", ["list", "position"], (a, c) => Remove(a[0], a[1], c));
        registry.Register("reverse", ["list"], (a, c) => WithList("reverse", a[0], c, l => new FeelList(l.Items.Reverse())));
        registry.Register("index of", ["list", "match"], (a, c) => WithList("index of", a[0], c, l => new FeelList(IndexesOf(l, a[1]).Select(i => (FeelValue)FeelNumber.Of(i + 1)))));
        registry.RegisterVariadic("union", ["lists"], (a, c) => Concatenate("union", (FeelList)a[0], c, distinct: true));
        registry.Register("distinct values", ["list"], (a, c) => WithList("distinct values", a[0], c, l => new FeelList(Distinct(l.Items, c))));
        registry.Register("flatten", ["list"], (a, c) => WithList("flatten", a[0], c, l => new FeelList(Flatten(l, 0))));
        registry.Register("sort", ["list"], (a, c) => WithList("sort", a[0], c, l => SortNatural(l, c)));
        registry.Register("sort", ["list", "precedes"], (a, c) => Sort(a[0], a[1], c));
        registry.Register("is empty", ["list"], (a, c) => WithList("is empty", a[0], c, l => FeelBoolean.Of(l.Count == 0)));
        registry.Register("partition", ["list", "size"], (a, c) => Partition(a[0], a[1], c));
        registry.Register("duplicate values", ["list"], (a, c) => WithList("duplicate values", a[0], c, l => new FeelList(Duplicates(l.Items, c))));
        registry.Register("list replace", ["list", "position", "newItem"], (a, c) => Replace(a[0], a[1], a[2], c));
        registry.Register("list replace", ["list", "match", "newItem"], (a, c) => Replace(a[0], a[1], a[2], c));
    }

    /// <summary>DMN's aggregates take one list, or the items themselves as arguments (<c>min([1, 2])</c> and <c>min(1, 2)</c>).</summary>
    private static void RegisterAggregate(FeelFunctionRegistry registry, string name, Func<FeelList, FeelEvaluationContext, FeelValue> body)
    {
        registry.Register(name, ["list"], (a, c) => a[0] is FeelList l ? body(l, c) : a[0] is FeelNull ? Fail(name, "expected a list but found null", c) : body(new FeelList([a[0]]), c));
        registry.RegisterVariadic(name, ["c"], (a, c) => body((FeelList)a[0], c));
    }

    private static FeelValue WithList(string function, FeelValue value, FeelEvaluationContext context, Func<FeelList, FeelValue> body) =>
        FunctionArgs.List(function, value, context, out var list) ? body(list) : FeelNull.Instance;

    private static FeelNull Fail(string function, string message, FeelEvaluationContext context) => FunctionArgs.Fail(function, message, context);

    private static IEnumerable<int> IndexesOf(FeelList list, FeelValue match)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (FeelComparer.ValueEquals(list[i], match) == true)
            {
                yield return i;
            }
        }
    }

    private static FeelValue Extreme(string function, FeelList list, FeelEvaluationContext context, int sign)
    {
        if (list.Count == 0)
        {
            return FeelNull.Instance;
        }

        var best = list[0];
        for (var i = 1; i < list.Count; i++)
        {
            if (FeelComparer.Compare(list[i], best) is not { } order)
            {
                return Fail(function, $"can't compare '{FeelOperators.Brief(list[i])}' with '{FeelOperators.Brief(best)}'", context);
            }

            if (Math.Sign(order) == sign)
            {
                best = list[i];
            }
        }

        return list.Count == 1 && FeelComparer.Compare(best, best) is null ? Fail(function, $"can't compare '{FeelOperators.Brief(best)}'", context) : best;
    }

    private static FeelValue Numbers(string function, FeelList list, FeelEvaluationContext context, Func<decimal[], FeelValue> body)
    {
        var numbers = new decimal[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not FeelNumber n)
            {
                return Fail(function, $"expected a list of numbers but found {list[i].TypeName} '{FeelOperators.Brief(list[i])}'", context);
            }

            numbers[i] = n.Value;
        }

        return body(numbers);
    }

    private static FeelValue Checked(Func<decimal> computation)
    {
        try
        {
            return FeelNumber.Of(computation());
        }
        catch (OverflowException)
        {
            return FeelNull.Instance;
        }
    }

    private static FeelValue Median(decimal[] numbers)
    {
        if (numbers.Length == 0)
        {
            return FeelNull.Instance;
        }

        Array.Sort(numbers);
        var middle = numbers.Length / 2;
        return numbers.Length % 2 == 1 ? FeelNumber.Of(numbers[middle]) : Checked(() => (numbers[middle - 1] + numbers[middle]) / 2);
    }

    private static FeelValue StandardDeviation(decimal[] numbers)
    {
        if (numbers.Length < 2)
        {
            return FeelNull.Instance;
        }

        try
        {
            var mean = numbers.Sum() / numbers.Length;
            var squares = numbers.Sum(n => (n - mean) * (n - mean));
            return DecimalMath.Sqrt(squares / (numbers.Length - 1)) is { } root ? FeelNumber.Of(root) : FeelNull.Instance;
        }
        catch (OverflowException)
        {
            return FeelNull.Instance;
        }
    }

    private static FeelList Mode(decimal[] numbers)
    {
        if (numbers.Length == 0)
        {
            return FeelList.Empty;
        }

        var counts = numbers.GroupBy(n => n).Select(g => (Value: g.Key, Count: g.Count())).ToList();
        var highest = counts.Max(g => g.Count);
        return new FeelList(counts.Where(g => g.Count == highest).Select(g => g.Value).Order().Select(v => (FeelValue)FeelNumber.Of(v)));
    }

    /// <summary><c>all</c> stops on false, <c>any</c> on true; otherwise a non-boolean item makes the result null.</summary>
    private static FeelValue Logical(string function, FeelList list, FeelEvaluationContext context, bool stopOn)
    {
        var undecided = false;
        foreach (var item in list.Items)
        {
            if (item is FeelBoolean b)
            {
                if (b.Value == stopOn)
                {
                    return FeelBoolean.Of(stopOn);
                }
            }
            else
            {
                undecided = true;
            }
        }

        if (undecided)
        {
            context.Warn(FeelWarningKind.FunctionInvocationFailure, $"{function}: the list has items that are not booleans");
            return FeelNull.Instance;
        }

        return FeelBoolean.Of(!stopOn);
    }

    /// <summary>Turns a 1-based position (negative counts from the end) into an index, or -1 when outside the list.</summary>
    private static int IndexOfPosition(int position, int count)
    {
        var index = position > 0 ? position - 1 : count + position;
        return position == 0 || index < 0 || index >= count ? -1 : index;
    }

    private static FeelValue Sublist(FeelValue list, FeelValue start, FeelValue? length, FeelEvaluationContext context)
    {
        if (!FunctionArgs.List("sublist", list, context, out var l) || !FunctionArgs.Integer("sublist", start, context, out var position))
        {
            return FeelNull.Instance;
        }

        var index = IndexOfPosition(position, l.Count);
        if (index < 0)
        {
            return Fail("sublist", $"start position {position} is outside a list of {l.Count}", context);
        }

        var take = l.Count - index;
        if (length is not null)
        {
            if (!FunctionArgs.Integer("sublist", length, context, out take))
            {
                return FeelNull.Instance;
            }

            if (take < 0 || index + take > l.Count)
            {
                return Fail("sublist", $"length {take} from position {position} is outside a list of {l.Count}", context);
            }
        }

        return new FeelList(l.Items.Skip(index).Take(take));
    }

    private static FeelValue Concatenate(string function, FeelList lists, FeelEvaluationContext context, bool distinct)
    {
        var items = new List<FeelValue>();
        foreach (var value in lists.Items)
        {
            if (value is not FeelList list)
            {
                return Fail(function, $"expected lists but found {value.TypeName} '{FeelOperators.Brief(value)}'", context);
            }

            items.AddRange(list.Items);
        }

        return new FeelList(distinct ? Distinct(items, context) : items);
    }

    private static FeelValue InsertBefore(FeelValue list, FeelValue position, FeelValue item, FeelEvaluationContext context)
    {
        if (!FunctionArgs.List("insert before", list, context, out var l) || !FunctionArgs.Integer("insert before", position, context, out var p))
        {
            return FeelNull.Instance;
        }

        var index = IndexOfPosition(p, l.Count);
        if (index < 0)
        {
            return Fail("insert before", $"position {p} is outside a list of {l.Count}", context);
        }

        var items = l.Items.ToList();
        items.Insert(index, item);
        return new FeelList(items);
    }

    private static FeelValue Remove(FeelValue list, FeelValue position, FeelEvaluationContext context)
    {
        if (!FunctionArgs.List("remove", list, context, out var l) || !FunctionArgs.Integer("remove", position, context, out var p))
        {
            return FeelNull.Instance;
        }

        var index = IndexOfPosition(p, l.Count);
        if (index < 0)
        {
            return Fail("remove", $"position {p} is outside a list of {l.Count}", context);
        }

        var items = l.Items.ToList();
        items.RemoveAt(index);
        return new FeelList(items);
    }

    private static List<FeelValue> Distinct(IEnumerable<FeelValue> items, FeelEvaluationContext context)
    {
        var result = new List<FeelValue>();
        foreach (var item in items)
        {
            // Quadratic: every comparison is a step, so a long list ends at the step limit instead of running for hours.
            context.Step(result.Count);
            if (!result.Exists(existing => FeelComparer.ValueEquals(existing, item) == true))
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static List<FeelValue> Duplicates(IReadOnlyList<FeelValue> items, FeelEvaluationContext context)
    {
        var seen = new List<FeelValue>();
        var duplicates = new List<FeelValue>();
        foreach (var item in items)
        {
            context.Step(seen.Count + duplicates.Count);
            if (!seen.Exists(existing => FeelComparer.ValueEquals(existing, item) == true))
            {
                seen.Add(item);
            }
            else if (!duplicates.Exists(existing => FeelComparer.ValueEquals(existing, item) == true))
            {
                duplicates.Add(item);
            }
        }

        return duplicates;
    }

    private static IEnumerable<FeelValue> Flatten(FeelList list, int depth)
    {
        foreach (var item in list.Items)
        {
            if (item is FeelList inner && depth < FeelEvaluationContext.MaxCallDepth)
            {
                foreach (var nested in Flatten(inner, depth + 1))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return item;
            }
        }
    }

    private static FeelValue SortNatural(FeelList list, FeelEvaluationContext context)
    {
        var failed = false;
        var sorted = MergeSort(list.Items.ToArray(), (x, y) =>
        {
            context.Step();
            if (FeelComparer.Compare(x, y) is { } order)
            {
                return order < 0;
            }

            failed = true;
            return false;
        });
        return failed ? Fail("sort", "the list has items that can't be compared", context) : new FeelList(sorted);
    }

    private static FeelValue Sort(FeelValue list, FeelValue precedes, FeelEvaluationContext context)
    {
        if (!FunctionArgs.List("sort", list, context, out var l) || !FunctionArgs.Function("sort", precedes, context, out var function))
        {
            return FeelNull.Instance;
        }

        var failed = false;
        var sorted = MergeSort(l.Items.ToArray(), (x, y) =>
        {
            if (function.Invoke([x, y], context) is FeelBoolean b)
            {
                return b.Value;
            }

            failed = true;
            return false;
        });
        return failed ? Fail("sort", "the precedes function did not return a boolean", context) : new FeelList(sorted);
    }

    /// <summary>A stable merge sort that only asks "does x precede y?", so an inconsistent function cannot make it throw or loop.</summary>
    private static FeelValue[] MergeSort(FeelValue[] items, Func<FeelValue, FeelValue, bool> precedes)
    {
        if (items.Length < 2)
        {
            return items;
        }

        var middle = items.Length / 2;
        var left = MergeSort(items[..middle], precedes);
        var right = MergeSort(items[middle..], precedes);
        var result = new FeelValue[items.Length];
        int i = 0, j = 0, k = 0;
        while (i < left.Length && j < right.Length)
        {
            result[k++] = precedes(right[j], left[i]) ? right[j++] : left[i++];
        }

        while (i < left.Length)
        {
            result[k++] = left[i++];
        }

        while (j < right.Length)
        {
            result[k++] = right[j++];
        }

        return result;
    }

    private static FeelValue Partition(FeelValue list, FeelValue size, FeelEvaluationContext context)
    {
        if (!FunctionArgs.List("partition", list, context, out var l) || !FunctionArgs.Integer("partition", size, context, out var s))
        {
            return FeelNull.Instance;
        }

        if (s <= 0)
        {
            return Fail("partition", $"size must be greater than zero but was {s}", context);
        }

        return new FeelList(l.Items.Chunk(s).Select(chunk => (FeelValue)new FeelList(chunk)));
    }

    /// <summary>Camunda's <c>list replace</c>: by 1-based position, or every item for which <c>match(item, newItem)</c> is true.</summary>
    private static FeelValue Replace(FeelValue list, FeelValue positionOrMatch, FeelValue newItem, FeelEvaluationContext context)
    {
        if (!FunctionArgs.List("list replace", list, context, out var l))
        {
            return FeelNull.Instance;
        }

        var items = l.Items.ToArray();
        if (positionOrMatch is FeelFunction match)
        {
            for (var i = 0; i < items.Length; i++)
            {
                var matches = match.Invoke([items[i], newItem], context);
                if (matches is not FeelBoolean b)
                {
                    return Fail("list replace", "the match function did not return a boolean", context);
                }

                if (b.Value)
                {
                    items[i] = newItem;
                }
            }

            return new FeelList(items);
        }

        if (!FunctionArgs.Integer("list replace", positionOrMatch, context, out var position))
        {
            return FeelNull.Instance;
        }

        var index = IndexOfPosition(position, items.Length);
        if (index < 0)
        {
            return Fail("list replace", $"position {position} is outside a list of {items.Length}", context);
        }

        items[index] = newItem;
        return new FeelList(items);
    }
}
