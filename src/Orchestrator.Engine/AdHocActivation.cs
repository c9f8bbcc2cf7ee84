using Orchestrator.Feel.Values;

namespace Orchestrator.Engine;

/// <summary>An inner element of an ad-hoc subprocess to activate, with the local variables it starts with.</summary>
/// <param name="ElementId">The element's id.</param>
/// <param name="Variables">Its local variables, if any.</param>
public sealed record AdHocActivation(string ElementId, IReadOnlyDictionary<string, FeelValue>? Variables = null);
