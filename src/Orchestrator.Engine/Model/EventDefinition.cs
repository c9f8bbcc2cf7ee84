namespace Orchestrator.Engine.Model;

/// <summary>The event definition of an event element, with the details its kind needs.</summary>
public sealed class EventDefinition
{
    /// <summary>No event definition (a none event).</summary>
    public static readonly EventDefinition None = new() { Kind = EventKind.None };

    /// <summary>The kind.</summary>
    public required EventKind Kind { get; init; }

    /// <summary>For messages: the message name (literal or FEEL).</summary>
    public ModelExpression? MessageName { get; init; }

    /// <summary>For messages other than start events: the correlation key expression.</summary>
    public ModelExpression? CorrelationKey { get; init; }

    /// <summary>For timers: how the timer is written.</summary>
    public TimerKind TimerKind { get; init; }

    /// <summary>For timers: the date, duration or cycle (literal or FEEL).</summary>
    public ModelExpression? Timer { get; init; }

    /// <summary>For errors: the error code; null on a catch event means "catch every error".</summary>
    public ModelExpression? ErrorCode { get; init; }

    /// <summary>For escalations: the escalation code; null on a catch event means "catch every escalation".</summary>
    public ModelExpression? EscalationCode { get; init; }

    /// <summary>For signals: the signal name.</summary>
    public ModelExpression? SignalName { get; init; }

    /// <summary>For links: the link name.</summary>
    public string? LinkName { get; init; }

    /// <summary>For compensation throw and end events: the one activity to compensate (<c>activityRef</c>); null compensates all.</summary>
    public string? ActivityRef { get; init; }
}
