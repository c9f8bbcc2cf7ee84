using System.Collections.Concurrent;

namespace Orchestrator.Simulators;

/// <summary>
/// Faults per endpoint (<c>PUT /_sim/faults</c>): an error rate, added latency, or the next N calls failing with a
/// given status; and the replay of answers by <c>Idempotency-Key</c> (only successful answers are kept, so a retry
/// after an injected 503 is served for real).
/// </summary>
public sealed class FaultInjection
{
    private readonly ConcurrentDictionary<(string Method, string Path), Fault> _faults = new();
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);

    /// <summary>A fault on one endpoint.</summary>
    public sealed class Fault
    {
        public double ErrorRate { get; set; }

        public int LatencyMs { get; set; }

        public int FailNext { get; set; }

        public int Status { get; set; } = 503;
    }

    /// <summary>The faults as set.</summary>
    public IReadOnlyDictionary<string, Fault> All => _faults.ToDictionary(f => f.Key.Method + " " + f.Key.Path, f => f.Value, StringComparer.Ordinal);

    public void Set(string method, string path, Fault fault) => _faults[(method.ToUpperInvariant(), path)] = fault;

    public void Clear()
    {
        _faults.Clear();
    }

    /// <summary>The status to fail a call with, if a fault says so (after its latency).</summary>
    public async Task<int?> ApplyAsync(string method, string path, CancellationToken cancellationToken)
    {
        if (!_faults.TryGetValue((method.ToUpperInvariant(), path), out var fault))
        {
            return null;
        }

        if (fault.LatencyMs > 0)
        {
            await Task.Delay(fault.LatencyMs, cancellationToken).ConfigureAwait(false);
        }

        lock (fault)
        {
            if (fault.FailNext > 0)
            {
                fault.FailNext--;
                return fault.Status;
            }
        }

        return fault.ErrorRate > 0 && Random.Shared.NextDouble() < fault.ErrorRate ? fault.Status : null;
    }

    public bool TryReplay(string key, out (int Status, string Body) answer) => _answers.TryGetValue(key, out answer);

    /// <summary>
    /// Waits until no other call with this idempotency key is being answered (dispose to let the next go): a retry sent while
    /// the first call still runs gets the first's answer once it is known, not a second refund.
    /// </summary>
    public async Task<IDisposable> TurnAsync(string key, CancellationToken cancellationToken)
    {
        var turn = _turns.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(turn);
    }

    public void Remember(string key, int status, string body) => _answers.TryAdd(key, (status, body));

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
