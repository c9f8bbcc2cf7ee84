namespace Orchestrator.Persistence.Rows;

/// <summary>A job of a service task (and friends).</summary>
public sealed class JobRow
{
    public long Key { get; set; }
    public required string Type { get; set; }
    public long ProcessInstanceKey { get; set; }
    public long ElementInstanceKey { get; set; }
    public required string ElementId { get; set; }
    public long ProcessDefinitionKey { get; set; }
    public required string BpmnProcessId { get; set; }
    public int Version { get; set; }

    /// <summary>Custom headers as a JSON object.</summary>
    public required string CustomHeaders { get; set; }
    public int Retries { get; set; }

    /// <summary>Camunda's job kind: <c>BPMN_ELEMENT</c>, <c>EXECUTION_LISTENER</c> or <c>TASK_LISTENER</c>.</summary>
    public string Kind { get; set; } = "BPMN_ELEMENT";

    /// <summary>For a listener's job, the event it runs for (<c>START</c>, <c>COMPLETING</c>...); <c>UNSPECIFIED</c> otherwise.</summary>
    public string ListenerEventType { get; set; } = "UNSPECIFIED";

    /// <summary>The engine's <c>JobState</c> name.</summary>
    public required string State { get; set; }
    public string? Worker { get; set; }
    public DateTimeOffset? Deadline { get; set; }
    public DateTimeOffset? RetryAt { get; set; }
    public string? ErrorMessage { get; set; }
    public string? ErrorCode { get; set; }

    /// <summary>Variables a failure carried, as a JSON object.</summary>
    public string? FailureVariables { get; set; }
}
