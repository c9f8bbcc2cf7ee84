namespace Orchestrator.Feel.Values;

/// <summary>
/// How many values a list or context holds when every nested list and context is counted in full.
/// Lists built from shared parts (<c>for … return partial</c>, a recursive function returning
/// <c>[x, x]</c>) can be exponentially large once expanded; counting at construction keeps flatten,
/// <c>string()</c>, equality and JSON from ever walking such a value.
/// </summary>
internal static class FeelSize
{
    /// <summary>The most values one list or context may hold, counted in full.</summary>
    public const long Max = 10_000_000;

    public static long Of(FeelValue value) => value switch
    {
        FeelList list => list.Size,
        FeelContext context => context.Size,
        _ => 1,
    };

    /// <summary>
    /// A container's size (1 plus its items' sizes) and depth (1 plus its deepest item's); throws
    /// <see cref="FeelLimitException"/> past <see cref="Max"/>.
    /// </summary>
    public static (long Size, int Depth) Measure(IEnumerable<FeelValue> items)
    {
        long size = 1;
        var depth = 0;
        foreach (var item in items)
        {
            size += Of(item);
            depth = Math.Max(depth, item.Depth);
            if (size > Max)
            {
                throw new FeelLimitException();
            }
        }

        return (size, depth + 1);
    }
}
