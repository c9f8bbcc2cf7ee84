namespace Orchestrator.Persistence.Rows;

/// <summary>An incident.</summary>
public sealed class IncidentRow
{
    public long Key { get; set; }

    /// <summary>The engine's <c>IncidentType</c> name.</summary>
    public required string Type { get; set; }
    public required string ErrorMessage { get; set; }
    public long ProcessInstanceKey { get; set; }
    public long ElementInstanceKey { get; set; }
    public required string ElementId { get; set; }
    public long ProcessDefinitionKey { get; set; }
    public required string BpmnProcessId { get; set; }
    public long? JobKey { get; set; }
    public DateTimeOffset CreationTime { get; set; }

    /// <summary><c>ACTIVE</c> or <c>RESOLVED</c>.</summary>
    public required string State { get; set; }
}
