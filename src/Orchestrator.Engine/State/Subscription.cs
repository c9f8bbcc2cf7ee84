using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.State;

/// <summary>
/// Something an instance (or a deployed definition, for start events) waits for: a timer, a
/// message by name and correlation key, or a signal by name.
/// </summary>
public sealed class Subscription
{
    private ProcessDefinition _definition = null!;
    private FlowNode _catchElement = null!;

    /// <summary>The key.</summary>
    public required long Key { get; init; }

    /// <summary>Timer, message or signal.</summary>
    public required EventKind Kind { get; init; }

    /// <summary>The definition the catch element belongs to.</summary>
    public required ProcessDefinition Definition { get => _definition; init => _definition = value; }

    /// <summary>The instance; null for a start event of a definition (it starts a new instance).</summary>
    public long? ProcessInstanceKey { get; init; }

    /// <summary>The element instance that owns the subscription (the activity of a boundary event, the scope of an event subprocess, the gateway, the catch event itself); null for start events.</summary>
    public long? ElementInstanceKey { get; init; }

    /// <summary>The element that the event triggers.</summary>
    public required FlowNode CatchElement { get => _catchElement; init => _catchElement = value; }

    /// <summary>For messages and signals: the name.</summary>
    public string? Name { get; init; }

    /// <summary>For messages: the correlation key.</summary>
    public string? CorrelationKey { get; init; }

    /// <summary>For timers: when it fires next.</summary>
    public DateTimeOffset DueDate { get; set; }

    /// <summary>For timers: how many firings are left (-1 for ever).</summary>
    public int RepetitionsLeft { get; set; }

    /// <summary>For timer cycles: how to compute the next due date.</summary>
    internal Execution.Timers.TimerSchedule? Schedule { get; init; }

    /// <summary>Active until it triggered for the last time or its owner left.</summary>
    public LifecycleState State { get; set; }

    internal void MigrateTo(ProcessDefinition definition, FlowNode catchElement)
    {
        _definition = definition;
        _catchElement = catchElement;
    }
}
