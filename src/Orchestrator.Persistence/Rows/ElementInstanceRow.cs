namespace Orchestrator.Persistence.Rows;

/// <summary>An element instance as the operations views search it (a projection of the history).</summary>
public sealed class ElementInstanceRow
{
    public long Key { get; set; }
    public long ProcessInstanceKey { get; set; }
    public long ProcessDefinitionKey { get; set; }
    public required string BpmnProcessId { get; set; }
    public required string ElementId { get; set; }
    public string? ElementName { get; set; }

    /// <summary>The Camunda element type, e.g. <c>SERVICE_TASK</c>.</summary>
    public required string Type { get; set; }

    /// <summary><c>ACTIVE</c>, <c>COMPLETED</c> or <c>TERMINATED</c>.</summary>
    public required string State { get; set; }
    public DateTimeOffset StartDate { get; set; }
    public DateTimeOffset? EndDate { get; set; }
    public long? IncidentKey { get; set; }
}
