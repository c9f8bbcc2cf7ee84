namespace Orchestrator.Engine;

/// <summary>
/// A mapping instruction of a process instance migration: the active element <paramref name="SourceElementId"/> of the
/// instance's definition continues as <paramref name="TargetElementId"/> of the target definition.
/// </summary>
/// <param name="SourceElementId">An element of the instance's current definition.</param>
/// <param name="TargetElementId">An element of the target definition, of the same type.</param>
public sealed record MigrationMapping(string SourceElementId, string TargetElementId);
