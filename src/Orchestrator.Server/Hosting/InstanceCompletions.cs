using System.Collections.Concurrent;
using Orchestrator.Engine.State;

namespace Orchestrator.Server.Hosting;

/// <summary>Lets a request wait until an instance ends (<c>awaitCompletion</c>).</summary>
public sealed class InstanceCompletions
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<ProcessInstance>> _waiting = new();

    /// <summary>Hooks onto the store's end-of-instance notice.</summary>
    public InstanceCompletions(EngineHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Store.InstanceEnded += instance =>
        {
            if (_waiting.TryRemove(instance.Key, out var waiter))
            {
                waiter.TrySetResult(instance);
            }
        };
    }

    /// <summary>Completes when <paramref name="instance"/> has ended (at once if it already has).</summary>
    public async Task<ProcessInstance> WaitAsync(ProcessInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var waiter = _waiting.GetOrAdd(instance.Key, _ => new TaskCompletionSource<ProcessInstance>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (instance.State != LifecycleState.Active)
        {
            _waiting.TryRemove(instance.Key, out _);
            return instance;
        }

        try
        {
            return await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _waiting.TryRemove(instance.Key, out _);
        }
    }
}
