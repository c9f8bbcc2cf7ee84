namespace Orchestrator.Server.Hosting;

/// <summary>The due dates of open timers, earliest first, as the engine reported them; canceled ones are dropped lazily.</summary>
public sealed class TimerAgenda
{
    private readonly object _gate = new();
    private readonly PriorityQueue<long, DateTimeOffset> _due = new();
    private readonly Dictionary<long, DateTimeOffset> _current = [];

    /// <summary>Raised when a timer was added (the firing loop may need to wake earlier).</summary>
    public event Action? Added;

    /// <summary>A timer is due at <paramref name="due"/> (again, for cycles).</summary>
    public void Schedule(long key, DateTimeOffset due)
    {
        lock (_gate)
        {
            _current[key] = due;
            _due.Enqueue(key, due);
        }

        Added?.Invoke();
    }

    /// <summary>The timer ended without firing.</summary>
    public void Cancel(long key)
    {
        lock (_gate)
        {
            _current.Remove(key);
        }
    }

    /// <summary>The earliest due date of an open timer, if any.</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_gate)
        {
            while (_due.TryPeek(out var key, out var due))
            {
                if (_current.TryGetValue(key, out var current) && current == due)
                {
                    return due;
                }

                _due.Dequeue();
            }

            return null;
        }
    }

    /// <summary>
    /// Takes the timers due at or before <paramref name="now"/> off the agenda (they are fired now; cycles are scheduled again by
    /// the engine) and returns their keys, earliest first.
    /// </summary>
    public IReadOnlyList<long> Fired(DateTimeOffset now)
    {
        var fired = new List<long>();
        lock (_gate)
        {
            while (_due.TryPeek(out var key, out var due) && due <= now)
            {
                _due.Dequeue();
                if (_current.TryGetValue(key, out var current) && current == due)
                {
                    _current.Remove(key);
                    fired.Add(key);
                }
            }
        }

        return fired;
    }
}
