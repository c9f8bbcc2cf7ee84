using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.State;

/// <summary>A Camunda user task waiting for a person.</summary>
public sealed class UserTask
{
    private string _elementId = null!;
    private ProcessDefinition _definition = null!;
    private string? _name;

    /// <summary>The key.</summary>
    public required long Key { get; init; }

    /// <summary>The process instance.</summary>
    public required long ProcessInstanceKey { get; init; }

    /// <summary>The element instance.</summary>
    public required long ElementInstanceKey { get; init; }

    /// <summary>The element id.</summary>
    public required string ElementId { get => _elementId; init => _elementId = value; }

    /// <summary>The element's name, if any.</summary>
    public string? Name { get => _name; init => _name = value; }

    /// <summary>The process definition.</summary>
    public required ProcessDefinition Definition { get => _definition; init => _definition = value; }

    /// <summary>Created, completed or canceled.</summary>
    public UserTaskState State { get; set; }

    /// <summary>Who works on it.</summary>
    public string? Assignee { get; set; }

    /// <summary>Groups whose members may claim it.</summary>
    public IReadOnlyList<string> CandidateGroups { get; set; } = [];

    /// <summary>Users who may claim it.</summary>
    public IReadOnlyList<string> CandidateUsers { get; set; } = [];

    /// <summary>When it is due.</summary>
    public DateTimeOffset? DueDate { get; set; }

    /// <summary>When to follow it up.</summary>
    public DateTimeOffset? FollowUpDate { get; set; }

    /// <summary>0 to 100; 50 by default.</summary>
    public int Priority { get; set; } = 50;

    /// <summary>The linked form's id, if any.</summary>
    public string? FormId { get; init; }

    /// <summary>The linked form's key (resolved at creation to the latest version), if any.</summary>
    public long? FormKey { get; init; }

    /// <summary>An external form reference, if any.</summary>
    public string? ExternalFormReference { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreationDate { get; init; }

    /// <summary>When it was completed or canceled.</summary>
    public DateTimeOffset? CompletionDate { get; set; }

    /// <summary>True while the task is open: created, or in a change its task listeners have not decided yet (its cancellation too).</summary>
    public bool IsOpen => State is UserTaskState.Created or UserTaskState.Creating or UserTaskState.Assigning or UserTaskState.Updating or UserTaskState.Completing or UserTaskState.Canceling;

    internal void MigrateTo(ProcessDefinition definition, FlowNode node)
    {
        _definition = definition;
        _elementId = node.Id;
        _name = node.Name;
    }
}
