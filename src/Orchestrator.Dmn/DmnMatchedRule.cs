namespace Orchestrator.Dmn;

/// <summary>A decision table rule that matched, with the outputs it gave.</summary>
/// <param name="Id">The rule's id.</param>
/// <param name="Index">Its position in the table, from 1.</param>
/// <param name="Outputs">Its output entries' values, one per output of the table, in order.</param>
public sealed record DmnMatchedRule(string? Id, int Index, IReadOnlyList<DmnEvaluatedOutput> Outputs);
