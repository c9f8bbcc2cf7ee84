using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.State;

/// <summary>One deployed version of a process.</summary>
public sealed class ProcessDefinition
{
    /// <summary>The unique key of this version.</summary>
    public required long Key { get; init; }

    /// <summary>The process id.</summary>
    public required string BpmnProcessId { get; init; }

    /// <summary>The version, from 1, per process id.</summary>
    public required int Version { get; init; }

    /// <summary>The resource (file) name it came from.</summary>
    public required string ResourceName { get; init; }

    /// <summary>The whole BPMN resource text.</summary>
    public required string Xml { get; init; }

    /// <summary>The deployment that created this version.</summary>
    public required long DeploymentKey { get; init; }

    /// <summary>The parsed, validated graph.</summary>
    public required ProcessModel Model { get; init; }

    /// <summary>A hash of the resource content, to tell an unchanged redeployment.</summary>
    public required string Checksum { get; init; }

    /// <summary>The process name, if any.</summary>
    public string? Name => Model.Name;
}
