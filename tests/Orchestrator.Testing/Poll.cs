namespace Orchestrator.Testing;

/// <summary>Waits for an eventual condition of the server (a timer loop, a lease running out); never for a fixed time.</summary>
public static class Poll
{
    /// <summary>True once <paramref name="condition"/> holds, false when it did not within five seconds.</summary>
    public static async Task<bool> Until(Func<Task<bool>> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>True once <paramref name="condition"/> holds, false when it did not within five seconds.</summary>
    public static Task<bool> Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));
}
