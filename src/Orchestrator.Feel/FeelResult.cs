using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel;

/// <summary>The outcome of evaluating an expression: always a value (FEEL null on failure) and the warnings met on the way.</summary>
/// <param name="Value">The result.</param>
/// <param name="Warnings">Warnings such as a missing variable or a type mismatch; empty when none.</param>
public readonly record struct FeelResult(FeelValue Value, IReadOnlyList<FeelWarning> Warnings)
{
    /// <summary>True when evaluation met no problem.</summary>
    public bool HasWarnings => Warnings.Count > 0;
}
