using System.Diagnostics;

namespace Orchestrator.Testing;

/// <summary>Waits for an eventual condition of the server (a timer loop, a lease running out); never for a fixed time.</summary>
public static class Poll
{
    /// <summary>
    /// How long a condition may take. Generous: on a CI machine of two cores several test classes run at once and the
    /// server's background work (timers, job workers, the SLA sweep) waits its turn; a condition that holds returns at once.
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>True once <paramref name="condition"/> holds, false when it did not within <see cref="Patience"/>.</summary>
    public static async Task<bool> Until(Func<Task<bool>> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > Patience)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>True once <paramref name="condition"/> holds, false when it did not within <see cref="Patience"/>.</summary>
    public static Task<bool> Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));
}
