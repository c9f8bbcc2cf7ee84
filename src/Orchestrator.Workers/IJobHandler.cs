using Orchestrator.Engine;
using Orchestrator.Feel.Values;

namespace Orchestrator.Workers;

/// <summary>
/// An in-process job worker for one task type. It uses the same lifecycle as an external worker: its jobs
/// are activated with a lease, completed with the returned variables, failed (retries − 1, back-off) when it
/// throws, and turned into a BPMN error the model can catch when it throws <see cref="BpmnErrorException"/>.
/// </summary>
public interface IJobHandler
{
    /// <summary>The <c>zeebe:taskDefinition</c> type it works on.</summary>
    string Type { get; }

    /// <summary>Does the work; returns the variables to complete the job with (or null).</summary>
    Task<IReadOnlyDictionary<string, FeelValue>?> HandleAsync(ActivatedJob job, CancellationToken cancellationToken);
}
