namespace Orchestrator.Engine.State;

/// <summary>The outcome of a deployment: the process, form and decision versions it holds (new or unchanged ones).</summary>
/// <param name="Key">The deployment key.</param>
/// <param name="Processes">One version per deployed process, in resource order.</param>
/// <param name="Forms">One version per deployed form.</param>
/// <param name="DecisionRequirements">One version per deployed DMN model, with its decisions.</param>
public sealed record Deployment(long Key, IReadOnlyList<ProcessDefinition> Processes, IReadOnlyList<FormDefinition> Forms, IReadOnlyList<DecisionRequirements> DecisionRequirements);
