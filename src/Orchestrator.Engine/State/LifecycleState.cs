namespace Orchestrator.Engine.State;

/// <summary>Where a process instance or a record stands.</summary>
public enum LifecycleState
{
    /// <summary>Running, or waiting.</summary>
    Active,

    /// <summary>Finished normally.</summary>
    Completed,

    /// <summary>Cancelled or interrupted.</summary>
    Terminated,
}
