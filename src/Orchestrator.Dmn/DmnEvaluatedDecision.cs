using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn;

/// <summary>One decision evaluated on the way to a result, for audit: its output, the decision table inputs it read and the rules that matched.</summary>
/// <param name="Id">The decision's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Namespace">The namespace of the model that holds it.</param>
/// <param name="Logic">What its logic is: <c>decisionTable</c>, <c>literalExpression</c>, <c>context</c>… (the DMN element name).</param>
/// <param name="Result">Its output.</param>
/// <param name="Inputs">The values of its decision table's inputs (none when its logic is not a table).</param>
/// <param name="MatchedRules">The rules that matched, in rule order (none when its logic is not a table).</param>
public sealed record DmnEvaluatedDecision(
    string Id,
    string Name,
    string Namespace,
    string Logic,
    FeelValue Result,
    IReadOnlyList<DmnEvaluatedInput> Inputs,
    IReadOnlyList<DmnMatchedRule> MatchedRules);
