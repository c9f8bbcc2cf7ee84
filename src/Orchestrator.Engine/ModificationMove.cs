namespace Orchestrator.Engine;

/// <summary>
/// A modification instruction that moves tokens: the active instances of <paramref name="SourceElementId"/> (or the one element
/// instance <paramref name="SourceElementInstanceKey"/>) are terminated and <paramref name="TargetElementId"/> is activated once for
/// each, in the same scope when the target is there.
/// </summary>
/// <param name="SourceElementId">Move every active instance of this element (give this or the key).</param>
/// <param name="SourceElementInstanceKey">Move this element instance (give this or the id).</param>
/// <param name="TargetElementId">The element to activate instead.</param>
/// <param name="Variables">Variables to create or update before each target runs.</param>
public sealed record ModificationMove(string? SourceElementId, long? SourceElementInstanceKey, string TargetElementId, IReadOnlyList<ModificationVariables>? Variables = null);
