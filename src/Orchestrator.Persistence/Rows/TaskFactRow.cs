namespace Orchestrator.Persistence.Rows;

/// <summary>A finished user task of an after-sales case, as the service-quality reports count it.</summary>
public sealed class TaskFactRow
{
    public long UserTaskKey { get; set; }
    public long ProcessInstanceKey { get; set; }
    public long ProcessDefinitionKey { get; set; }
    public required string BpmnProcessId { get; set; }
    public required string ElementId { get; set; }
    public string? Name { get; set; }

    /// <summary>The task's <c>tier</c> property (1, 2, 3), if it has one.</summary>
    public int? Tier { get; set; }

    /// <summary><c>COMPLETED</c> or <c>CANCELED</c>.</summary>
    public required string State { get; set; }
    public string? Assignee { get; set; }

    /// <summary>The task's first candidate group.</summary>
    public string? CandidateGroup { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was first assigned (claimed), if ever.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset EndedAt { get; set; }

    /// <summary>The task's SLA: <c>MET</c>, <c>BREACHED</c>, or null when it had no due date.</summary>
    public string? Sla { get; set; }

    /// <summary>Working minutes (the task's calendar, else wall-clock) from the claim — or creation — to completion.</summary>
    public double? HandlingMinutes { get; set; }
}
