using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn;

/// <summary>A decision table rule that matched, with the outputs it gave.</summary>
/// <param name="Id">The rule's id.</param>
/// <param name="Index">Its position in the table, from 1.</param>
/// <param name="Outputs">Its output entries' values by output name (the single output of a table is named by its name or <c>output</c>).</param>
public sealed record DmnMatchedRule(string? Id, int Index, IReadOnlyList<KeyValuePair<string, FeelValue>> Outputs);
