using Orchestrator.Engine.State;

namespace Orchestrator.Persistence.Store;

/// <summary>The objects of one kind a command touched (handed out or added), by key, and which of them it created.</summary>
internal sealed class Tracked<T>
    where T : class
{
    private readonly Dictionary<long, T> _touched = [];
    private readonly HashSet<long> _new = [];

    public IEnumerable<T> All => _touched.Values;

    public T? Touch(T? item)
    {
        if (item is not null)
        {
            _touched.TryAdd(KeyOf(item), item);
        }

        return item;
    }

    public IEnumerable<T> TouchAll(IEnumerable<T> items) => items.Select(item => Touch(item)!).ToList();

    public void Add(T item)
    {
        var key = KeyOf(item);
        _touched[key] = item;
        _new.Add(key);
    }

    public bool IsNew(long key) => _new.Contains(key);

    public void Drop(long key)
    {
        _touched.Remove(key);
        _new.Remove(key);
    }

    public void Clear()
    {
        _touched.Clear();
        _new.Clear();
    }

    private static long KeyOf(T item) => item switch
    {
        ProcessInstance i => i.Key,
        Job j => j.Key,
        UserTask t => t.Key,
        Incident i => i.Key,
        Subscription s => s.Key,
        Message m => m.Key,
        _ => throw new ArgumentException($"{typeof(T).Name} is not tracked", nameof(item)),
    };
}
