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
        _values.TryGetValue(name, out value) || (parent is not null && parent.TryGetVariable(name, out value));
}
