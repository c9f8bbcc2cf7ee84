using Orchestrator.Dmn;

namespace Orchestrator.Engine.State;

/// <summary>One deployed version of a DMN model (a decision requirements graph) and the decisions it holds.</summary>
public sealed class DecisionRequirements
{
    /// <summary>The unique key of this version.</summary>
    public required long Key { get; init; }

    /// <summary>The id of the model's definitions (Camunda's decision requirements id).</summary>
    public required string DecisionRequirementsId { get; init; }

    /// <summary>The definitions' name.</summary>
    public required string Name { get; init; }

    /// <summary>The version, from 1, per decision requirements id.</summary>
    public required int Version { get; init; }

    /// <summary>The resource (file) name it came from.</summary>
    public required string ResourceName { get; init; }

    /// <summary>The DMN XML.</summary>
    public required string Xml { get; init; }

    /// <summary>The deployment that created this version.</summary>
    public required long DeploymentKey { get; init; }

    /// <summary>A hash of the content.</summary>
    public required string Checksum { get; init; }

    /// <summary>The parsed model, ready to evaluate.</summary>
    public required DmnModelSet Model { get; init; }

    /// <summary>The decisions of this version, in model order.</summary>
    public List<DecisionDefinition> Decisions { get; } = [];
}
