namespace Orchestrator.Server.Hosting;

/// <summary>
/// The server's clock: the system clock, or a pinned instant while clock control is on and a client
/// pinned it (<c>PUT /v2/clock</c>). Tests and demos move time with it instead of waiting.
/// </summary>
public sealed class ControllableClock : TimeProvider
{
    private DateTimeOffset? _pinned;

    /// <summary>Raised after the time was pinned or reset.</summary>
    public event Action? Changed;

    /// <summary>The pinned instant, if any.</summary>
    public DateTimeOffset? Pinned => _pinned;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _pinned ?? System.GetUtcNow();

    /// <summary>Stops the clock at <paramref name="instant"/>.</summary>
    public void Pin(DateTimeOffset instant)
    {
        _pinned = instant;
        Changed?.Invoke();
    }

    /// <summary>Back to the system clock.</summary>
    public void Reset()
    {
        _pinned = null;
        Changed?.Invoke();
    }
}
