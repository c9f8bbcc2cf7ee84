namespace Orchestrator.Feel.Syntax;

/// <summary>
/// Names with spaces that the parser must recognise as one name even though a word in them is a
/// keyword or an operator word (<c>date and time</c>, <c>get or else</c>): indexed by first word,
/// longest first, so the parser can match the longest known name at a position.
/// </summary>
internal sealed class NameIndex
{
    public static readonly NameIndex Empty = new([], 0);

    private readonly Dictionary<string, string[][]> _byFirstWord;

    private NameIndex(Dictionary<string, string[][]> byFirstWord, int sourceCount)
    {
        _byFirstWord = byFirstWord;
        SourceCount = sourceCount;
    }

    /// <summary>How many names the index was built from (to notice a registry that grew).</summary>
    public int SourceCount { get; }

    public static NameIndex Create(IEnumerable<string> names)
    {
        var groups = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        var count = 0;
        foreach (var name in names)
        {
            count++;
            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2)
            {
                continue;
            }

            if (!groups.TryGetValue(words[0], out var list))
            {
                list = [];
                groups.Add(words[0], list);
            }

            list.Add(words);
        }

        var index = new Dictionary<string, string[][]>(groups.Count, StringComparer.Ordinal);
        foreach (var (first, list) in groups)
        {
            list.Sort((a, b) => b.Length.CompareTo(a.Length));
            index.Add(first, [.. list]);
        }

        return new NameIndex(index, count);
    }

    public bool TryGet(string firstWord, out string[][] candidates)
    {
        if (_byFirstWord.TryGetValue(firstWord, out var found))
        {
            candidates = found;
            return true;
        }

        candidates = [];
        return false;
    }
}
