namespace Orchestrator.Engine.State;

/// <summary>What happened, as Camunda names intents (<see cref="RecordNames"/> gives the wire names).</summary>
public enum RecordIntent
{
    /// <summary>An element instance was created and is being activated.</summary>
    ElementActivating,

    /// <summary>An element instance is active (after its input mappings and start listeners).</summary>
    ElementActivated,

    /// <summary>An element instance completed.</summary>
    ElementCompleted,

    /// <summary>An element instance was terminated.</summary>
    ElementTerminated,

    /// <summary>A sequence flow was taken.</summary>
    SequenceFlowTaken,

    /// <summary>Created (a variable, job, user task, incident).</summary>
    Created,

    /// <summary>Updated (a variable's value, a user task's schedule or candidates).</summary>
    Updated,

    /// <summary>A job was leased to a worker.</summary>
    Activated,

    /// <summary>A job or user task completed.</summary>
    Completed,

    /// <summary>A job failed.</summary>
    Failed,

    /// <summary>A job's worker threw a BPMN error.</summary>
    ErrorThrown,

    /// <summary>A job or user task was canceled, or an operator canceled the instance.</summary>
    Canceled,

    /// <summary>An incident was resolved.</summary>
    Resolved,

    /// <summary>A timer, message or signal subscription triggered.</summary>
    Triggered,

    /// <summary>A user task was assigned.</summary>
    Assigned,

    /// <summary>A user task was unassigned.</summary>
    Unassigned,

    /// <summary>A user task is being created; its creating listeners run.</summary>
    Creating,

    /// <summary>A user task is being assigned; its assigning listeners run.</summary>
    Assigning,

    /// <summary>A user task is being updated; its updating listeners run.</summary>
    Updating,

    /// <summary>A user task is being completed; its completing listeners run.</summary>
    Completing,

    /// <summary>A task listener corrected the change.</summary>
    Corrected,

    /// <summary>A task listener denied an assignment.</summary>
    AssignmentDenied,

    /// <summary>A task listener denied an update.</summary>
    UpdateDenied,

    /// <summary>A task listener denied a completion.</summary>
    CompletionDenied,

    /// <summary>An operator set variables.</summary>
    VariablesSet,

    /// <summary>An operator changed a job's retries or timeout.</summary>
    JobUpdated,

    /// <summary>An operator resolved an incident.</summary>
    IncidentResolved,

    /// <summary>An operator activated elements of an ad-hoc subprocess.</summary>
    AdHocElementsActivated,

    /// <summary>An element is being terminated and waits (for a user task's canceling listeners, a called instance, or children that wait).</summary>
    ElementTerminating,

    /// <summary>A user task is being canceled: its canceling task listeners run.</summary>
    Canceling,

    /// <summary>An instance (its process element, and each active element) was migrated to another process definition.</summary>
    Migrated,

    /// <summary>An operator modified an instance: activated elements, terminated element instances, moved tokens.</summary>
    Modified,
}
