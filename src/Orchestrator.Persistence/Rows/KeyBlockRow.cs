namespace Orchestrator.Persistence.Rows;

/// <summary>The next unreserved key counter of one node.</summary>
public sealed class KeyBlockRow
{
    public int NodeId { get; set; }
    public long Next { get; set; }
}
