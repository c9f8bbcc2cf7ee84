namespace Orchestrator.Persistence.Rows;

/// <summary>
/// One after-sales case (a root instance of a process that declares <c>tracking.caseType</c>) as the service-quality
/// reports count it: written when the case starts, completed when it ends. Durations are stored in minutes so the database
/// averages them.
/// </summary>
public sealed class CaseFactRow
{
    public long ProcessInstanceKey { get; set; }
    public required string BpmnProcessId { get; set; }
    public long ProcessDefinitionKey { get; set; }

    /// <summary><c>ACTIVE</c> until the case ends, then <c>COMPLETED</c> or <c>TERMINATED</c>.</summary>
    public required string State { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the customer was told the outcome (the <c>resolvedAt</c> variable), else the end.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The day <see cref="ResolvedAt"/> falls on in the reports' zone, as days since 1970-01-01 (trends group by it).</summary>
    public int? ResolvedDay { get; set; }
    public string? CustomerId { get; set; }
    public string? OrderId { get; set; }
    public string? Channel { get; set; }
    public string? Language { get; set; }
    public string? Country { get; set; }
    public string? ReasonCode { get; set; }
    public string? Sku { get; set; }
    public string? Category { get; set; }
    public string? Carrier { get; set; }
    public string? Supplier { get; set; }

    /// <summary>Minutes from the start to the first human action or customer-facing message.</summary>
    public double? FirstResponseMinutes { get; set; }

    /// <summary>Minutes from the start to <see cref="ResolvedAt"/>.</summary>
    public double? ResolutionMinutes { get; set; }

    /// <summary>User tasks people completed in the case.</summary>
    public int TasksCompleted { get; set; }

    /// <summary>The highest tier (user-task property <c>tier</c>) the case reached, if its process has tiers.</summary>
    public int? MaxTier { get; set; }

    /// <summary>Who completed the case's last user task, and that task's first candidate group.</summary>
    public string? Resolver { get; set; }
    public string? ResolverGroup { get; set; }

    /// <summary>Completed with at most one user task and never past tier 1; null while open or when it did not complete.</summary>
    public bool? FirstContact { get; set; }

    /// <summary>The later case of the same order (or customer) started within the reopen window after this one ended.</summary>
    public long? ReopenedBy { get; set; }
    public int? Csat { get; set; }
    public int? Nps { get; set; }
}
