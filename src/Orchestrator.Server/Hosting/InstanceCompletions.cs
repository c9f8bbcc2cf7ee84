using System.Collections.Concurrent;
using Orchestrator.Engine.State;

namespace Orchestrator.Server.Hosting;

/// <summary>Lets a request wait until an instance ends (<c>awaitCompletion</c>).</summary>
public sealed class InstanceCompletions
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<ProcessInstance>> _waiting = new();
    private readonly EngineHost _host;

    /// <summary>Hooks onto the store's end-of-instance notice.</summary>
    public InstanceCompletions(EngineHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        host.Store.InstanceEnded += instance =>
        {
            if (_waiting.TryRemove(instance.Key, out var waiter))
            {
                waiter.TrySetResult(instance);
            }
        };
    }

    /// <summary>
    /// Completes when <paramref name="instance"/> has ended: at once if its end was already told, else with the end the store
    /// tells. On a shared database an end in memory is told once its commit is written; until then it may be left out (another
    /// node changed the instance first) and the instance end otherwise.
    /// </summary>
    public async Task<ProcessInstance> WaitAsync(ProcessInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var waiter = _waiting.GetOrAdd(instance.Key, _ => new TaskCompletionSource<ProcessInstance>(TaskCreationOptions.RunContinuationsAsynchronously));

        // Between commands, where a command that ended the instance has also marked its end untold.
        if (_host.Engine.Exclusive(() => _host.Store.EndTold(instance)))
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
