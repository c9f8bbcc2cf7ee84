namespace Orchestrator.Persistence.Store;

/// <summary>One row a command wrote: inserted, replaced, deleted, or only some columns set (<see cref="Patched"/>).</summary>
/// <param name="Row">The row, copied at commit.</param>
/// <param name="Op">What to do with it.</param>
/// <param name="Id">Its primary key (for merging changes to the same row within a batch).</param>
/// <param name="ExpectedRevision">For process instances and buffered messages that existed before: the revision the database must still hold.</param>
/// <param name="Patched">For <see cref="RowOp.Patch"/>: the columns set.</param>
internal sealed record RowChange(object Row, RowOp Op, object Id, long? ExpectedRevision = null, string[]? Patched = null);
