using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine;

/// <summary>A job handed to a worker, with what the worker needs to do it.</summary>
public sealed record ActivatedJob
{
    /// <summary>The job key.</summary>
    public required long Key { get; init; }

    /// <summary>The job type.</summary>
    public required string Type { get; init; }

    /// <summary>The process instance.</summary>
    public required long ProcessInstanceKey { get; init; }

    /// <summary>The process id.</summary>
    public required string BpmnProcessId { get; init; }

    /// <summary>The process definition key.</summary>
    public required long ProcessDefinitionKey { get; init; }

    /// <summary>The process version.</summary>
    public required int ProcessDefinitionVersion { get; init; }

    /// <summary>The element id.</summary>
    public required string ElementId { get; init; }

    /// <summary>The element instance.</summary>
    public required long ElementInstanceKey { get; init; }

    /// <summary>The task headers.</summary>
    public required IReadOnlyDictionary<string, string> CustomHeaders { get; init; }

    /// <summary>The worker that holds it.</summary>
    public required string Worker { get; init; }

    /// <summary>Retries left.</summary>
    public required int Retries { get; init; }

    /// <summary>When the lease ends.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>The variables visible at the element (all, or those asked for).</summary>
    public required IReadOnlyDictionary<string, FeelValue> Variables { get; init; }

    /// <summary>What the job is for: the element's work or one of its listeners.</summary>
    public JobKind Kind { get; init; }

    /// <summary>For a listener's job: the event it runs for.</summary>
    public ListenerEventType ListenerEventType { get; init; }
}
