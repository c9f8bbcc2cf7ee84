using Orchestrator.Engine.State;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence.Store;

/// <summary>The decision instance rows an evaluation is stored as (what the API answers an evaluation with, before it is durable).</summary>
public static class DecisionInstances
{
    /// <summary>One row per decision evaluated, the asked one last; one failed row when the evaluation failed.</summary>
    public static IReadOnlyList<DecisionInstanceRow> Of(DecisionEvaluation evaluation) => [.. RowMapper.ToRows(evaluation)];
}
