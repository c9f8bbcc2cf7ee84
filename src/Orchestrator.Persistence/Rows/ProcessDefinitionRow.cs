namespace Orchestrator.Persistence.Rows;

/// <summary>One deployed process version.</summary>
public sealed class ProcessDefinitionRow
{
    public long Key { get; set; }
    public required string BpmnProcessId { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public required string ResourceName { get; set; }
    public required string Xml { get; set; }
    public long DeploymentKey { get; set; }
    public required string Checksum { get; set; }
}
