namespace Orchestrator.Persistence.Rows;

/// <summary>One history record (append-only).</summary>
public sealed class HistoryRow
{
    public long Position { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public long ProcessInstanceKey { get; set; }
    public long Key { get; set; }
    public required string ValueType { get; set; }
    public required string Intent { get; set; }
    public string? ElementId { get; set; }
    public string? Detail { get; set; }
}
