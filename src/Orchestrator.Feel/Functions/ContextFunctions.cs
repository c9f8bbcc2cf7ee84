using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>Built-in context functions (DMN 1.5 §10.3.4.8) and Camunda's path variants of <c>get value</c> and <c>context put</c>.</summary>
internal static class ContextFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        registry.Register("get value", ["m", "key"], (a, c) => GetValue(a[0], a[1], c));
        registry.Register("get value", ["m", "keys"], (a, c) => GetValue(a[0], a[1], c));
        registry.Register("get entries", ["m"], (a, c) => GetEntries(a[0], c));
        registry.Register("context put", ["context", "key", "value"], (a, c) => Put(a[0], a[1], a[2], c));
        registry.Register("context put", ["context", "keys", "value"], (a, c) => Put(a[0], a[1], a[2], c));
        registry.Register("context merge", ["contexts"], (a, c) => Merge(a[0], c));
        registry.Register("context", ["entries"], (a, c) => FromEntries(a[0], c));
    }

    private static FeelValue GetValue(FeelValue m, FeelValue keyOrPath, FeelEvaluationContext context)
    {
        if (!FunctionArgs.Context("get value", m, context, out var current))
        {
            return FeelNull.Instance;
        }

        if (!TryPath("get value", keyOrPath, context, out var path))
        {
            return FeelNull.Instance;
        }

        FeelValue value = current;
        foreach (var key in path)
        {
            if (value is not FeelContext c || !c.TryGetValue(key, out var next))
            {
                return FeelNull.Instance;
            }

            value = next;
        }

        return value;
    }

    private static FeelValue GetEntries(FeelValue m, FeelEvaluationContext context) =>
        FunctionArgs.Context("get entries", m, context, out var c)
            ? new FeelList(c.Entries.Select(e => (FeelValue)new FeelContext([new("key", new FeelString(e.Key)), new("value", e.Value)])))
            : FeelNull.Instance;

    private static FeelValue Put(FeelValue target, FeelValue keyOrPath, FeelValue value, FeelEvaluationContext context)
    {
        if (!FunctionArgs.Context("context put", target, context, out var c) || !TryPath("context put", keyOrPath, context, out var path))
        {
            return FeelNull.Instance;
        }

        if (path.Length == 0)
        {
            return FunctionArgs.Fail("context put", "the list of keys is empty", context);
        }

        // Deeper than JSON can carry, the context would only overflow the stack of whatever walks it (string(), =, JSON).
        if (path.Length > FeelJson.MaxDepth)
        {
            return FunctionArgs.Fail("context put", $"the list of keys is longer than {FeelJson.MaxDepth:N0}", context);
        }

        return PutPath(c, path, 0, value);
    }

    private static FeelContext PutPath(FeelContext target, string[] path, int index, FeelValue value)
    {
        if (index == path.Length - 1)
        {
            return target.With(path[index], value);
        }

        var inner = target.TryGetValue(path[index], out var existing) && existing is FeelContext c ? c : FeelContext.Empty;
        return target.With(path[index], PutPath(inner, path, index + 1, value));
    }

    private static FeelValue Merge(FeelValue contexts, FeelEvaluationContext context)
    {
        var list = contexts as FeelList ?? new FeelList([contexts]);
        var entries = new OrderedDictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (!FunctionArgs.Context("context merge", item, context, out var c))
            {
                return FeelNull.Instance;
            }

            foreach (var (key, value) in c.Entries)
            {
                entries[key] = value;
            }
        }

        return new FeelContext(entries);
    }

    private static FeelValue FromEntries(FeelValue entries, FeelEvaluationContext context)
    {
        var list = entries as FeelList ?? new FeelList([entries]);
        var result = new OrderedDictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (item is not FeelContext entry || !entry.TryGetValue("key", out var key) || key is not FeelString name || !entry.TryGetValue("value", out var value))
            {
                return FunctionArgs.Fail("context", $"expected entries of the form {{key: string, value: any}} but found '{FeelOperators.Brief(item)}'", context);
            }

            result[name.Value] = value;
        }

        return new FeelContext(result);
    }

    /// <summary>A key is a one-step path; a list of strings is a path into nested contexts.</summary>
    private static bool TryPath(string function, FeelValue keyOrPath, FeelEvaluationContext context, out string[] path)
    {
        switch (keyOrPath)
        {
            case FeelString s:
                path = [s.Value];
                return true;
            case FeelList list when list.Items.All(k => k is FeelString):
                path = list.Items.Select(k => ((FeelString)k).Value).ToArray();
                return true;
            default:
                path = [];
                FunctionArgs.Fail(function, $"expected a key or a list of keys but found {keyOrPath.TypeName}", context);
                return false;
        }
    }
}
