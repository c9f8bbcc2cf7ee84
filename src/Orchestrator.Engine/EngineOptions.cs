namespace Orchestrator.Engine;

/// <summary>Engine settings.</summary>
public sealed class EngineOptions
{
    /// <summary>How long <see cref="WorkflowEngine.FireDueTimers"/> keeps firing timers that became due while it ran (a guard against a zero-interval cycle). Default 10,000 firings.</summary>
    public int MaxTimerFiringsPerCall { get; init; } = 10_000;

    /// <summary>How deep and big one variable's value may be.</summary>
    public VariableLimits Limits { get; init; } = new();
}
