using Orchestrator.Dmn.Model;
using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn.Evaluation;

/// <summary>
/// Resolves <c>typeRef</c>s to types (FEEL built-ins, with the DMN 1.1 <c>feel:</c>/XML Schema spellings, and item definitions,
/// those of imported models as <c>import.name</c>) and applies DMN's conversions when a value is given to a typed name.
/// </summary>
internal sealed class TypeResolver(IReadOnlyList<Definitions> models)
{
    private static readonly Dictionary<string, DmnType> BuiltIns = new(StringComparer.Ordinal)
    {
        ["Any"] = DmnType.Any,
        ["number"] = new BuiltInType("number", "number"),
        ["decimal"] = new BuiltInType("number", "number"),
        ["integer"] = new BuiltInType("number", "number"),
        ["int"] = new BuiltInType("number", "number"),
        ["long"] = new BuiltInType("number", "number"),
        ["double"] = new BuiltInType("number", "number"),
        ["string"] = new BuiltInType("string", "string"),
        ["boolean"] = new BuiltInType("boolean", "boolean"),
        ["date"] = new BuiltInType("date", "date"),
        ["time"] = new BuiltInType("time", "time"),
        ["date and time"] = new BuiltInType("date and time", "date and time"),
        ["dateTime"] = new BuiltInType("date and time", "date and time"),
        ["days and time duration"] = new BuiltInType("days and time duration", "days and time duration"),
        ["dayTimeDuration"] = new BuiltInType("days and time duration", "days and time duration"),
        ["years and months duration"] = new BuiltInType("years and months duration", "years and months duration"),
        ["yearMonthDuration"] = new BuiltInType("years and months duration", "years and months duration"),
        ["context"] = new BuiltInType("context", "context"),
        ["list"] = new BuiltInType("list", "list"),
        ["function"] = new BuiltInType("function", "function"),
        ["range"] = new BuiltInType("range", "range"),
    };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Definitions, string), DmnType> _cache = new();

    /// <summary>The type <paramref name="typeRef"/> names in <paramref name="model"/>; null when none is declared, <c>Any</c> when it names nothing known.</summary>
    public DmnType? Resolve(string? typeRef, Definitions model) =>
        string.IsNullOrWhiteSpace(typeRef) ? null : _cache.GetOrAdd((model, typeRef), key => Find(key.Item2.Trim(), key.Item1) ?? DmnType.Any);

    /// <summary>
    /// Gives a value to a typed name (DMN 1.5 10.3.2.9.4): a singleton list to a non-list type becomes its item, an item to a list
    /// type becomes a singleton list, a date to <c>date and time</c> becomes its midnight UTC; a value that then does not conform is null.
    /// </summary>
    public static FeelValue Coerce(FeelValue value, DmnType? type, out bool conformed)
    {
        conformed = true;
        if (type is null || value is FeelNull || type.Conforms(value))
        {
            return value;
        }

        if (value is FeelList { Count: 1 } single && type.ItemType is null && type.Conforms(single[0]))
        {
            return single[0];
        }

        if (type.ItemType is { } item && value is not FeelList && item.Conforms(value))
        {
            return new FeelList([value]);
        }

        if (value is FeelDate date && type is BuiltInType { FeelName: "date and time" })
        {
            return new FeelDateTime(date.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        conformed = false;
        return FeelNull.Instance;
    }

    private DmnType? Find(string typeRef, Definitions model)
    {
        if (model.ItemDefinitions.TryGetValue(typeRef, out var item))
        {
            return Of(item, model);
        }

        var colon = typeRef.IndexOf(':', StringComparison.Ordinal);
        var local = colon >= 0 ? typeRef[(colon + 1)..] : typeRef;
        if (BuiltIns.TryGetValue(local, out var builtIn))
        {
            return builtIn;
        }

        if (colon >= 0 && model.ItemDefinitions.TryGetValue(local, out item))
        {
            return Of(item, model);
        }

        var dot = typeRef.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var prefix = typeRef[..dot];
            var name = typeRef[(dot + 1)..];
            foreach (var import in model.Imports.Where(i => i.Name == prefix))
            {
                if (models.FirstOrDefault(m => m.Namespace == import.Namespace) is { } imported && imported.ItemDefinitions.TryGetValue(name, out var importedItem))
                {
                    return Of(importedItem, imported);
                }
            }
        }

        if (typeRef.StartsWith("list<", StringComparison.Ordinal) || typeRef.StartsWith("context<", StringComparison.Ordinal) ||
            typeRef.StartsWith("function<", StringComparison.Ordinal) || typeRef.StartsWith("range<", StringComparison.Ordinal))
        {
            return BuiltIns[typeRef[..typeRef.IndexOf('<', StringComparison.Ordinal)]];
        }

        return null;
    }

    private DmnType Of(ItemDefinition item, Definitions model)
    {
        DmnType type;
        if (item.Components.Count > 0)
        {
            type = new StructureType(item.Name, [.. item.Components.Select(c => (c.Name, (Func<DmnType>)(() => Of(c, model))))]);
        }
        else if (item.IsFunction)
        {
            type = BuiltIns["function"];
        }
        else
        {
            var baseRef = item.TypeRef;
            type = baseRef is null ? DmnType.Any : new DeferredType(baseRef, () => Resolve(baseRef, model) ?? DmnType.Any);
        }

        if (item.AllowedValues is { } allowed)
        {
            type = new ConstrainedType(item.Name, type, allowed);
        }

        return item.IsCollection ? new CollectionType(item.Name, type) : type;
    }
}
