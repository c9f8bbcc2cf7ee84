namespace Orchestrator.Engine;

/// <summary>
/// The instructions of one process instance modification, applied together or not at all: activations (with the moves'
/// targets) first, then terminations (with the moves' sources), as Camunda applies them.
/// </summary>
/// <param name="Activate">Elements to activate.</param>
/// <param name="Terminate">Keys of active element instances to terminate.</param>
/// <param name="Move">Tokens to move.</param>
public sealed record ProcessInstanceModification(
    IReadOnlyList<ModificationActivation>? Activate = null,
    IReadOnlyList<long>? Terminate = null,
    IReadOnlyList<ModificationMove>? Move = null);
