namespace Orchestrator.Persistence.Rows;

/// <summary>
/// A process event waiting to be published to other systems (the transactional outbox): written in the transaction that wrote
/// what it tells, deleted once the broker has it. Its id is the history position of the record it comes from, so ids follow
/// commit order, and an instance's events are published in order.
/// </summary>
public sealed class EventOutboxRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public long ProcessInstanceKey { get; set; }

    /// <summary>The event type, e.g. <c>process-instance.completed</c>.</summary>
    public required string Type { get; set; }

    /// <summary>The CloudEvents-shaped JSON to publish.</summary>
    public required string Data { get; set; }
}
