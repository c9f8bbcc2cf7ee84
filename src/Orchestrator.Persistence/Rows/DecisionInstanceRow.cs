namespace Orchestrator.Persistence.Rows;

/// <summary>
/// One decision evaluated in a decision evaluation (Camunda's decision instance): the asked decision and each one it required.
/// Camunda names it <c>{evaluation key}-{index from 1}</c> (<see cref="InstanceId"/>); <see cref="Key"/> orders and pages.
/// </summary>
public sealed class DecisionInstanceRow
{
    public long Key { get; set; }
    public required string InstanceId { get; set; }
    public long EvaluationKey { get; set; }
    public int Index { get; set; }
    public long DecisionDefinitionKey { get; set; }
    public required string DecisionId { get; set; }
    public required string DecisionName { get; set; }
    public int DecisionVersion { get; set; }
    public required string DecisionType { get; set; }
    public long RootDecisionDefinitionKey { get; set; }
    public long DecisionRequirementsKey { get; set; }
    public required string State { get; set; }
    public DateTimeOffset EvaluationDate { get; set; }
    public string? Failure { get; set; }
    public required string Result { get; set; }
    public required string Inputs { get; set; }
    public required string MatchedRules { get; set; }
    public long? ProcessInstanceKey { get; set; }
    public long? ProcessDefinitionKey { get; set; }
    public long? ElementInstanceKey { get; set; }
    public string? ElementId { get; set; }
}
