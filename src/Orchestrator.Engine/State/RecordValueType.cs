namespace Orchestrator.Engine.State;

/// <summary>What a history record is about, as Camunda names value types (<see cref="RecordNames"/> gives the wire names).</summary>
public enum RecordValueType
{
    /// <summary>An element instance (the process itself included) or a sequence flow taken in a scope.</summary>
    Element,

    /// <summary>A variable of a scope.</summary>
    Variable,

    /// <summary>A job.</summary>
    Job,

    /// <summary>A user task.</summary>
    UserTask,

    /// <summary>An incident.</summary>
    Incident,

    /// <summary>What an operator did to the instance (cancel, set variables, resolve, update a job...), with who did it.</summary>
    Operation,

    /// <summary>A timer that fired.</summary>
    Timer,

    /// <summary>A message subscription that correlated.</summary>
    Message,

    /// <summary>A signal subscription that caught a signal.</summary>
    Signal,
}
