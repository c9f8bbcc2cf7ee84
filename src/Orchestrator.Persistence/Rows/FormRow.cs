namespace Orchestrator.Persistence.Rows;

/// <summary>One deployed form version.</summary>
public sealed class FormRow
{
    public long Key { get; set; }
    public required string FormId { get; set; }
    public int Version { get; set; }
    public required string ResourceName { get; set; }
    public required string Schema { get; set; }
    public long DeploymentKey { get; set; }
    public required string Checksum { get; set; }
}
