namespace Orchestrator.Engine.Model;

/// <summary>The event definition of an event (none when it has none).</summary>
public enum EventKind
{
    /// <summary>No event definition.</summary>
    None,

    /// <summary>A message.</summary>
    Message,

    /// <summary>A timer.</summary>
    Timer,

    /// <summary>A signal.</summary>
    Signal,

    /// <summary>A BPMN error.</summary>
    Error,

    /// <summary>An escalation.</summary>
    Escalation,

    /// <summary>A terminate end event.</summary>
    Terminate,

    /// <summary>A link (throw/catch pair within one scope).</summary>
    Link,

    /// <summary>Compensation: a boundary event that marks an activity undoable, a throw or end event that undoes, an event-subprocess start.</summary>
    Compensation,
}
