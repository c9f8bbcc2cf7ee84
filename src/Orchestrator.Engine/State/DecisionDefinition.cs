namespace Orchestrator.Engine.State;

/// <summary>One deployed version of a decision: part of a version of its decision requirements graph.</summary>
public sealed class DecisionDefinition
{
    /// <summary>The unique key of this version.</summary>
    public required long Key { get; init; }

    /// <summary>The decision's id in the DMN model.</summary>
    public required string DecisionId { get; init; }

    /// <summary>Its name.</summary>
    public required string Name { get; init; }

    /// <summary>The version, from 1, per decision id.</summary>
    public required int Version { get; init; }

    /// <summary>What its logic is (<c>decisionTable</c>, <c>literalExpression</c>…).</summary>
    public required string Logic { get; init; }

    /// <summary>Camunda's version tag of the decision, if any.</summary>
    public string? VersionTag { get; init; }

    /// <summary>The decision requirements version that holds it.</summary>
    public required DecisionRequirements Requirements { get; init; }
}
