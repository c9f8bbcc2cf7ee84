namespace Orchestrator.Persistence.Rows;

/// <summary>An open timer, message or signal subscription (deleted when it ends).</summary>
public sealed class SubscriptionRow
{
    public long Key { get; set; }

    /// <summary>The engine's <c>EventKind</c> name.</summary>
    public required string Kind { get; set; }
    public long ProcessDefinitionKey { get; set; }
    public long? ProcessInstanceKey { get; set; }
    public long? ElementInstanceKey { get; set; }
    public required string CatchElementId { get; set; }
    public string? Name { get; set; }
    public string? CorrelationKey { get; set; }
    public DateTimeOffset DueDate { get; set; }
    public int RepetitionsLeft { get; set; }

    /// <summary>For timers: how the next due dates are computed.</summary>
    public string? Schedule { get; set; }
}
