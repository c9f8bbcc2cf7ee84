namespace Orchestrator.Persistence.Rows;

/// <summary>A batch operation over the process instances a filter matched (Camunda 8.8's batch operations).</summary>
public sealed class BatchOperationRow
{
    public long Key { get; set; }

    /// <summary><c>RESOLVE_INCIDENT</c>, <c>CANCEL_PROCESS_INSTANCE</c> or <c>MIGRATE_PROCESS_INSTANCE</c>.</summary>
    public required string Type { get; set; }

    /// <summary><c>ACTIVE</c>, <c>COMPLETED</c> or <c>CANCELED</c>.</summary>
    public required string State { get; set; }
    public DateTimeOffset StartDate { get; set; }
    public DateTimeOffset? EndDate { get; set; }
    public int TotalCount { get; set; }
    public int CompletedCount { get; set; }
    public int FailedCount { get; set; }

    /// <summary>Who started it.</summary>
    public string? Actor { get; set; }

    /// <summary>A migration's plan as JSON (<c>{targetProcessDefinitionKey, mappingInstructions}</c>); null for the other types.</summary>
    public string? Plan { get; set; }
}
