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
    // What few element instances need (incidents, multi-instance, joins, interrupts, called instances, compensation, ad-hoc)
    // lives in one object made on first use: most element instances are a task or an event, and an instance has many.
    private Rare? _rare;

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
    public long? IncidentKey
    {
        get => _rare is null ? default : _rare.IncidentKey;
        set
        {
            if (_rare is not null || value is not null)
            {
                (_rare ??= new Rare()).IncidentKey = value;
            }
        }
    }

    /// <summary>The job this element waits for, if any.</summary>
    public long? JobKey { get; set; }

    /// <summary>The user task this element waits for, if any.</summary>
    public long? UserTaskKey { get; set; }

    /// <summary>The child process instance of a call activity, if any.</summary>
    public long? CalledInstanceKey
    {
        get => _rare is null ? default : _rare.CalledInstanceKey;
        set
        {
            if (_rare is not null || value is not null)
            {
                (_rare ??= new Rare()).CalledInstanceKey = value;
            }
        }
    }

    /// <summary>Timers, message and signal subscriptions owned by this element (its own catch, boundary events, event-subprocess starts).</summary>
    public List<long>? Subscriptions { get; set; }

    /// <summary>For a multi-instance body: the collection being iterated.</summary>
    public FeelList? LoopItems
    {
        get => _rare is null ? default : _rare.LoopItems;
        set
        {
            if (_rare is not null || value is not null)
            {
                (_rare ??= new Rare()).LoopItems = value;
            }
        }
    }

    /// <summary>For a multi-instance body: how many inner instances were started.</summary>
    public int LoopStarted
    {
        get => _rare is null ? default : _rare.LoopStarted;
        set
        {
            if (_rare is not null || value != 0)
            {
                (_rare ??= new Rare()).LoopStarted = value;
            }
        }
    }

    /// <summary>For a multi-instance body: how many inner instances completed.</summary>
    public int LoopCompleted
    {
        get => _rare is null ? default : _rare.LoopCompleted;
        set
        {
            if (_rare is not null || value != 0)
            {
                (_rare ??= new Rare()).LoopCompleted = value;
            }
        }
    }

    /// <summary>For a multi-instance inner instance: its 1-based loop counter; 0 otherwise.</summary>
    public int LoopCounter
    {
        get => _rare is null ? default : _rare.LoopCounter;
        set
        {
            if (_rare is not null || value != 0)
            {
                (_rare ??= new Rare()).LoopCounter = value;
            }
        }
    }

    /// <summary>True for the multi-instance body (the element the loop is attached to); its inner instances have false.</summary>
    public bool IsMultiInstanceBody { get; set; }

    /// <summary>For scopes: how many tokens arrived on each incoming flow of each joining gateway, by gateway id.</summary>
    public Dictionary<string, int[]>? Joins
    {
        get => _rare is null ? default : _rare.Joins;
        set
        {
            if (_rare is not null || value is not null)
            {
                (_rare ??= new Rare()).Joins = value;
            }
        }
    }

    /// <summary>For an element interrupted by a boundary or event subprocess: what to activate once it has terminated.</summary>
    public FlowNode? InterruptedBy
    {
        get => _rare is null ? default : _rare.InterruptedBy;
        set
        {
            if (_rare is not null || value is not null)
            {
                (_rare ??= new Rare()).InterruptedBy = value;
            }
        }
    }

    /// <summary>Variables to hand to the interrupting event once the element has terminated.</summary>
    public Dictionary<string, FeelValue>? InterruptVariables
    {
        get => _rare is null ? default : _rare.InterruptVariables;
        set
        {
            if (_rare is not null || value is not null)
            {
                (_rare ??= new Rare()).InterruptVariables = value;
            }
        }
    }

    /// <summary>For an ad-hoc subprocess that waits for its remaining inner elements: its completion condition held.</summary>
    public bool CompletionConditionMet
    {
        get => _rare is null ? default : _rare.CompletionConditionMet;
        set
        {
            if (_rare is not null || value)
            {
                (_rare ??= new Rare()).CompletionConditionMet = value;
            }
        }
    }

    /// <summary>For a compensation handler: the compensation throw or end event that started it and waits for it.</summary>
    public long? CompensationThrowKey
    {
        get => _rare is null ? default : _rare.CompensationThrowKey;
        set
        {
            if (_rare is not null || value is not null)
            {
                (_rare ??= new Rare()).CompensationThrowKey = value;
            }
        }
    }

    /// <summary>For event-based gateways and catch events: the event that triggered, once it did.</summary>
    public FlowNode? TriggeredBy
    {
        get => _rare is null ? default : _rare.TriggeredBy;
        set
        {
            if (_rare is not null || value is not null)
            {
                (_rare ??= new Rare()).TriggeredBy = value;
            }
        }
    }

    private sealed class Rare
    {
        public long? IncidentKey { get; set; }

        public long? CalledInstanceKey { get; set; }

        public FeelList? LoopItems { get; set; }

        public int LoopStarted { get; set; }

        public int LoopCompleted { get; set; }

        public int LoopCounter { get; set; }

        public Dictionary<string, int[]>? Joins { get; set; }

        public FlowNode? InterruptedBy { get; set; }

        public Dictionary<string, FeelValue>? InterruptVariables { get; set; }

        public bool CompletionConditionMet { get; set; }

        public long? CompensationThrowKey { get; set; }

        public FlowNode? TriggeredBy { get; set; }
    }
}
