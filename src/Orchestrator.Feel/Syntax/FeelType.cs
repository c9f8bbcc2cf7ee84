using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Syntax;

/// <summary>A type in <c>instance of</c>: a named type, <c>list&lt;T&gt;</c>, <c>context&lt;k: T&gt;</c>, <c>range&lt;T&gt;</c> or <c>function&lt;T&gt;-&gt;R</c>.</summary>
internal abstract class FeelType
{
    /// <summary>The built-in type names (names with spaces included), as the parser matches them.</summary>
    public static readonly string[] Names =
    [
        "Any", "Null", "number", "string", "boolean", "date", "time", "date and time",
        "days and time duration", "years and months duration", "list", "context", "range", "function",
    ];

    public abstract bool Matches(FeelValue value);
}

/// <summary>
/// A named type. <c>Any</c> matches every value but null (as in feel-scala), <c>Null</c> only null;
/// the others compare with the value's type name.
/// </summary>
internal sealed class NamedType(string name) : FeelType
{
    public override bool Matches(FeelValue value) => name switch
    {
        "Any" => value is not FeelNull,
        "Null" => value is FeelNull,
        _ => string.Equals(value.TypeName, name, StringComparison.Ordinal),
    };
}

/// <summary><c>list&lt;T&gt;</c>: a list whose items are all of type T (null items allowed).</summary>
internal sealed class ListType(FeelType item) : FeelType
{
    public override bool Matches(FeelValue value)
    {
        if (value is not FeelList list)
        {
            return false;
        }

        foreach (var element in list.Span)
        {
            if (element is not FeelNull && !item.Matches(element))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary><c>context&lt;a: T, b: U&gt;</c>: a context that has these entries with these types (more entries allowed).</summary>
internal sealed class ContextType(string[] keys, FeelType[] types) : FeelType
{
    public override bool Matches(FeelValue value)
    {
        if (value is not FeelContext context)
        {
            return false;
        }

        for (var i = 0; i < keys.Length; i++)
        {
            if (!context.TryGetValue(keys[i], out var entry) || (entry is not FeelNull && !types[i].Matches(entry)))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary><c>range&lt;T&gt;</c>: a range whose end points are of type T.</summary>
internal sealed class RangeType(FeelType point) : FeelType
{
    public override bool Matches(FeelValue value) =>
        value is FeelRange range && (range.Start is FeelNull || point.Matches(range.Start)) && (range.End is FeelNull || point.Matches(range.End));
}

/// <summary><c>function&lt;T, U&gt;-&gt;R</c>: a function; for functions defined in FEEL the number of parameters must match too.</summary>
internal sealed class FunctionType(int parameterCount) : FeelType
{
    public override bool Matches(FeelValue value) =>
        value is FeelFunction function && (function is not UserFunction user || user.Parameters.Count == parameterCount);
}
