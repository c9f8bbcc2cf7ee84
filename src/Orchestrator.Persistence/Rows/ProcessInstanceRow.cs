namespace Orchestrator.Persistence.Rows;

/// <summary>A process instance: searchable columns plus the snapshot of its active element instances.</summary>
public sealed class ProcessInstanceRow
{
    public long Key { get; set; }
    public long ProcessDefinitionKey { get; set; }
    public required string BpmnProcessId { get; set; }
    public int Version { get; set; }
    public string? ProcessName { get; set; }

    /// <summary><c>ACTIVE</c>, <c>COMPLETED</c> or <c>TERMINATED</c>.</summary>
    public required string State { get; set; }
    public DateTimeOffset StartDate { get; set; }
    public DateTimeOffset? EndDate { get; set; }
    public long? ParentInstanceKey { get; set; }
    public long? ParentElementInstanceKey { get; set; }
    public string? MessageCorrelationKey { get; set; }
    public bool HasIncident { get; set; }

    /// <summary>Increases with every command; the optimistic concurrency token.</summary>
    public long Revision { get; set; }

    /// <summary>The active element instances as JSON (<c>StateSnapshots.WriteElements</c>).</summary>
    public required string Elements { get; set; }
}
