using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.State;

/// <summary>Work for a worker: created by a service task (and friends), activated with a lease, completed, failed or errored.</summary>
public sealed class Job
{
    private string _elementId = null!;
    private ProcessDefinition _definition = null!;

    /// <summary>The key.</summary>
    public required long Key { get; init; }

    /// <summary>The job type workers subscribe to.</summary>
    public required string Type { get; init; }

    /// <summary>The process instance.</summary>
    public required long ProcessInstanceKey { get; init; }

    /// <summary>The element instance that waits for it.</summary>
    public required long ElementInstanceKey { get; init; }

    /// <summary>The element id.</summary>
    public required string ElementId { get => _elementId; init => _elementId = value; }

    /// <summary>The process definition.</summary>
    public required ProcessDefinition Definition { get => _definition; init => _definition = value; }

    /// <summary><c>zeebe:taskHeaders</c> (and user-task details for job-based user tasks).</summary>
    public required IReadOnlyDictionary<string, string> CustomHeaders { get; init; }

    /// <summary>What the job is for: the element's own work or one of its listeners.</summary>
    public JobKind Kind { get; init; }

    /// <summary>For a listener's job: the event it runs for.</summary>
    public ListenerEventType ListenerEventType { get; init; }

    /// <summary>Retries left.</summary>
    public int Retries { get; set; }

    /// <summary>Where it stands.</summary>
    public JobState State { get; set; }

    /// <summary>The worker holding the lease, while activated.</summary>
    public string? Worker { get; set; }

    /// <summary>When the lease ends, while activated.</summary>
    public DateTimeOffset? Deadline { get; set; }

    /// <summary>After a failure with back-off: not activatable before this.</summary>
    public DateTimeOffset? RetryAt { get; set; }

    /// <summary>The last failure's message.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>The error code of the last thrown error.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>Variables a failure carried (set on the element when it is retried).</summary>
    public Dictionary<string, FeelValue>? FailureVariables { get; set; }

    /// <summary>True when a worker can activate it at <paramref name="now"/> (also when its lease ran out).</summary>
    public bool IsActivatable(DateTimeOffset now) =>
        (State == JobState.Activatable && (RetryAt is null || RetryAt <= now)) || (State == JobState.Activated && Deadline <= now);

    internal void MigrateTo(ProcessDefinition definition, string elementId)
    {
        _definition = definition;
        _elementId = elementId;
    }
}
