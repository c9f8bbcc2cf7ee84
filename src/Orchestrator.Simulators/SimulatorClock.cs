namespace Orchestrator.Simulators;

/// <summary>The simulators' clock: real time, or a pinned instant (<c>PUT /_sim/clock</c>).</summary>
public sealed class SimulatorClock : TimeProvider
{
    private DateTimeOffset? _pinned;

    /// <summary>Raised after the clock was pinned or reset.</summary>
    public event Action? Changed;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _pinned ?? System.GetUtcNow();

    /// <summary>Stops the clock at <paramref name="instant"/>.</summary>
    public void Pin(DateTimeOffset instant)
    {
        _pinned = instant;
        Changed?.Invoke();
    }

    /// <summary>Back to real time.</summary>
    public void Reset()
    {
        _pinned = null;
        Changed?.Invoke();
    }
}
