namespace Orchestrator.Engine.State;

/// <summary>A problem that parked a token until an operator resolves it.</summary>
public sealed class Incident
{
    private string _elementId = null!;
    private ProcessDefinition _definition = null!;

    /// <summary>The key.</summary>
    public required long Key { get; init; }

    /// <summary>What went wrong.</summary>
    public required IncidentType Type { get; init; }

    /// <summary>A readable explanation.</summary>
    public required string ErrorMessage { get; init; }

    /// <summary>The process instance.</summary>
    public required long ProcessInstanceKey { get; init; }

    /// <summary>The element instance whose step failed.</summary>
    public required long ElementInstanceKey { get; init; }

    /// <summary>The element id.</summary>
    public required string ElementId { get => _elementId; init => _elementId = value; }

    /// <summary>The process definition.</summary>
    public required ProcessDefinition Definition { get => _definition; init => _definition = value; }

    /// <summary>The job, for job incidents.</summary>
    public long? JobKey { get; init; }

    /// <summary>When it was raised.</summary>
    public required DateTimeOffset CreationTime { get; init; }

    /// <summary>Active until resolved (or its instance ended).</summary>
    public LifecycleState State { get; set; }

    internal void MigrateTo(ProcessDefinition definition, string elementId)
    {
        _definition = definition;
        _elementId = elementId;
    }
}
