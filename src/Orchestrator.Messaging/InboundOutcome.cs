namespace Orchestrator.Messaging;

/// <summary>How a received message is settled.</summary>
public sealed record InboundOutcome
{
    private InboundOutcome(InboundSettlement settlement, string? reason)
    {
        Settlement = settlement;
        Reason = reason;
    }

    /// <summary>How long a message given back waits before the broker has it again: what failed (the database) gets a moment.</summary>
    public static TimeSpan RetryDelay { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Handled (or a duplicate of one handled): removed from the queue.</summary>
    public static InboundOutcome Completed { get; } = new(InboundSettlement.Complete, null);

    /// <summary>What to do with it.</summary>
    public InboundSettlement Settlement { get; }

    /// <summary>Why it was dead-lettered or given back.</summary>
    public string? Reason { get; }

    /// <summary>It can never be handled (not JSON, a FEEL error, no correlation key): to the dead-letter queue, with the reason.</summary>
    public static InboundOutcome DeadLetter(string reason) => new(InboundSettlement.DeadLetter, reason);

    /// <summary>It could not be handled now (the engine is not reachable): given back to be delivered again.</summary>
    public static InboundOutcome Retry(string reason) => new(InboundSettlement.Retry, reason);
}

/// <summary>The three ways to settle a received message.</summary>
public enum InboundSettlement
{
    /// <summary>Remove it (RabbitMQ ack, Service Bus complete).</summary>
    Complete,

    /// <summary>Move it to the dead-letter queue (RabbitMQ <c>&lt;queue&gt;.dlq</c>, Service Bus's own).</summary>
    DeadLetter,

    /// <summary>Give it back (RabbitMQ nack with requeue, Service Bus abandon).</summary>
    Retry,
}
