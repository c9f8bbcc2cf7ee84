namespace Orchestrator.Engine.State;

/// <summary>Incident types, named as Camunda names them.</summary>
public enum IncidentType
{
    /// <summary>A job ran out of retries.</summary>
    JobNoRetries,

    /// <summary>An execution listener's job ran out of retries.</summary>
    ExecutionListenerNoRetries,

    /// <summary>A task listener's job ran out of retries.</summary>
    TaskListenerNoRetries,

    /// <summary>No gateway condition held and there is no default flow, or a condition is not boolean.</summary>
    ConditionError,

    /// <summary>An input or output mapping failed.</summary>
    IoMappingError,

    /// <summary>An expression (job type, timer, correlation key, collection...) failed.</summary>
    ExtractValueError,

    /// <summary>A BPMN error found no catch event.</summary>
    UnhandledErrorEvent,

    /// <summary>A call activity's process does not exist.</summary>
    CalledElementError,

    /// <summary>A business rule task's decision is not deployed (Zeebe's CALLED_DECISION_ERROR).</summary>
    CalledDecisionError,

    /// <summary>A business rule task's decision failed to evaluate (Zeebe's DECISION_EVALUATION_ERROR).</summary>
    DecisionEvaluationError,

    /// <summary>Anything else: the instance ran more steps in one command than <see cref="EngineOptions.MaxStepsPerInstance"/> (a loop without a wait state).</summary>
    Unknown,
}
