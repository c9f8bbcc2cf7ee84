namespace Orchestrator.Engine.State;

/// <summary>The event a listener job runs for, as Camunda names them; <see cref="Unspecified"/> for an element's own job.</summary>
public enum ListenerEventType
{
    /// <summary>Not a listener's job.</summary>
    Unspecified,

    /// <summary>Execution listener: before the element's work starts (after its input mappings).</summary>
    Start,

    /// <summary>Execution listener: after the element's work (after its output mappings), before it completes.</summary>
    End,

    /// <summary>Task listener: the user task is being created.</summary>
    Creating,

    /// <summary>Task listener: the user task is being assigned (or claimed, or unassigned).</summary>
    Assigning,

    /// <summary>Task listener: the user task's schedule, priority or candidates are being changed.</summary>
    Updating,

    /// <summary>Task listener: the user task is being completed.</summary>
    Completing,

    /// <summary>Task listener: the user task is being canceled because its element is terminated.</summary>
    Canceling,
}
