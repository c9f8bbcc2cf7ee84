namespace Orchestrator.Persistence.Rows;

/// <summary>
/// The history records one commit appended to one instance, in order (append-only). One row a commit instead of one a record:
/// an instance's commit appends seven records on average (an element's activating, activated, completing and completed, a
/// job's created and activated…), and one row of them cost PostgreSQL a third of what seven did (<see cref="Store.HistoryBlocks"/>).
/// </summary>
public sealed class HistoryBlockRow
{
    public long ProcessInstanceKey { get; set; }

    /// <summary>The first record's position; the others follow it (an instance's blocks never interleave).</summary>
    public long Position { get; set; }

    /// <summary>The records, a JSON array (<see cref="Store.HistoryBlocks"/>).</summary>
    public required string Records { get; set; }
}
