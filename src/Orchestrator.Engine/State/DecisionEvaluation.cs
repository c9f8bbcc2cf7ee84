using Orchestrator.Dmn;

namespace Orchestrator.Engine.State;

/// <summary>
/// One evaluation of a decision, for audit (Camunda's decision instances): what was asked, by which process element if any,
/// every decision evaluated on the way with its inputs and matched rules, and the output or the failure.
/// </summary>
public sealed class DecisionEvaluation
{
    /// <summary>The evaluation's key.</summary>
    public required long Key { get; init; }

    /// <summary>A key for each decision instance it records (each decision evaluated, or the one failed instance), in order.</summary>
    public required IReadOnlyList<long> InstanceKeys { get; init; }

    /// <summary>The decision asked for.</summary>
    public required DecisionDefinition Decision { get; init; }

    /// <summary>When it was evaluated.</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>The process instance whose business rule task asked, if one did.</summary>
    public long? ProcessInstanceKey { get; init; }

    /// <summary>That instance's process version.</summary>
    public long? ProcessDefinitionKey { get; init; }

    /// <summary>The business rule task's element instance.</summary>
    public long? ElementInstanceKey { get; init; }

    /// <summary>The business rule task's element id.</summary>
    public string? ElementId { get; init; }

    /// <summary>The result when it succeeded.</summary>
    public DmnDecisionResult? Result { get; init; }

    /// <summary>Why it failed, when it did.</summary>
    public string? Failure { get; init; }

    /// <summary>The id of the decision that failed, when one did.</summary>
    public string? FailedDecisionId { get; init; }

    /// <summary>When it failed: the decisions evaluated before the failure, in order.</summary>
    public IReadOnlyList<DmnEvaluatedDecision> EvaluatedBeforeFailure { get; init; } = [];
}
