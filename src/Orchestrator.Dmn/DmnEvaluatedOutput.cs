using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn;

/// <summary>An output entry of a matched rule as evaluated.</summary>
/// <param name="Id">The output clause's id.</param>
/// <param name="Name">Its name (<c>output</c> for an unnamed single output).</param>
/// <param name="Value">The value the rule gave it.</param>
public sealed record DmnEvaluatedOutput(string? Id, string Name, FeelValue Value);
