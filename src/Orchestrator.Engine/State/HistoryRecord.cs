namespace Orchestrator.Engine.State;

/// <summary>
/// One thing that happened, appended once and never changed: element lifecycle, variable changes,
/// job, user-task and incident events. Enough to draw an instance's path and measure durations.
/// </summary>
/// <param name="Position">Increasing sequence number.</param>
/// <param name="Timestamp">When (the engine clock).</param>
/// <param name="ProcessInstanceKey">The instance (0 for records outside an instance).</param>
/// <param name="Key">The record's subject: element instance, job, user task, incident or variable scope.</param>
/// <param name="ValueType">What kind of subject: an element, variable, job, user task, incident...</param>
/// <param name="Intent">What happened, e.g. element activated, created, completed.</param>
/// <param name="ElementId">The element id, when there is one.</param>
/// <param name="Detail">More: a variable's name and JSON value, an error message, the element kind.</param>
public sealed record HistoryRecord(
    long Position,
    DateTimeOffset Timestamp,
    long ProcessInstanceKey,
    long Key,
    RecordValueType ValueType,
    RecordIntent Intent,
    string? ElementId,
    string? Detail);
