namespace Orchestrator.Engine.State;

/// <summary>One deployed version of a form (a form-js schema with an <c>id</c>).</summary>
public sealed class FormDefinition
{
    /// <summary>The unique key of this version.</summary>
    public required long Key { get; init; }

    /// <summary>The form id (the schema's <c>id</c>).</summary>
    public required string FormId { get; init; }

    /// <summary>The version, from 1, per form id.</summary>
    public required int Version { get; init; }

    /// <summary>The resource (file) name it came from.</summary>
    public required string ResourceName { get; init; }

    /// <summary>The schema JSON text.</summary>
    public required string Schema { get; init; }

    /// <summary>The deployment that created this version.</summary>
    public required long DeploymentKey { get; init; }

    /// <summary>A hash of the content.</summary>
    public required string Checksum { get; init; }
}
