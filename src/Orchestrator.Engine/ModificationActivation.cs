namespace Orchestrator.Engine;

/// <summary>
/// A modification instruction that activates an element of the instance's definition (Camunda's activate instruction).
/// </summary>
/// <param name="ElementId">The element to activate.</param>
/// <param name="AncestorElementInstanceKey">
/// The active instance of the element's enclosing subprocess to activate it in; needed only when that subprocess runs more than once.
/// </param>
/// <param name="Variables">Variables to create or update before the element runs, each set in its scope.</param>
public sealed record ModificationActivation(string ElementId, long? AncestorElementInstanceKey = null, IReadOnlyList<ModificationVariables>? Variables = null);
