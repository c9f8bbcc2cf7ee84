namespace Orchestrator.Persistence.Rows;

/// <summary>A setting every node of a cluster follows, such as the pinned clock.</summary>
public sealed class ClusterSettingRow
{
    public required string Name { get; set; }
    public string? Value { get; set; }
}
