namespace Orchestrator.Engine;

/// <summary>Engine settings.</summary>
public sealed class EngineOptions
{
    /// <summary>How long <see cref="WorkflowEngine.FireDueTimers"/> keeps firing timers that became due while it ran (a guard against a zero-interval cycle). Default 10,000 firings.</summary>
    public int MaxTimerFiringsPerCall { get; init; } = 10_000;

    /// <summary>
    /// How many steps (an element activated or completed) one command may run in one instance and the instances it called
    /// before the element it reached gets an incident: a model that loops without a wait state would otherwise run
    /// forever while holding the engine. Default 100,000.
    /// </summary>
    public int MaxStepsPerInstance { get; init; } = 100_000;

    /// <summary>
    /// How many instances deep a call chain may go (the root is 1): a call activity that would start an instance deeper gets an
    /// incident. A process that calls itself without end otherwise started instances until the step limit stopped it, 33,334 of
    /// them (1.3 GB) in one request. Default 1,000.
    /// </summary>
    public int MaxCallDepth { get; init; } = 1_000;

    /// <summary>How deep and big one variable's value may be.</summary>
    public VariableLimits Limits { get; init; } = new();
}
