namespace Orchestrator.Persistence.Rows;

/// <summary>
/// One journal transaction of one node, in commit order: the keys of the engine state it wrote, so other nodes sharing the
/// database refresh those from the database before they run a command (PostgreSQL only).
/// </summary>
public sealed class ChangeRow
{
    public long Sequence { get; set; }
    public int NodeId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Keys { get; set; }
}
