namespace Orchestrator.Persistence.Rows;

/// <summary>A user task.</summary>
public sealed class UserTaskRow
{
    /// <summary>
    /// The tasks the engine keeps live: open, or in a change its task listeners decide (not completed or canceled). As an
    /// expression, so the database filters. <c>StateRows.Read</c> writes the same condition in SQL.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<UserTaskRow, bool>> Live = t => t.State != "COMPLETED" && t.State != "CANCELED";

    public long Key { get; set; }
    public long ProcessInstanceKey { get; set; }
    public long ElementInstanceKey { get; set; }
    public required string ElementId { get; set; }
    public string? Name { get; set; }
    public long ProcessDefinitionKey { get; set; }
    public required string BpmnProcessId { get; set; }
    public int Version { get; set; }

    /// <summary><c>CREATED</c>, <c>COMPLETED</c> or <c>CANCELED</c>.</summary>
    public required string State { get; set; }
    public string? Assignee { get; set; }

    /// <summary>Candidate groups, each wrapped in bars (<c>|agents|leads|</c>) so a LIKE finds one exactly.</summary>
    public required string CandidateGroups { get; set; }

    /// <summary>Candidate users, wrapped like <see cref="CandidateGroups"/>.</summary>
    public required string CandidateUsers { get; set; }
    public DateTimeOffset? DueDate { get; set; }
    public DateTimeOffset? FollowUpDate { get; set; }
    public int Priority { get; set; }
    public string? FormId { get; set; }
    public long? FormKey { get; set; }
    public string? ExternalFormReference { get; set; }
    public DateTimeOffset CreationDate { get; set; }
    public DateTimeOffset? CompletionDate { get; set; }
}
