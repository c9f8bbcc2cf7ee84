using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn;

/// <summary>A decision table input as evaluated.</summary>
/// <param name="Id">The input clause's id.</param>
/// <param name="Label">Its label (or its expression's text).</param>
/// <param name="Value">The value its expression gave.</param>
public sealed record DmnEvaluatedInput(string? Id, string Label, FeelValue Value);
