namespace Orchestrator.Persistence.Rows;

/// <summary>A completed user task picked for quality review, and the review's outcome once a reviewer finished it.</summary>
public sealed class QualitySampleRow
{
    public long UserTaskKey { get; set; }
    public long ProcessInstanceKey { get; set; }
    public required string BpmnProcessId { get; set; }
    public required string ElementId { get; set; }
    public string? Agent { get; set; }
    public string? AgentGroup { get; set; }
    public DateTimeOffset SampledAt { get; set; }

    /// <summary>Why it was picked, comma-separated: <c>rate</c>, <c>sla-breached</c>, <c>tier3</c>, <c>amount</c>, <c>low-csat</c>.</summary>
    public required string Reasons { get; set; }

    /// <summary>The <c>quality-review</c> instance; null until it is started.</summary>
    public long? ReviewInstanceKey { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? Reviewer { get; set; }
    public double? Score { get; set; }

    /// <summary>The red lines the reviewer found, comma-separated; empty when none.</summary>
    public string? RedLines { get; set; }
    public int RedLineCount { get; set; }
}
