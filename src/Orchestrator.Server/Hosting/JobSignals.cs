using System.Collections.Concurrent;

namespace Orchestrator.Server.Hosting;

/// <summary>Wakes long-polling job activations the moment jobs of their type become available.</summary>
public sealed class JobSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next <see cref="Notify"/> for <paramref name="type"/>. Take it before looking for jobs, so no wake-up is lost.</summary>
    public Task Next(string type) =>
        _signals.GetOrAdd(type, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>True while an activation waits (or is about to wait) for jobs of <paramref name="type"/>.</summary>
    public bool IsAwaited(string type) => _signals.ContainsKey(type);

    /// <summary>Jobs of <paramref name="type"/> became available.</summary>
    public void Notify(string type)
    {
        if (_signals.TryRemove(type, out var signal))
        {
            signal.TrySetResult();
        }
    }
}
