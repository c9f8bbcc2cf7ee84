using System.Diagnostics.CodeAnalysis;
using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn.Evaluation;

/// <summary>The names an expression sees: its own entries, then its parent's.</summary>
internal sealed class Scope(IFeelScope? parent) : IFeelScope
{
    private readonly Dictionary<string, FeelValue> _values = new(StringComparer.Ordinal);

    public void Set(string name, FeelValue value) => _values[name] = value;

    /// <summary>Adds an entry to the context named <paramref name="prefix"/> (an imported model's elements are seen as <c>prefix.name</c>).</summary>
    public void SetIn(string prefix, string name, FeelValue value)
    {
        var context = _values.TryGetValue(prefix, out var existing) && existing is FeelContext c ? c : FeelContext.Empty;
        _values[prefix] = context.With(name, value);
    }

    public bool TryGetVariable(string name, [MaybeNullWhen(false)] out FeelValue value) =>
        TryGetDeclared(name, out value) || TryGetPath(name, out value);

    private bool TryGetDeclared(string name, [MaybeNullWhen(false)] out FeelValue value) =>
        _values.TryGetValue(name, out value) ||
        (parent is Scope scope ? scope.TryGetDeclared(name, out value) : parent is not null && parent.TryGetVariable(name, out value));

    /// <summary>
    /// A name with dots that the model declares somewhere (a knowledge model's parameter <c>Person.Gender</c>, an import's
    /// <c>myimport.Say Hello</c>) reads as one name everywhere; where no variable has that name, it is the path it spells.
    /// </summary>
    private bool TryGetPath(string name, [MaybeNullWhen(false)] out FeelValue value)
    {
        value = null;
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        while (dot > 0)
        {
            if (TryGetDeclared(name[..dot], out var head) && Walk(head, name[(dot + 1)..], out value))
            {
                return true;
            }

            dot = name.IndexOf('.', dot + 1);
        }

        return false;
    }

    private static bool Walk(FeelValue value, string path, [MaybeNullWhen(false)] out FeelValue result)
    {
        result = null;
        if (value is not FeelContext context)
        {
            return false;
        }

        if (context.TryGetValue(path, out result))
        {
            return true;
        }

        var dot = path.IndexOf('.', StringComparison.Ordinal);
        while (dot > 0)
        {
            if (context.TryGetValue(path[..dot], out var entry) && Walk(entry, path[(dot + 1)..], out result))
            {
                return true;
            }

            dot = path.IndexOf('.', dot + 1);
        }

        return false;
    }
}
