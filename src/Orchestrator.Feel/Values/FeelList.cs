using System.Text;

namespace Orchestrator.Feel.Values;

/// <summary>FEEL <c>list</c>: an ordered, immutable sequence of values.</summary>
public sealed class FeelList : FeelValue
{
    /// <summary>The empty list.</summary>
    public static readonly FeelList Empty = new([]);

    private readonly FeelValue[] _items;

    /// <summary>Creates a list. The array is owned by the list from now on; do not change it afterwards.</summary>
    /// <exception cref="FeelLimitException">The list would hold more than ten million values counted with everything nested.</exception>
    public FeelList(FeelValue[] items)
    {
        _items = items;
        (Size, Depth) = FeelSize.Measure(items);
    }

    /// <summary>Creates a list from a sequence.</summary>
    /// <exception cref="FeelLimitException">The list would hold more than ten million values counted with everything nested.</exception>
    public FeelList(IEnumerable<FeelValue> items)
        : this(items.ToArray())
    {
    }

    /// <summary>A list of strings.</summary>
    /// <exception cref="FeelLimitException">The list would hold more than ten million values.</exception>
    public static FeelList OfStrings(IEnumerable<string> items) => new(items.Select(i => (FeelValue)new FeelString(i)));

    /// <summary>How many values the list holds counted in full (itself, its items, and everything nested in them).</summary>
    internal long Size { get; }

    /// <inheritdoc />
    public override int Depth { get; }

    /// <summary>The items.</summary>
    public ReadOnlySpan<FeelValue> Span => _items;

    /// <summary>The items.</summary>
    public IReadOnlyList<FeelValue> Items => _items;

    /// <summary>The number of items.</summary>
    public int Count => _items.Length;

    /// <summary>The item at a zero-based index.</summary>
    public FeelValue this[int index] => _items[index];

    /// <inheritdoc />
    public override string TypeName => "list";

    /// <inheritdoc />
    public override bool Equals(FeelValue? other)
    {
        if (other is not FeelList list || list.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(list._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Renders as <c>[1, "a", true]</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < _items.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(FeelContext.Render(_items[i]));
        }

        return sb.Append(']').ToString();
    }
}
