namespace Orchestrator.Persistence.Rows;

/// <summary>One deployed version of a DMN model (decision requirements graph).</summary>
public sealed class DecisionRequirementsRow
{
    public long Key { get; set; }
    public required string DecisionRequirementsId { get; set; }
    public required string Name { get; set; }
    public int Version { get; set; }
    public required string ResourceName { get; set; }
    public required string Xml { get; set; }
    public long DeploymentKey { get; set; }
    public required string Checksum { get; set; }
}
