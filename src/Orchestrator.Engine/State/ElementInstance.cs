using Orchestrator.Engine.Model;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.State;

/// <summary>
/// An active element of a process instance: a token resting in (or passing through) a flow node,
/// or a scope (the process, a subprocess, a multi-instance body) holding others. Only active
/// element instances are kept on the instance; history records the rest.
/// </summary>
public sealed class ElementInstance
{
    /// <summary>The unique key.</summary>
    public required long Key { get; init; }

    /// <summary>The flow node.</summary>
    public required FlowNode Node { get; init; }

    /// <summary>The element instance of the enclosing scope; null for the process itself.</summary>
    public required ElementInstance? Scope { get; init; }

    /// <summary>The local variables of this scope.</summary>
    public Dictionary<string, FeelValue>? Variables { get; set; }

    /// <summary>How many element instances are active directly inside this scope.</summary>
    public int ActiveChildren { get; set; }

    /// <summary>The step to run again when an incident on this element is resolved.</summary>
    public PendingStep PendingStep { get; set; }

    /// <summary>The open incident on this element, if any.</summary>
    public long? IncidentKey { get; set; }

    /// <summary>The job this element waits for, if any.</summary>
    public long? JobKey { get; set; }

    /// <summary>The user task this element waits for, if any.</summary>
    public long? UserTaskKey { get; set; }

    /// <summary>The child process instance of a call activity, if any.</summary>
    public long? CalledInstanceKey { get; set; }

    /// <summary>Timers, message and signal subscriptions owned by this element (its own catch, boundary events, event-subprocess starts).</summary>
    public List<long>? Subscriptions { get; set; }

    /// <summary>For a multi-instance body: the collection being iterated.</summary>
    public FeelList? LoopItems { get; set; }

    /// <summary>For a multi-instance body: how many inner instances were started.</summary>
    public int LoopStarted { get; set; }

    /// <summary>For a multi-instance body: how many inner instances completed.</summary>
    public int LoopCompleted { get; set; }

    /// <summary>For a multi-instance inner instance: its 1-based loop counter; 0 otherwise.</summary>
    public int LoopCounter { get; set; }

    /// <summary>True for the multi-instance body (the element the loop is attached to); its inner instances have false.</summary>
    public bool IsMultiInstanceBody { get; set; }

    /// <summary>For scopes: how many tokens arrived on each incoming flow of each joining gateway, by gateway id.</summary>
    public Dictionary<string, int[]>? Joins { get; set; }

    /// <summary>For an element interrupted by a boundary or event subprocess: what to activate once it has terminated.</summary>
    public FlowNode? InterruptedBy { get; set; }

    /// <summary>Variables to hand to the interrupting event once the element has terminated.</summary>
    public Dictionary<string, FeelValue>? InterruptVariables { get; set; }

    /// <summary>For an ad-hoc subprocess that waits for its remaining inner elements: its completion condition held.</summary>
    public bool CompletionConditionMet { get; set; }

    /// <summary>For a compensation handler: the compensation throw or end event that started it and waits for it.</summary>
    public long? CompensationThrowKey { get; set; }

    /// <summary>For event-based gateways and catch events: the event that triggered, once it did.</summary>
    public FlowNode? TriggeredBy { get; set; }
}
