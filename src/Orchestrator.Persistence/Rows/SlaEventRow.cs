namespace Orchestrator.Persistence.Rows;

/// <summary>An SLA event of a user task or a process instance: <c>WARNING</c>, <c>BREACHED</c> or <c>MET</c>, once each.</summary>
public sealed class SlaEventRow
{
    public long Id { get; set; }

    /// <summary><c>USER_TASK</c> or <c>PROCESS_INSTANCE</c>.</summary>
    public required string SubjectType { get; set; }
    public long SubjectKey { get; set; }
    public long ProcessInstanceKey { get; set; }
    public required string BpmnProcessId { get; set; }
    public string? ElementId { get; set; }

    /// <summary><c>WARNING</c>, <c>BREACHED</c> or <c>MET</c>.</summary>
    public required string Event { get; set; }
    public DateTimeOffset DueDate { get; set; }
    public DateTimeOffset At { get; set; }
}
