using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Orchestrator.Feel.Values;

/// <summary>
/// FEEL <c>context</c>: an ordered map of names to values. Immutable once built. A context is
/// also a variable scope.
/// </summary>
public sealed class FeelContext : FeelValue, IFeelScope
{
    /// <summary>The empty context.</summary>
    public static readonly FeelContext Empty = new(new OrderedDictionary<string, FeelValue>(StringComparer.Ordinal));

    private readonly OrderedDictionary<string, FeelValue> _entries;

    /// <summary>Creates a context that owns <paramref name="entries"/>; do not change the dictionary afterwards.</summary>
    /// <exception cref="FeelLimitException">The context would hold more than ten million values counted with everything nested.</exception>
    public FeelContext(OrderedDictionary<string, FeelValue> entries)
    {
        _entries = entries;
        (Size, Depth) = FeelSize.Measure(entries.Values);
    }

    /// <summary>Creates a context from entries in order; a later entry with the same key replaces an earlier one.</summary>
    public FeelContext(IEnumerable<KeyValuePair<string, FeelValue>> entries)
    {
        _entries = new OrderedDictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            _entries[key] = value;
        }

        (Size, Depth) = FeelSize.Measure(_entries.Values);
    }

    /// <summary>How many values the context holds counted in full (itself, its entries, and everything nested in them).</summary>
    internal long Size { get; }

    /// <inheritdoc />
    public override int Depth { get; }

    /// <summary>The entries in order.</summary>
    public IReadOnlyList<KeyValuePair<string, FeelValue>> Entries => _entries.ToArray();

    /// <summary>The keys in order.</summary>
    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>The value of an entry, or FEEL null when there is none.</summary>
    public FeelValue this[string key] => _entries.TryGetValue(key, out var v) ? v : FeelNull.Instance;

    /// <summary>Looks an entry up.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out FeelValue value) => _entries.TryGetValue(key, out value);

    /// <inheritdoc />
    public bool TryGetVariable(string name, [MaybeNullWhen(false)] out FeelValue value) => _entries.TryGetValue(name, out value);

    /// <summary>True when the context has an entry of that name.</summary>
    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    /// <summary>A new context with the entry added or replaced (in place when it exists, else at the end).</summary>
    public FeelContext With(string key, FeelValue value)
    {
        var copy = new OrderedDictionary<string, FeelValue>(_entries, StringComparer.Ordinal)
        {
            [key] = value,
        };
        return new FeelContext(copy);
    }

    /// <inheritdoc />
    public override string TypeName => "context";

    /// <summary>Equal when both have the same keys with equal values (order does not matter).</summary>
    public override bool Equals(FeelValue? other)
    {
        if (other is not FeelContext context || context.Count != Count)
        {
            return false;
        }

        foreach (var (key, value) in _entries)
        {
            if (!context._entries.TryGetValue(key, out var otherValue) || !value.Equals(otherValue))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (key, value) in _entries)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), value);
        }

        return hash;
    }

    /// <summary>Renders as <c>{a:1, b:"x"}</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var (key, value) in _entries)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            sb.Append(key).Append(':').Append(Render(value));
        }

        return sb.Append('}').ToString();
    }

    /// <summary>Renders a value inside a list or context: strings quoted, others as <see cref="FeelValue.ToString"/>.</summary>
    internal static string Render(FeelValue value) => value is FeelString s ? "\"" + s.Value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : value.ToString();
}
