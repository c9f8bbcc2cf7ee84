using Orchestrator.Feel.Values;

namespace Orchestrator.Engine;

/// <summary>Variables a modification sets in one scope (Camunda's variable instruction).</summary>
/// <param name="Variables">The variables.</param>
/// <param name="ScopeId">
/// The id of the scope they are set in: the activated element itself or one of its enclosing subprocesses; empty or null for the
/// process (Camunda's global scope).
/// </param>
public sealed record ModificationVariables(IReadOnlyDictionary<string, FeelValue> Variables, string? ScopeId = null);
