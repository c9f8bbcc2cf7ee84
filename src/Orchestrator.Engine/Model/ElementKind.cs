namespace Orchestrator.Engine.Model;

/// <summary>The BPMN element kinds the engine executes.</summary>
public enum ElementKind
{
    /// <summary>The process itself (the root scope).</summary>
    Process,

    /// <summary>An embedded subprocess.</summary>
    SubProcess,

    /// <summary>An event subprocess (<c>triggeredByEvent="true"</c>).</summary>
    EventSubProcess,

    /// <summary>An ad-hoc subprocess: its inner elements run when activated, in any order, as often as activated.</summary>
    AdHocSubProcess,

    /// <summary>A call activity.</summary>
    CallActivity,

    /// <summary>A start event.</summary>
    StartEvent,

    /// <summary>An end event.</summary>
    EndEvent,

    /// <summary>An intermediate catch event.</summary>
    IntermediateCatchEvent,

    /// <summary>An intermediate throw event.</summary>
    IntermediateThrowEvent,

    /// <summary>A boundary event.</summary>
    BoundaryEvent,

    /// <summary>A service task (a job).</summary>
    ServiceTask,

    /// <summary>A send task (a job).</summary>
    SendTask,

    /// <summary>A business rule task with a task definition (a job).</summary>
    BusinessRuleTask,

    /// <summary>A script task with <c>zeebe:script</c> (FEEL) or a task definition (a job).</summary>
    ScriptTask,

    /// <summary>A receive task (waits for a message).</summary>
    ReceiveTask,

    /// <summary>A user task.</summary>
    UserTask,

    /// <summary>A manual task (passes through).</summary>
    ManualTask,

    /// <summary>A plain task (passes through).</summary>
    Task,

    /// <summary>An exclusive gateway.</summary>
    ExclusiveGateway,

    /// <summary>A parallel gateway.</summary>
    ParallelGateway,

    /// <summary>An inclusive gateway.</summary>
    InclusiveGateway,

    /// <summary>An event-based gateway.</summary>
    EventBasedGateway,
}
