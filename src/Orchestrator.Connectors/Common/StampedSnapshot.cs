namespace Orchestrator.Connectors.Common;

/// <summary>
/// What a file or folder reads as, loaded again as soon as its stamp (paths, times of last change and sizes) changes, so the
/// shop edits it without a restart. Thread-safe.
/// </summary>
/// <typeparam name="T">What is read.</typeparam>
/// <param name="stamp">The current stamp; different as soon as a file is saved, added or removed.</param>
/// <param name="load">Reads what a stamp stands for.</param>
/// <param name="empty">What an empty stamp (nothing there) stands for.</param>
internal sealed class StampedSnapshot<T>(Func<string> stamp, Func<string, T> load, T empty)
{
    private readonly Lock _gate = new();
    private (string Stamp, T Value) _current = ("", empty);

    /// <summary>What is read now.</summary>
    public T Current()
    {
        var now = stamp();
        lock (_gate)
        {
            if (_current.Stamp != now)
            {
                _current = (now, load(now));
            }

            return _current.Value;
        }
    }
}
