namespace Orchestrator.Persistence.Rows;

/// <summary>
/// One journal transaction of one node: the keys of the engine state it wrote, so the other nodes sharing the database read
/// those again (PostgreSQL only). Nodes commit in parallel, so sequences are not commit order; <see cref="Transaction"/> (the
/// writing transaction's id) tells a reader which rows may still appear below what it read.
/// </summary>
public sealed class ChangeRow
{
    public long Sequence { get; set; }
    public int NodeId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Keys { get; set; }
    public long Transaction { get; set; }
}
