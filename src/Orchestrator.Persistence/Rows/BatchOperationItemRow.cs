namespace Orchestrator.Persistence.Rows;

/// <summary>One process instance of a batch operation and what the batch did to it.</summary>
public sealed class BatchOperationItemRow
{
    public long BatchOperationKey { get; set; }
    public long ProcessInstanceKey { get; set; }

    /// <summary><c>ACTIVE</c> (waiting), <c>COMPLETED</c>, <c>SKIPPED</c> (nothing to do), <c>FAILED</c> or <c>CANCELED</c>.</summary>
    public required string State { get; set; }
    public DateTimeOffset? ProcessedDate { get; set; }
    public string? ErrorMessage { get; set; }
}
