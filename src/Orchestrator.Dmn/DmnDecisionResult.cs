using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn;

/// <summary>The result of evaluating a decision (or a decision service): its value, every decision evaluated for it, and the warnings met.</summary>
/// <param name="Value">The decision's output.</param>
/// <param name="Decisions">Every decision evaluated, required ones first, the asked one last.</param>
/// <param name="Warnings">FEEL warnings and values that did not conform to their declared type.</param>
public sealed record DmnDecisionResult(FeelValue Value, IReadOnlyList<DmnEvaluatedDecision> Decisions, IReadOnlyList<FeelWarning> Warnings);
