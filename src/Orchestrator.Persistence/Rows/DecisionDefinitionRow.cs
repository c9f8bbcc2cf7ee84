namespace Orchestrator.Persistence.Rows;

/// <summary>One deployed version of a decision, part of a version of its DMN model.</summary>
public sealed class DecisionDefinitionRow
{
    public long Key { get; set; }
    public required string DecisionId { get; set; }
    public required string Name { get; set; }
    public int Version { get; set; }
    public required string Logic { get; set; }
    public string? VersionTag { get; set; }
    public long DecisionRequirementsKey { get; set; }
    public required string DecisionRequirementsId { get; set; }
    public long DeploymentKey { get; set; }
}
