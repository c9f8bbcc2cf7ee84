namespace Orchestrator.Engine.State;

/// <summary>The lifecycle of a user task.</summary>
public enum UserTaskState
{
    /// <summary>Open.</summary>
    Created,

    /// <summary>Done.</summary>
    Completed,

    /// <summary>Its element was terminated.</summary>
    Canceled,
}
